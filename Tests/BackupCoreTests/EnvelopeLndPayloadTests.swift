@testable import BackupCore
import Sodium
import Testing
import Codecs
import LightningTypes
import BlobStorage
import TestSupport

/// The two layers together (docs/design.md §3): our envelope carries lnd's still-encrypted Multi,
/// and what comes out opens with lnd's own SCB key (vector A, docs/lnd.md §6.1).
@Suite struct EnvelopeLndPayloadTests {
    @Test func envelopeVectorCarriesVectorAMulti() throws {
        let vector = try VectorFile.load("envelope", "success-lnd-multi.txt")
        let keys = try BackupKeys(root: BackupRoot(sharedKey: vector.secret("root")))
        let opened = try Envelope.open(vector.body, account: #require(AccountID(hex: vector.field("account"))),
                                       blob: keys.multiChannelBackupBlob, key: keys.envelope)
        #expect(opened.payload.kind == .lndMultiChannelBackup)
        let lndKey = try SecureBytes(copying: Hex.decode("3511033a9808c4d75acbb2478b56cf7f4d20046f42499fe384ec17c62bce41b6") ?? [])
        let multi = try LNDBackupCrypto.openMulti(blob: opened.payload.bytes, key: lndKey)
        #expect(multi.singles.count == 1)
        #expect(multi.singles.first?.fundingOutpoint.description
            == "b693017b60d52190b40eaedca9570fc04ee217f66dbbfd4311af799c5774d681:0")
    }
}
