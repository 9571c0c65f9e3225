import BackupCore
import Foundation
import SeedKit
import Sodium
import Testing
import Codecs
import LightningTypes

/// Runs every file in Tests/Vectors/scb by its `expect:` header. The generated vectors come
/// from an independent Python encoder (generate_vectors.py) and cover what the two real
/// backups do not: lease (v4), taproot v5/v7, overlay without close inputs, legacy v0 with
/// every address type, unconfirmed zero-conf, and each decoding error.
@Suite struct ChannelBackupVectorDirectoryTests {
    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: ChannelBackupVectorFile.directory.path)) ?? []
        return files.filter { $0.hasSuffix(".vector") }.sorted()
    }()

    @Test func directoryHasEveryKind() {
        #expect(Self.names.count >= 16)
    }

    @Test(arguments: names)
    func vector(_ name: String) throws {
        let vector = try ChannelBackupVectorFile(name)
        let expect = try vector.header("expect")
        let key = try vector.key()
        switch expect {
        case "success": try checkSuccess(vector, key: key)
        case "payload too small":
            #expect(throws: LNDBackupCryptoError.payloadTooSmall(vector.bytes.count)) { try LNDBackupCrypto.decrypt(blob: vector.bytes, key: key) }
        case "unknown single version":
            // A Multi with a Single of a version we do not know opens: that Single is kept whole (H2).
            let plaintext = try LNDBackupCrypto.decrypt(blob: vector.bytes, key: key)
            let multi = try MultiBackup(decoding: plaintext)
            let unknown = try #require(multi.unknownSingles.first)
            #expect(multi.unknownSingles.count == 1 && [8, 9].contains(unknown.version), "\(name)")
            #expect(try multi.encoded().count == plaintext.count)
            #expect(try MultiBackup.check(plaintext).unknownSingleVersions == [unknown.version])
        case "authentication failure":
            #expect(throws: LNDBackupCryptoError.authenticationFailed) { try ChannelBackupFile.open(blob: vector.bytes, key: key) }
        default:
            let error = try #require(throws: ChannelBackupError.self) { try ChannelBackupFile.open(blob: vector.bytes, key: key) }
            #expect(Self.matches(error, expect), "\(name): expected \(expect), got \(error)")
        }
    }

    static func matches(_ error: ChannelBackupError, _ expect: String) -> Bool {
        if case let .undetectable(asMulti, asSingle) = error { return matches(asMulti, expect) || matches(asSingle, expect) }
        switch (error, expect) {
        case (.unknownMultiVersion, "unknown multi-version"), (.unknownSingleVersion, "unknown single version"),
             (.trailingBytes, "trailing bytes"), (.bodyLengthMismatch, "body length mismatch"),
             (.truncated, "truncated"), (.impossibleCount, "impossible count"):
            return true
        default:
            return false
        }
    }

    func checkSuccess(_ vector: ChannelBackupVectorFile, key: SecureBytes) throws {
        let plaintext = try LNDBackupCrypto.decrypt(blob: vector.bytes, key: key)
        #expect(plaintext.count == Int(try vector.header("plaintext length")))
        let kind = try #require(ChannelBackupFile.Kind(rawValue: try vector.header("kind")))
        let file = try ChannelBackupFile(plaintext: plaintext)
        #expect(file.kind == kind, "kind detection")
        switch file {
        case .multi(let multi): #expect(try multi.encoded() == plaintext)
        case .single(let single): #expect(try single.encoded() == plaintext)
        }
        if let channels = vector.headers["channels"] { #expect(file.singles.count == Int(channels)) }
        if let point = vector.headers["channel point"] { #expect(file.singles.first?.fundingOutpoint.description == point) }

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for (i, single) in file.singles.enumerated() {
            #expect(single.invalidPublicKeys.isEmpty)
            if let summary = vector.headers["summary \(i)"] {
                #expect(String(decoding: try encoder.encode(ChannelSummary(single)), as: UTF8.self) == summary)
            }
            if let close = vector.headers["close \(i)"] { try checkClose(single, close) } else if vector.headers["summary \(i)"] != nil {
                #expect(single.closeTxInputs == nil)
            }
        }
        let first = try #require(file.singles.first)
        if let network = vector.headers["network"] { #expect(first.network?.rawValue == network) }
        if let shachain = vector.headers["shachain pubkey"] { #expect(first.shachainRoot.legacyPublicKey?.hex == shachain) }
        if let types = vector.headers["address types"] { #expect(first.addresses.map { String($0.type) }.joined(separator: ",") == types) }
        if let root = vector.headers["tapscript root"] { #expect(first.closeTxInputs?.tapscriptRoot.map { Hex.encode($0) } == root) }
    }

    func checkClose(_ single: SingleBackup, _ spec: String) throws {
        var fields: [String: String] = [:]
        for pair in spec.split(separator: " ") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            if kv.count == 2 { fields[String(kv[0])] = String(kv[1]) }
        }
        let close = try #require(single.closeTxInputs)
        #expect(close.commitTx.serialized.count == Int(fields["tx_len"] ?? ""))
        #expect(close.commitSignature.count == Int(fields["sig_len"] ?? ""))
        #expect(close.commitTx.outputs.map { String($0.value) }.joined(separator: ",") == fields["outputs"])
        #expect(close.commitTx.lockTime == UInt32(fields["locktime"] ?? ""))
        #expect(close.commitTx.inputs.map(\.previousOutput) == [single.fundingOutpoint])
        #expect(close.commitHeight == fields["commit_height"].flatMap { UInt64($0) })
    }
}
