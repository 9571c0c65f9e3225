import TOMLKit

/// Reads a configuration file's TOML text into `T`. The text is checked first for what the
/// bundled parser (toml++ 3.4 in TOMLKit 0.6) does not report but aborts on (docs/fuzzing.md):
/// a NUL byte, and a table header whose name starts with anything but a key character or a
/// quote (`[#`, `[(`, `[[` + `` ` ``). Then TOMLKit decodes it.
public enum TOMLConfigText {
    /// Decodes `text`; a top-level key that is not one of `knownKeys` (a misspelt key would
    /// otherwise be silently ignored) is an error naming it and the closest valid key.
    public static func decode<T: Decodable>(_ type: T.Type, from text: String, knownKeys: [String]) throws -> T {
        try TableHeaderCheck.validate(text)
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch {
            throw TOMLConfigError("\(error)")
        }
        if let key = table.keys.sorted().first(where: { !knownKeys.contains($0) }) {
            throw TOMLConfigError("unknown key \"\(key)\"\(ClosestName.suggestion(for: key, among: knownKeys)) (valid keys: \(knownKeys.sorted().joined(separator: ", ")))")
        }
        do {
            return try TOMLDecoder().decode(type, from: table)
        } catch {
            throw TOMLConfigError("\(error)")
        }
    }
}
