import Foundation
import Sodium

/// Checks the macaroon of a request the way lnd's `macaroons.Service.ValidateMacaroon` does,
/// with lnd's error messages: exactly one `macaroon` metadata value, hex, v2 binary, bakery v3
/// identifier, a known root key, a valid signature chain, satisfied first-party caveats, and
/// either every required permission or the method's `uri:` permission.
struct MacaroonVerifier {
    let rootKeys: [String: SecureBytes]
    /// The simulator only listens on loopback, so an `ipaddr` caveat holds for loopback addresses.
    static let clientAddresses: Set<String> = ["127.0.0.1", "::1"]

    func authorize(headerValues: [String], required: [MacaroonOperation], fullMethod: String, now: Date = Date()) throws(RPCError) {
        guard headerValues.count == 1 else {
            throw .unknown("expected 1 macaroon, got \(headerValues.count)")
        }
        let bytes = try MacaroonVerifier.decodeHex(headerValues[0])
        let macaroon: Macaroon
        do {
            macaroon = try Macaroon.parse(bytes)
        } catch {
            throw .unknown(error.description)
        }
        guard let identifier = MacaroonIdentifier.parse(macaroon.identifier) else {
            throw .unknown("invalid ID format")
        }
        let storageID = String(decoding: identifier.storageID, as: UTF8.self)
        guard let rootKey = rootKeys[storageID] else {
            throw .unknown("cannot retrieve macaroon: cannot get macaroon: root key with id \(storageID) doesn't exist")
        }
        let conditions: [String]?
        do {
            conditions = try macaroon.verifiedConditions(rootKey: rootKey)
        } catch {
            throw .unknown("verification failed: \(error)")
        }
        guard let conditions else {
            throw .unknown("verification failed: signature mismatch after caveat verification")
        }
        for condition in conditions {
            if let failure = MacaroonVerifier.check(condition, now: now) {
                throw .unknown("caveat \"\(condition)\" not satisfied: \(failure)")
            }
        }
        let granted = Set(identifier.permissions)
        if required.allSatisfy(granted.contains) { return }
        if granted.contains(MacaroonOperation(MacaroonOperation.uriEntity, fullMethod)) { return }
        throw .unknown("permission denied")
    }

    /// Returns why a first-party condition fails, or nil when it holds.
    static func check(_ condition: String, now: Date) -> String? {
        let parts = condition.split(separator: " ", maxSplits: 1).map(String.init)
        let name = parts.first ?? ""
        let argument = parts.count > 1 ? parts[1] : ""
        switch name {
        case "time-before":
            guard let deadline = parseRFC3339(argument) else { return "cannot parse \"\(argument)\" as RFC 3339" }
            return now < deadline ? nil : "macaroon has expired"
        case "ipaddr":
            return clientAddresses.contains(argument) ? nil : "macaroon locked to different IP address"
        default:
            return "caveat not recognized"
        }
    }

    static func parseRFC3339(_ text: String) -> Date? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = withFraction.date(from: text) { return date }
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        return plain.date(from: text)
    }

    /// Go's `hex.DecodeString`, with its error messages.
    static func decodeHex(_ text: String) throws(RPCError) -> [UInt8] {
        let utf8 = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count / 2)
        var index = 0
        while index + 1 < utf8.count {
            guard let high = Hexadecimal.value(of: utf8[index]) else { throw invalidHexByte(utf8[index]) }
            guard let low = Hexadecimal.value(of: utf8[index + 1]) else { throw invalidHexByte(utf8[index + 1]) }
            out.append(high << 4 | low)
            index += 2
        }
        if utf8.count % 2 == 1 {
            if Hexadecimal.value(of: utf8[utf8.count - 1]) == nil { throw invalidHexByte(utf8[utf8.count - 1]) }
            throw .unknown("encoding/hex: odd length hex string")
        }
        return out
    }

    private static func invalidHexByte(_ byte: UInt8) -> RPCError {
        .unknown("encoding/hex: invalid byte: U+\(String(format: "%04X", UInt32(byte))) '\(Character(Unicode.Scalar(byte)))'")
    }
}
