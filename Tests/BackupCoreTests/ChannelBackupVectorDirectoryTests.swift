import BackupCore
import Foundation
import SeedKit
import Sodium
import Testing
import Codecs
import LightningTypes
import TestSupport

/// Runs every file in Tests/Vectors/scb by its `expect:` header. The generated vectors come
/// from an independent Python encoder (generate_vectors.py) and cover what the two real
/// backups do not: lease (v4), taproot v5/v7, overlay without close inputs, legacy v0 with
/// every address type, unconfirmed zero-conf, and each decoding error.
@Suite struct ChannelBackupVectorDirectoryTests {
    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: VectorFile.url("scb").path)) ?? []
        return files.filter { $0.hasSuffix(".vector") }.sorted()
    }()

    @Test func directoryHasEveryKind() {
        #expect(Self.names.count >= 16)
    }

    @Test(arguments: names)
    func vector(_ name: String) throws {
        let vector = try VectorFile.load("scb", name)
        let expect = try vector.field("expect")
        let key = try vector.secret("key")
        switch expect {
        case "success": try checkSuccess(vector, key: key)
        case "payload too small":
            #expect(throws: LNDBackupCryptoError.payloadTooSmall(vector.body.count)) { try LNDBackupCrypto.decrypt(blob: vector.body, key: key) }
        case "unknown single version":
            // A Multi with a Single of a version we do not know opens: that Single is kept whole (H2).
            let plaintext = try LNDBackupCrypto.decrypt(blob: vector.body, key: key)
            let multi = try MultiBackup(decoding: plaintext)
            let unknown = try #require(multi.unknownSingles.first)
            #expect(multi.unknownSingles.count == 1 && [8, 9].contains(unknown.version), "\(name)")
            #expect(try multi.encoded().count == plaintext.count)
            #expect(try MultiBackup.check(plaintext).unknownSingleVersions == [unknown.version])
        case "authentication failure":
            #expect(throws: LNDBackupCryptoError.authenticationFailed) { try ChannelBackupFile.open(blob: vector.body, key: key) }
        default:
            let error = try #require(throws: ChannelBackupError.self) { try ChannelBackupFile.open(blob: vector.body, key: key) }
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

    func checkSuccess(_ vector: VectorFile, key: SecureBytes) throws {
        let plaintext = try LNDBackupCrypto.decrypt(blob: vector.body, key: key)
        #expect(plaintext.count == Int(try vector.field("plaintext length")))
        let kind = try #require(ChannelBackupFile.Kind(rawValue: try vector.field("kind")))
        let file = try ChannelBackupFile(plaintext: plaintext)
        #expect(file.kind == kind, "kind detection")
        switch file {
        case .multi(let multi): #expect(try multi.encoded() == plaintext)
        case .single(let single): #expect(try single.encoded() == plaintext)
        }
        if let channels = vector.fields["channels"] { #expect(file.singles.count == Int(channels)) }
        if let point = vector.fields["channel point"] { #expect(file.singles.first?.fundingOutpoint.description == point) }

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for (i, single) in file.singles.enumerated() {
            #expect(single.invalidPublicKeys.isEmpty)
            if let summary = vector.fields["summary \(i)"] {
                #expect(String(decoding: try encoder.encode(ChannelSummary(single)), as: UTF8.self) == summary)
            }
            if let close = vector.fields["close \(i)"] { try checkClose(single, close) } else if vector.fields["summary \(i)"] != nil {
                #expect(single.closeTxInputs == nil)
            }
        }
        let first = try #require(file.singles.first)
        if let network = vector.fields["network"] { #expect(first.network?.rawValue == network) }
        if let shachain = vector.fields["shachain pubkey"] { #expect(first.shachainRoot.legacyPublicKey?.hex == shachain) }
        if let types = vector.fields["address types"] { #expect(first.addresses.map { String($0.type) }.joined(separator: ",") == types) }
        if let root = vector.fields["tapscript root"] { #expect(first.closeTxInputs?.tapscriptRoot.map { Hex.encode($0) } == root) }
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
