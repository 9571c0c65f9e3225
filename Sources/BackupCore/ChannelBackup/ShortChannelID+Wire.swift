import Codecs
import LightningTypes

/// A short channel id in a Single: 3-byte height, 3-byte tx index, 2-byte output (big-endian).
extension ShortChannelID {
    func write(to writer: inout ByteWriter) {
        writer.writeBigEndian(UInt64(blockHeight), 3)
        writer.writeBigEndian(UInt64(txIndex), 3)
        writer.writeUInt16(outputIndex)
    }

    static func skip(_ reader: inout ChannelBackupReader) throws(ChannelBackupError) {
        try reader.skip(3, "short channel id block height")
        try reader.skip(3, "short channel id tx index")
        try reader.skip(2, "short channel id output index")
    }

    static func read(from reader: inout ChannelBackupReader) throws(ChannelBackupError) -> ShortChannelID {
        let block = try reader.readBigEndian(3, "short channel id block height")
        let tx = try reader.readBigEndian(3, "short channel id tx index")
        let out = try reader.readUInt16("short channel id output index")
        return ShortChannelID(uint64: block << 40 | tx << 16 | UInt64(out))
    }
}
