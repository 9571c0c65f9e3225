/// A blob's name in the vault: the keyed hash of a logical name (`BlobNameKey`).
public struct BlobID: HexIdentifier {
    public static let kindName = "a blob ID"
    public let bytes: [UInt8]

    public init(uncheckedBytes: [UInt8]) {
        bytes = uncheckedBytes
    }
}
