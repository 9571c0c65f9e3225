import ArgumentParser

extension CasaBackupd {
    struct Unlock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unlock",
            abstract: "Sealed auto-unlock: lnd unlocks itself after a reboot, without a plaintext password on disk.",
            discussion: "The wallet password is sealed under a local share (state_dir/unlock.seal, 0600) and a share the vault releases only to this device, while it is not revoked and the node was seen alive within the owner's release window. See docs/design.md §6 and SECURITY.md.",
            subcommands: [Setup.self, Status.self, Disable.self])
    }
}
