// LNDClient tests live here.
