import Foundation
import LocalStore

/// Deterministic test payloads: distinct sealed bytes and Multi hashes per index.
enum Payload {
    static func sealed(_ index: Int, size: Int? = nil) -> [UInt8] {
        var state = UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        return (0..<(size ?? (60 + index * 37))).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
    }

    static func multiHash(_ index: Int) -> [UInt8] {
        (0..<32).map { UInt8(truncatingIfNeeded: index &* 31 &+ $0) }
    }
}
