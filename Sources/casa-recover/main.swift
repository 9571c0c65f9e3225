// Entry point only: the commands live in CasaRecover.swift and one file per subcommand.
await CasaRecover.main()
