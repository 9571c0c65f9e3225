import Foundation
import Sodium
import Codecs

/// Reads a backup as the user has it: lnd's raw `channel.backup` bytes, or the same bytes as hex
/// text (what `lncli exportchanbackup` prints). Hex is recognised when the whole file, apart from
/// whitespace, is an even number of hex digits; random binary essentially never is.
public enum BackupFile {
    public static let maximumSize = 64 * 1024 * 1024

    public static func read(path: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: path)
        let data: Data
        do {
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
            guard size <= maximumSize else {
                throw RecoveryError.invalidBackup("\(path) is \(size) bytes, far larger than any channel backup")
            }
            data = try Data(contentsOf: url)
        } catch let error as RecoveryError {
            throw error
        } catch {
            throw RecoveryError.cannotReadFile(path: path, reason: (error as NSError).localizedDescription)
        }
        guard !data.isEmpty else { throw RecoveryError.emptyBackupFile(path: path) }
        return decode(Array(data))
    }

    /// Hex text → bytes; anything else is returned unchanged.
    public static func decode(_ bytes: [UInt8]) -> [UInt8] {
        let stripped = bytes.filter { !($0 == 0x20 || $0 == 0x0a || $0 == 0x0d || $0 == 0x09) }
        guard !stripped.isEmpty, stripped.count % 2 == 0, stripped.allSatisfy(isHexDigit),
              let decoded = Hex.decode(String(decoding: stripped, as: UTF8.self)) else {
            return bytes
        }
        return decoded
    }

    private static func isHexDigit(_ c: UInt8) -> Bool {
        (0x30...0x39).contains(c) || (0x61...0x66).contains(c) || (0x41...0x46).contains(c)
    }
}
