/// Path helpers shared by the store and both file systems (plain strings, "/" separated).
public enum FilePath {
    public static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// The directory part of `path` ("/" for a top-level entry).
    public static func parent(of path: String) -> String {
        let parts = components(path)
        return "/" + parts.dropLast().joined(separator: "/")
    }

    public static func components(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }
}
