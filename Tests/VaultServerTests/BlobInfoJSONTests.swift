import BlobStorage
import Foundation
import Testing
import VaultAPI
@testable import VaultServer

/// The upload answer is written without `JSONEncoder`; it must decode to exactly the DTO the
/// encoder would have written, for every shape of name, size and time.
@Suite struct BlobInfoJSONTests {
    @Test(arguments: [
        ("channel-backup", UInt64(1), 4096, Int64(1_764_115_200_123)),
        ("A.b_c-9", UInt64(Int64.max), 0, Int64(0)),
        (String(repeating: "z", count: BlobName.maxLength), UInt64(42), 4 << 20, Int64(-1_000)),
    ])
    func decodesToTheEncodersDTO(name: String, version: UInt64, size: Int, storedAt: Int64) throws {
        let info = BlobInfo(
            name: try BlobName(name), version: version, size: size,
            contentHash: try ContentHash(hex: String(repeating: "ab", count: 32)), storedAt: Date(unixMilliseconds: storedAt))
        let written = try JSONDecoder().decode(BlobInfoDTO.self, from: Data(info.dtoJSON.utf8))
        let encoded = try JSONDecoder().decode(BlobInfoDTO.self, from: JSONEncoder().encode(BlobInfoDTO(info)))
        #expect(written == encoded)
        #expect(written == BlobInfoDTO(info))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(info.dtoJSON.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["name", "version", "size", "contentHash", "storedAt"], "no field more or less than the DTO")
    }
}
