// libFuzzer harness for casa's envelope (docs/envelope.md): Envelope.open under the vectors' key,
// EnvelopeHeader(parsing:), and the record decoder behind the AEAD. Run with scripts/fuzz envelope.
// Every malformed input must end in an EnvelopeError.
@testable import BackupCore
import BlobStorage
import Sodium

/// The root, account and blob of the success vectors in Tests/Vectors/envelope/.
private let key = try! BackupRoot(sharedKey: SecureBytes(copying: hexBytes("a63ce9a34466033adc32afe359a9b35235f38ff2d05f2db068b4cb2885a4bd60"))).envelopeKey()
private let account = AccountID(bytes: hexBytes("f531f602849ccd69f715bf1279673339e94f0c6e8d6759c3f25f905f07e16fc7"))!
private let blob = BlobName(digest: hexBytes("19dbe32dbaaa7a2f774c191ce11bff91d2618da753c279c82fbf1d54deb307c1"))

private func expectEnvelopeError(_ body: () throws -> Void) {
    do { try body() } catch is EnvelopeError {} catch { fatalError("untyped error \(error)") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let input = FuzzInput(data, size) else { return 0 }
    switch input.selector % 3 {
    case 0:
        // A whole envelope as fetched from the vault or a USB stick.
        expectEnvelopeError {
            let opened = try Envelope.open(input.bytes, account: account, blob: blob, key: key, notOlderThan: UInt64(input.selector >> 4))
            _ = opened
        }
        // The vector seeds open: hand their records to the record decoder as seeds of their own.
        if let header = try? EnvelopeHeader(parsing: input.bytes),
           let record = try? XChaCha20Poly1305.open(Array(input.bytes[EnvelopeHeader.byteCount...]),
                                                    associatedData: Array(input.bytes[0..<EnvelopeHeader.byteCount]) + account.bytes + blob.digest!,
                                                    nonce: header.nonce, key: key.aead) {
            writeDerivedSeed("envelope", selector: 2 | (header.version << 2), record)
        }
    case 1:
        // The public header alone (read without a key to show counters and pick the newest copy).
        expectEnvelopeError { _ = try EnvelopeHeader(parsing: input.bytes) }
    default:
        // The decrypted record (checks 9-10), as any version the selector names.
        expectEnvelopeError { _ = try EnvelopeRecord.decode(input.bytes, version: input.selector >> 2) }
    }
    return 0
}
