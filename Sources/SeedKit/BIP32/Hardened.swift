/// BIP32 index helpers: hardened indices are offset by 2^31 and written with an apostrophe.
public enum Hardened {
    public static let offset: UInt32 = 0x8000_0000

    /// The hardened form of `index` (which must be below 2^31; higher bits are dropped).
    public static func index(_ index: UInt32) -> UInt32 {
        (index & ~offset) | offset
    }

    public static func isHardened(_ index: UInt32) -> Bool {
        index & offset != 0
    }

    /// "m/1017'/1'/7'/0/0" for a path (hardened levels with an apostrophe).
    public static func describe(_ path: [UInt32]) -> String {
        (["m"] + path.map { isHardened($0) ? "\($0 & ~offset)'" : "\($0)" }).joined(separator: "/")
    }

    /// Parses "m/1017'/1'/7'/0/0" (also "h" or "H" for hardened); nil if malformed.
    public static func parse(_ text: String) -> [UInt32]? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.first == "m" else { return nil }
        var path = [UInt32]()
        for part in parts.dropFirst() {
            var digits = Substring(part)
            var hardened = false
            if let last = digits.last, "'hH".contains(last) {
                hardened = true
                digits = digits.dropLast()
            }
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = UInt32(digits), value < offset else { return nil }
            path.append(hardened ? value | offset : value)
        }
        return path
    }
}
