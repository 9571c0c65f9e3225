import BlobStorage
import Foundation
import VaultAPI

extension BlobInfo {
    /// The `BlobInfoDTO` JSON object, written directly: every upload answers with one, and the
    /// generic `JSONEncoder` was the largest piece of the put handler's own CPU. Nothing needs
    /// escaping: a `BlobName` is A-Z a-z 0-9 . _ -, a `ContentHash` is hex, the rest are numbers.
    var dtoJSON: String {
        #"{"name":"\#(name.rawValue)","version":\#(version),"size":\#(size),"contentHash":"\#(contentHash.hex)","storedAt":\#(storedAt.unixMilliseconds)}"#
    }
}
