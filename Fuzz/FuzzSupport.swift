// Shared by every harness in Fuzz/ (compiled into each): input splitting and seed writing.
#if canImport(Glibc)
import Glibc
#endif

/// The first byte picks the target; the rest is that target's input.
struct FuzzInput {
    let selector: UInt8
    let bytes: [UInt8]

    init?(_ data: UnsafePointer<UInt8>, _ size: Int) {
        guard size > 0 else { return nil }
        selector = data[0]
        bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    }
}

/// Decodes "00ff.." (whitespace ignored); for the fixed keys of the harnesses.
func hexBytes(_ text: String) -> [UInt8] {
    let digits = Array(text.utf8.filter { $0 > 32 })
    return stride(from: 0, to: digits.count - 1, by: 2).map { UInt8(String(decoding: digits[$0...$0 + 1], as: UTF8.self), radix: 16)! }
}

/// Seeds that only the harness can make (plaintexts behind authentication): when scripts/fuzz
/// replays the vector seeds with CASA_FUZZ_SEED_OUT set, a harness writes them there.
func writeDerivedSeed(_ name: String, selector: UInt8, _ bytes: [UInt8]) {
    guard let directory = getenv("CASA_FUZZ_SEED_OUT") else { return }
    let path = String(cString: directory) + "/derived-\(name)-\(selector)-\(bytes.count)-\(bytes.prefix(64).reduce(UInt64(5381)) { $0 &* 33 &+ UInt64($1) })"
    guard let file = fopen(path, "wb") else { return }
    let all = [selector] + bytes
    _ = all.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
    fclose(file)
}
