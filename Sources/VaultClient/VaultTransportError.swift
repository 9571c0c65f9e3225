/// A vault transport setting that cannot be used; the message names the key or flag and what to write.
public struct VaultTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
