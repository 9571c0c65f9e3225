/// A configuration file that cannot be read as TOML, with the line and what to change.
public struct TOMLConfigError: Error, CustomStringConvertible, Equatable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
