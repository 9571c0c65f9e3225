import Foundation

/// Reading lnd's files with errors that say which file and why.
enum FileAccess {
    static func read(_ path: String, what: String) throws(LNDError) -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw .configuration("\(what) not found at \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .configuration("cannot read \(what) at \(path) (permissions? the agent's user must be able to read it)")
        }
        return Array(data)
    }

    /// Expands a leading "~" like lnd does (cleanAndExpandPath).
    static func expand(_ path: String, home: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + path.dropFirst(1) }
        return path
    }
}
