import Foundation
import Recovery
import SeedKit
import Sodium
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// M8: after the words were read from a file, deciphered and handed over for lnd's InitWallet,
/// no run of three of them is left anywhere in this process's writable memory: the file is read
/// into secure memory, parsed there, and secure memory is zeroed when released.
@Suite struct WordsInMemoryTests {
    @Test func noThreeWordsAreLeftInMemoryAfterLoading() throws {
        let scryptN: UInt64 = 16
        // Fresh random words, so that no other test holds them. The list keeps them as short
        // strings (stored inside the array's 16-byte slots): never three in a row with spaces.
        let words = try CipherSeed.generate(birthday: 6000).encipher(passphrase: nil, scryptN: scryptN)
        let dir = try TemporaryDirectory(prefix: "casa-m8")
        defer { dir.remove() }
        let path = dir.sub("words.txt")
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        #expect(fd >= 0)
        for (n, word) in words.enumerated() {  // one word per write: the joined text never exists here
            _ = word.utf8CString.withUnsafeBufferPointer { Glibc.write(fd, $0.baseAddress!, word.utf8.count) }
            _ = Glibc.write(fd, n == words.count - 1 ? "\n" : " ", 1)
        }
        close(fd)

        do {
            let loaded = try SeedLoader(wordsFile: path, scryptN: scryptN).loadWords()
            #expect(loaded.words.count == words.reduce(words.count - 1) { $0 + $1.utf8.count })
        }

        // Every window of three consecutive words, as the file had them, in one buffer.
        var needles: [[UInt8]] = []
        for k in 0...(words.count - 3) {
            needles.append(Array(words[k].utf8) + [0x20] + Array(words[k + 1].utf8) + [0x20] + Array(words[k + 2].utf8))
        }
        let found = try ProcessMemory.find(needles)
        #expect(found.isEmpty, "seed words left in memory at \(found.prefix(5))")
    }
}

/// Scans this process's private writable mappings (heap, anonymous memory, stacks) through
/// /proc/self/mem, which fails cleanly on pages that cannot be read. The scan reads into one
/// mapping of its own, unmapped afterwards: a heap buffer would keep copies of what it read
/// (the needles themselves among them) for the next region to find.
enum ProcessMemory {
    static let chunk = 8 << 20

    /// Addresses where any needle occurs, outside the needles' own buffers.
    static func find(_ needles: [[UInt8]]) throws -> [String] {
        let maps = try String(contentsOfFile: "/proc/self/maps", encoding: .utf8)
        let fd = open("/proc/self/mem", O_RDONLY)
        guard fd >= 0 else { throw POSIXError(.EACCES) }
        defer { close(fd) }
        let longest = needles.map(\.count).max() ?? 0
        guard let buffer = mmap(nil, chunk + longest, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), buffer != MAP_FAILED else {
            throw POSIXError(.ENOMEM)
        }
        defer { munmap(buffer, chunk + longest) }
        let ownBuffer = UInt(bitPattern: buffer)..<(UInt(bitPattern: buffer) + UInt(chunk + longest))
        let own: [ClosedRange<UInt>] = needles.map { n in n.withUnsafeBytes { UInt(bitPattern: $0.baseAddress!)...(UInt(bitPattern: $0.baseAddress!) + UInt($0.count)) } }
        var hits: [String] = []
        for line in maps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 5, fields[1].hasPrefix("rw"), fields[1].hasSuffix("p") else { continue }
            let name = fields.count >= 6 ? String(fields[5]) : ""
            guard name.isEmpty || name.hasPrefix("[heap") || name.hasPrefix("[stack") else { continue }
            let bounds = fields[0].split(separator: "-").compactMap { UInt($0, radix: 16) }
            guard bounds.count == 2, !ownBuffer.contains(bounds[0]) else { continue }
            let size = Int(bounds[1] - bounds[0])
            // Anonymous reservations of a gigabyte or more (never-touched address space) hold no
            // words, and reading them costs seconds on a loaded machine; the heap is always read.
            guard size < 1 << 30 || name.hasPrefix("[heap") else { continue }
            // Chunks overlap by the longest needle, so a run across a chunk border is found.
            var start = 0
            while start < size {
                let length = min(chunk + longest, size - start)
                let got = pread(fd, buffer, length, off_t(Int64(bitPattern: UInt64(bounds[0]) + UInt64(start))))
                guard got > 0 else { break }
                let bytes = UnsafeRawBufferPointer(start: buffer, count: got)
                for needle in needles {
                    for offset in occurrences(of: needle, in: bytes) {
                        let address = bounds[0] + UInt(start + offset)
                        if !own.contains(where: { $0.contains(address) }) { hits.append(String(address, radix: 16)) }
                    }
                }
                start += chunk
            }
        }
        return Array(Set(hits)).sorted()
    }

    /// Offsets of `needle` in `haystack` (memchr for the first byte, then a compare).
    static func occurrences(of needle: [UInt8], in haystack: UnsafeRawBufferPointer) -> [Int] {
        var found: [Int] = []
        var at = 0
        while at + needle.count <= haystack.count {
            guard let p = memchr(haystack.baseAddress! + at, Int32(needle[0]), haystack.count - at - needle.count + 1) else { break }
            let offset = UnsafeRawPointer(p) - haystack.baseAddress!
            if needle.withUnsafeBytes({ memcmp(p, $0.baseAddress!, needle.count) }) == 0 { found.append(offset) }
            at = offset + 1
        }
        return found
    }
}
