import Foundation
import Sodium
import TestSupport
import Testing

/// One test vector file (docs/envelope.md §8), parsed by TestSupport's `VectorFile`, with the
/// typed accessors the key and envelope tests use.
struct KeyValueVector: CustomStringConvertible {
    let file: VectorFile

    var name: String { file.name }
    var fields: [String: String] { file.fields }
    var body: [UInt8] { file.body }

    static func load(_ directory: String, _ name: String) throws -> KeyValueVector {
        KeyValueVector(file: try VectorFile.load(directory, name))
    }

    static func all(in directory: String) throws -> [KeyValueVector] {
        try VectorFile.all(in: directory).map(KeyValueVector.init(file:))
    }

    var description: String { name }

    func string(_ key: String) throws -> String {
        try file.field(key)
    }

    func hex(_ key: String) throws -> [UInt8] {
        try file.hexField(key)
    }

    func secret(_ key: String) throws -> SecureBytes {
        try SecureBytes(copying: hex(key))
    }

    func integer(_ key: String) throws -> UInt64 {
        guard let value = UInt64(try string(key)) else { throw VectorFileError.malformed(name, "field '\(key)' is not an integer") }
        return value
    }
}

extension KeyValueVector {
    /// For a failure vector: `open` must throw an `E` that `table[expect]` accepts.
    func expectFailure<E: Error>(_ table: [String: @Sendable (E) -> Bool], _ open: () throws -> Void) throws {
        let expect = try string("expect")
        let matches = try #require(table[expect], "unknown expect: \(expect)")
        do {
            try open()
            Issue.record("\(name) opened, expected \(expect)")
        } catch let error as E {
            #expect(matches(error), "\(name): got \(error), expected \(expect)")
        }
    }
}
