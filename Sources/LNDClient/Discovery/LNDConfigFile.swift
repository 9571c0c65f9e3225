/// The settings casa reads from lnd.conf (go-flags INI: `key=value`, `;`/`#` comments,
/// `[Section]` headers; keys such as `bitcoin.mainnet` carry their namespace).
struct LNDConfigFile {
    private(set) var values: [String: [String]] = [:]

    init(text: String) {
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            let line = rawLine.trimmingWhitespace()
            guard !line.isEmpty, !line.hasPrefix(";"), !line.hasPrefix("#"), !line.hasPrefix("[") else { continue }
            guard let equals = line.firstIndex(of: "=") else {
                values[line.lowercased(), default: []].append("true")  // a bare flag
                continue
            }
            let key = line[..<equals].trimmingWhitespace().lowercased()
            var value = line[line.index(after: equals)...].trimmingWhitespace()
            if value.count >= 2, value.first == "\"", value.last == "\"" { value = String(value.dropFirst().dropLast()) }
            values[key, default: []].append(value)
        }
    }

    /// The last value given for `key` (later lines override earlier ones, as in go-flags).
    func value(_ key: String) -> String? {
        values[key.lowercased()]?.last
    }

    func all(_ key: String) -> [String] {
        values[key.lowercased()] ?? []
    }

    func flag(_ key: String) -> Bool {
        guard let value = value(key)?.lowercased() else { return false }
        return value == "1" || value == "true" || value == "yes"
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        String(drop(while: { $0.isWhitespace }).reversed().drop(while: { $0.isWhitespace }).reversed())
    }
}
