import Foundation

/// A fresh directory under the system temp dir, removed when the value is released (or by
/// `remove()`). The one temporary-directory helper of the test suite.
public final class TemporaryDirectory: @unchecked Sendable {
    public let url: URL
    public var path: String { url.path }

    public init(prefix: String = "casa-test") throws {
        url = URL(fileURLWithPath: try Self.create(prefix: prefix))
    }

    /// A directory named `casa-<label>-…`.
    public convenience init(_ label: String) throws {
        try self.init(prefix: "casa-\(label)")
    }

    /// Creates a fresh directory and returns its path, for state that lives as long as the test
    /// process (a repository handed to a server that outlives the test's scope): never removed.
    public static func create(prefix: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The path of `name` inside this directory.
    public func sub(_ name: String) -> String { path + "/" + name }

    /// Writes `bytes` to a file in this directory (mode 0600) and returns its path.
    @discardableResult
    public func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        return file.path
    }

    @discardableResult
    public func write(_ name: String, text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    /// Removes the directory now (it is removed on release anyway).
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    deinit {
        remove()
    }
}
