print("casa-vault: not implemented yet")
