print("casa-backupd: not implemented yet")
