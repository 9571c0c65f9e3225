import Foundation

/// Snapshots in a local folder: the agent's snapshot directory, its USB mirror, or a copy of
/// either. Reads the agent's `snapshot-*.casa` files and bare envelopes (any file starting with
/// "CASA" and format version 1, e.g. one downloaded by hand).
public struct FolderSnapshotSource: SnapshotSource {
    public let path: String
    /// Files larger than this are not snapshots.
    static let maximumFileSize = 64 * 1024 * 1024

    public init(path: String) {
        self.path = path
    }

    public var name: String { "folder \(path)" }

    public func snapshots() async throws -> [SnapshotReference] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw RecoveryError.cannotReadFile(path: path, reason: (error as NSError).localizedDescription)
        }
        var out: [SnapshotReference] = []
        for name in names.sorted() where !name.hasSuffix(".tmp") {
            let file = (path as NSString).appendingPathComponent(name)
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
                  attributes[.type] as? FileAttributeType == .typeRegular else { continue }
            let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
            let sequence = LocalSnapshotFile.sequence(fromFileName: name)
            guard sequence != nil || Self.startsLikeEnvelope(file) else { continue }
            var reference = SnapshotReference(origin: .file(path: file, sequence: sequence),
                                              storedAt: attributes[.modificationDate] as? Date, size: size, contentHash: nil)
            if sequence != nil, let parsed = try? LocalSnapshotFile(decoding: try read(file)) {
                reference.storedAt = Date(timeIntervalSince1970: Double(parsed.createdAtMilliseconds) / 1000)
                reference.size = parsed.sealed.count
                reference.contentHash = parsed.contentHash
            }
            out.append(reference)
        }
        return out
    }

    public func envelope(_ reference: SnapshotReference) async throws -> [UInt8] {
        guard case .file(let file, let sequence) = reference.origin else {
            throw RecoveryError.invalidBackup("\(reference.label) is not a file")
        }
        let bytes = try read(file)
        guard sequence != nil || bytes.starts(with: LocalSnapshotFile.magic) else { return bytes }
        let parsed = try LocalSnapshotFile(decoding: bytes)
        if let sequence, parsed.sequence != sequence {
            throw RecoveryError.invalidBackup("the file name says sequence \(sequence) but its header says \(parsed.sequence) (renamed?)")
        }
        return parsed.sealed
    }

    private func read(_ file: String) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: file) else {
            throw RecoveryError.cannotReadFile(path: file, reason: "cannot open it")
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: Self.maximumFileSize + 1)) ?? Data()
        guard data.count <= Self.maximumFileSize else { throw RecoveryError.invalidBackup("\(file) is far larger than any snapshot") }
        return Array(data)
    }

    /// Our envelope's magic and version, or the agent's snapshot magic.
    private static func startsLikeEnvelope(_ file: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: file) else { return false }
        defer { try? handle.close() }
        let head = Array((try? handle.read(upToCount: 8)) ?? Data())
        return head.starts(with: LocalSnapshotFile.magic) || head.starts(with: Array("CASA".utf8) + [1])
    }
}
