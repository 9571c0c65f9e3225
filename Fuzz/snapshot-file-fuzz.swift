// libFuzzer harness for the agent's local snapshot file (docs/local-store.md, "File format"):
// the agent's SnapshotFileFormat.decode and casa-recover's LocalSnapshotFile(decoding:), which
// read the same bytes from a disk or a USB copy. Run with scripts/fuzz snapshot-file.
// Both must refuse the same files, with their own typed errors, and agree on what they accept.
import Sodium

/// Inputs with the two checksums fixed up, so the fields behind them are reached.
private func withValidChecksums(_ input: [UInt8]) -> [UInt8] {
    guard input.count >= SnapshotFileFormat.headerSize else { return input }
    var file = input
    file.replaceSubrange(64..<96, with: SHA256.hash(Array(file[SnapshotFileFormat.headerSize...])))
    file.replaceSubrange(104..<136, with: SHA256.hash(Array(file[0..<104])))
    return file
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let input = FuzzInput(data, size) else { return 0 }
    let file = input.selector % 2 == 0 ? input.bytes : withValidChecksums(input.bytes)
    let expected: UInt64? = input.selector & 2 == 0 ? nil : 42
    let agent: StoredSnapshot?
    do { agent = try SnapshotFileFormat.decode(file, path: "fuzz", expectedSequence: expected) } catch { agent = nil }
    let recover: LocalSnapshotFile?
    do { recover = try LocalSnapshotFile(decoding: file) } catch let error as RecoveryError {
        guard case .invalidBackup = error else { fatalError("unexpected \(error)") }
        recover = nil
    } catch { fatalError("untyped error \(error)") }
    // The agent also checks the name's sequence; without one, both readers must agree.
    if expected == nil, (agent == nil) != (recover == nil) { fatalError("the agent and casa-recover disagree on a file") }
    if let agent, let recover {
        guard agent.sealed == recover.sealed, agent.metadata.sequence == recover.sequence,
              agent.metadata.channelCount == Int(recover.channelCount), agent.metadata.multiHash == recover.multiHash
        else { fatalError("the agent and casa-recover read different fields") }
        // Bytes 9..<12 are reserved and not checked (the header checksum covers them), so compare fields.
        guard (try? LocalSnapshotFile(decoding: recover.encoded())) == recover else { fatalError("re-encoding changed the file") }
    }
    return 0
}
