// libFuzzer harness for the TOML config: TOMLKit (toml++ underneath) parsing any text, and TOMLDecoder into the agent's AgentConfigFile (the vault's config file is
// decoded the same way). Run with scripts/fuzz toml; needs .build/checkouts/TOMLKit (swift build).
import TOMLKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let input = FuzzInput(data, size) else { return 0 }
    let text = String(decoding: input.bytes, as: UTF8.self)
    if input.selector % 2 == 0 {
        // Printing back is not checked: casa never writes TOML, and TOMLKit's printer can write
        // TOML it cannot read (Tests/Vectors/fuzz-regressions/toml/print-not-reparsable).
        _ = try? TOMLTable(string: text)
    } else {
        _ = try? TOMLDecoder().decode(AgentConfigFile.self, from: text)
    }
    return 0
}
