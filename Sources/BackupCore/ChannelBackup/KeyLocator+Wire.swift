import SeedKit
import Codecs
import LightningTypes

/// u32 family, u32 index, big-endian (lnd's Single encoding).
extension KeyLocator: SingleBackupField {
    func write(to writer: inout ByteWriter) {
        writer.writeUInt32(family)
        writer.writeUInt32(index)
    }

    static func skip(_ reader: inout ChannelBackupReader, _ what: @autoclosure () -> String) throws(ChannelBackupError) {
        try reader.skip(4, "\(what()) family")
        try reader.skip(4, "\(what()) index")
    }

    static func read(from reader: inout ChannelBackupReader, _ what: @autoclosure () -> String) throws(ChannelBackupError) -> KeyLocator {
        let family = try reader.readUInt32("\(what()) family")
        let index = try reader.readUInt32("\(what()) index")
        return KeyLocator(family: family, index: index)
    }
}
