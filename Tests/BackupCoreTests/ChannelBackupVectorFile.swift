import Foundation
import Sodium
import TestSupport

/// One vector from Tests/Vectors/scb (parsed by TestSupport's `VectorFile`), with the
/// accessors the SCB tests use.
struct ChannelBackupVectorFile {
    let file: VectorFile

    static let directory = VectorFile.vectorsDirectory.appendingPathComponent("scb")

    init(_ name: String) throws {
        file = try VectorFile.load("scb", name)
    }

    var headers: [String: String] { file.fields }
    var bytes: [UInt8] { file.body }

    func header(_ key: String) throws -> String {
        try file.field(key)
    }

    func key() throws -> SecureBytes {
        try SecureBytes(copying: file.hexField("key"))
    }
}
