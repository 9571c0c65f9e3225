import ArgumentParser
import CommandLineSupport
import Foundation
import Recovery
import VaultClient

/// Runs a subcommand body and turns our errors into a clear message on stderr and the
/// documented exit code (docs/recover-cli.md).
enum CommandRunner {
    static func run(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as RecoveryError {
            FileHandle.standardError.write(Data("casa-recover: \(error.description)\n".utf8))
            throw ExitCode(error.exitStatus.rawValue)
        } catch let error as TriggerError {
            FileHandle.standardError.write(Data("casa-recover: \(error.description)\n".utf8))
            throw ExitCode(error.exitStatus.rawValue)
        } catch let error as CommandLineError {
            let error = RecoveryError(error)
            FileHandle.standardError.write(Data("casa-recover: \(error.description)\n".utf8))
            throw ExitCode(error.exitStatus.rawValue)
        } catch let error as VaultTransportError {
            throw ValidationError(error.description)
        }
    }
}
