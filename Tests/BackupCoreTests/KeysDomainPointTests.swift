@testable import BackupCore
import Secp256k1
import Sodium
import Testing
import Codecs
import TestSupport

@Suite struct KeysDomainPointTests {
    /// docs/design.md §4.1; the value is the worked example of docs/lnd.md §3.4.
    @Test func rootPointIsNUMSOfItsLabel() throws {
        let vector = try VectorFile.load("keys", "domain-point-root.txt")
        let point = try DomainPoint.nums(label: vector.field("label"))
        #expect(point.compressed == (try vector.hexField("point")))
        #expect(Hex.encode(point.compressed) == "02891574b20654c2c3492d1f2e4d2d885ed41f9ac36a80616fecaa2239043417b0")
        #expect(DomainPoint.backupRootCompressed == point.compressed)
        #expect(try DomainPoint.backupRoot() == point)
        #expect(DomainPoint.backupRootLabel == "casa-backup/root/v1")
    }

    @Test func otherLabelsGiveOtherEvenPoints() throws {
        let v2 = try DomainPoint.nums(label: "casa-backup/root/v2")
        #expect(v2.compressed != DomainPoint.backupRootCompressed)
        #expect(v2.compressed[0] == 0x02)
    }
}
