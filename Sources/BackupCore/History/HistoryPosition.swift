/// Where one copy of a snapshot sits in a store that keeps its own order: a vault version, or a
/// local/USB file's sequence number. Higher `order` arrived later in that store.
public struct HistoryPosition: Hashable, Sendable {
    /// The store, e.g. "vault" or "folder /media/usb/casa".
    public var store: String
    public var order: UInt64

    public init(store: String, order: UInt64) {
        self.store = store
        self.order = order
    }
}
