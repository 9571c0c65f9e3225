// libFuzzer harness for lnd's REST responses: the Decodable models of Sources/LNDClient/Models
// (compiled into this harness, without curl) and the NDJSON line splitter of lnd's streams.
// Run with scripts/fuzz lnd-json. A node that is compromised, or a man in the middle of a
// misconfigured TLS link, writes these bytes: nothing may crash.
import Foundation
import LightningTypes

private func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8]) {
    _ = try? JSONDecoder().decode(T.self, from: Data(bytes))
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let input = FuzzInput(data, size) else { return 0 }
    let bytes = input.bytes
    switch input.selector % 6 {
    case 0:
        decode(NodeInfo.self, bytes)
        decode(GraphNode.self, bytes)
        decode(PeerList.self, bytes)
    case 1:
        decode(ChannelList.self, bytes)
        decode(ClosedChannelList.self, bytes)
        decode(PendingChannels.self, bytes)
    case 2:
        decode(ChannelBackupSnapshot.self, bytes)
        decode(MultiChannelBackup.self, bytes)
        decode(ChannelBackup.self, bytes)
        decode(ChannelPoint.self, bytes)
    case 3:
        decode(CloseStatusUpdate.self, bytes)
        decode(WalletStateMessage.self, bytes)
        decode(RPCStatus.self, bytes)
    case 4:
        decode(VerifyResponse.self, bytes)
        decode(RestoreResponse.self, bytes)
        decode(BytesResponse.self, bytes)
        decode(GenSeedResponse.self, bytes)
        decode(ConnectPeerResponse.self, bytes)
    default:
        // A stream body in chunks the selector sizes: every line comes out, or a typed error.
        var splitter = NDJSONLineSplitter(maxLineBytes: 1024)
        let chunk = Int(input.selector >> 3) + 1
        do {
            for start in stride(from: 0, to: bytes.count, by: chunk) {
                splitter.append(Array(bytes[start..<min(start + chunk, bytes.count)]))
                while let line = try splitter.nextLine() { decode(CloseStatusUpdate.self, line) }
            }
        } catch {}
    }
    return 0
}
