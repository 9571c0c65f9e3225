import ArgumentParser
import BlobStorage
import Foundation
import Logging
import VaultAPI
import VaultServer
import Codecs

extension CasaVault {
    /// Operator commands. They show keys, sizes and dates, never blob contents.
    struct Account: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Inspect and disable accounts (operator tools; never shows blob contents).",
            subcommands: [List.self, Usage.self, Disable.self])
    }
}

extension CasaVault.Account {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts with usage, devices and last heartbeat.")
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let repository = try await open(storage)
            let accounts = try await repository.listAccounts()
            print("account                                                           used_bytes  devices  disabled  last_heartbeat_ms")
            for account in accounts {
                let active = account.devices.filter { !$0.isRevoked }.count
                print("\(account.id.hex)  \(String(account.usedBytes).padding(toLength: 10, withPad: " ", startingAt: 0))  \(String(active).padding(toLength: 7, withPad: " ", startingAt: 0))  \(account.disabled ? "yes     " : "no      ")  \(account.lastHeartbeatAt.map(String.init) ?? "-")")
            }
            print("\(accounts.count) account(s)")
            try await repository.close()
        }
    }

    struct Usage: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one account's blobs: names, versions, sizes (no contents).")
        @OptionGroup var storage: StorageOptions
        @Argument(help: "The account id (64 hex digits).") var account: String

        func run() async throws {
            guard let id = AccountID(hex: account) else { throw ValidationError("the account id must be 64 hex digits") }
            let repository = try await open(storage)
            guard let record = try await repository.account(id) else { throw ValidationError("no account \(account)") }
            print("account \(id.hex): \(record.usedBytes) bytes, \(record.devices.count) device(s), disabled: \(record.disabled)")
            let usage = try await repository.deviceUsage(id)
            for device in record.devices {
                let state = device.isRevoked ? "revoked" : "active"
                print("  device \(Hex.encode(device.key).prefix(16))… \(device.label) (\(state)): uploaded \(usage[device.key] ?? 0) bytes kept")
            }
            for summary in try await repository.listBlobs(id) {
                print("  \(summary.name): latest version \(summary.latest.version), \(summary.versionCount) kept, latest \(summary.latest.size) bytes")
            }
            try await repository.close()
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account (every request gets 403); --enable undoes it.")
        @OptionGroup var storage: StorageOptions
        @Argument(help: "The account id (64 hex digits).") var account: String
        @Flag(name: .long, help: "Enable the account again.") var enable = false

        func run() async throws {
            guard let id = AccountID(hex: account) else { throw ValidationError("the account id must be 64 hex digits") }
            let repository = try await open(storage)
            guard try await repository.account(id) != nil else { throw ValidationError("no account \(account)") }
            try await repository.setDisabled(id, !enable)
            print("account \(id.hex) \(enable ? "enabled" : "disabled")")
            try await repository.close()
        }
    }
}

private func open(_ storage: StorageOptions) async throws -> any VaultRepository {
    let configuration = try storage.configuration()
    return try await openRepository(configuration.storage, configuration: configuration, logger: Logger(label: "casa-vault"))
}
