// libFuzzer harness for the vault's request parsing that needs no Hummingbird (VaultAPI and
// BlobStorage): Casa-Freshness, request targets, blob names, account ids, hex, and the JSON
// bodies both sides decode. Run with scripts/fuzz vault-request. Nothing may crash, and what
// parses must print back to itself.
import BlobStorage
import Foundation
import VaultAPI
import Codecs

/// Decodes `T`; whatever decodes must survive encode-then-decode unchanged.
private func roundTrip<T: Codable & Hashable>(_ type: T.Type, _ bytes: [UInt8]) {
    guard let value = try? JSONDecoder().decode(T.self, from: Data(bytes)) else { return }
    guard let again = try? JSONDecoder().decode(T.self, from: JSONEncoder().encode(value)), again == value else {
        fatalError("\(T.self) changed in an encode-decode round trip")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let input = FuzzInput(data, size) else { return 0 }
    let text = String(decoding: input.bytes, as: UTF8.self)
    switch input.selector % 6 {
    case 0:
        // Casa-Freshness and Casa-Nonce header values.
        if let freshness = Freshness(header: text), Freshness(header: freshness.header) != freshness {
            fatalError("freshness \(freshness) does not parse back")
        }
        _ = SignedRequest.isValidNonce(text)
    case 1:
        // A request target: split, then every path segment as an account id and a blob name.
        let (path, query) = SignedRequest.splitTarget(text)
        guard (query.isEmpty && !text.contains("?") ? path : path + "?" + query) == text else {
            fatalError("splitTarget lost bytes")
        }
        for segment in path.split(separator: "/", omittingEmptySubsequences: false) {
            if let account = AccountID(hex: String(segment)), account.hex != segment.lowercased() { fatalError("account id \(account) changed") }
            if let name = try? BlobName(String(segment)), name.rawValue != segment { fatalError("blob name changed") }
        }
    case 2:
        // Hex as it arrives in keys, hashes and ids.
        if let bytes = Hex.decode(text), Hex.decode(Hex.encode(bytes)) != bytes { fatalError("hex round trip") }
    case 3:
        roundTrip(CreateAccountRequest.self, input.bytes)
        roundTrip(RegisterDeviceRequest.self, input.bytes)
    case 4:
        roundTrip(AccountPolicy.self, input.bytes)
        roundTrip(RetentionPolicy.self, input.bytes)
        _ = (try? JSONDecoder().decode(RetentionPolicy.self, from: Data(input.bytes)))?.problem
    default:
        // Responses the client decodes (a hostile vault or a man in the middle writes them).
        roundTrip(AccountResponse.self, input.bytes)
        roundTrip(BlobListResponse.self, input.bytes)
        roundTrip(VersionListResponse.self, input.bytes)
        roundTrip(ErrorResponse.self, input.bytes)
        roundTrip(ChallengeResponse.self, input.bytes)
        roundTrip(HeartbeatResponse.self, input.bytes)
        roundTrip(BlobInfoDTO.self, input.bytes)
    }
    return 0
}
