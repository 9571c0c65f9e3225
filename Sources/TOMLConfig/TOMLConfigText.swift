import TOMLKit

/// Reads a configuration file's TOML text into `T`. The text is checked first for what the
/// bundled parser (toml++ 3.4 in TOMLKit 0.6) does not report but aborts on (docs/fuzzing.md):
/// a NUL byte, and a table header whose name starts with anything but a key character or a
/// quote (`[#`, `[(`, `[[` + `` ` ``). Then TOMLKit decodes it.
public enum TOMLConfigText {
    public static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try TableHeaderCheck.validate(text)
        do {
            return try TOMLDecoder().decode(type, from: text)
        } catch {
            throw TOMLConfigError("\(error)")
        }
    }
}
