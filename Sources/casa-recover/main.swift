print("casa-recover: not implemented yet")
