print("lnd-sim: not implemented yet")
