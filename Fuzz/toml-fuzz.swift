// libFuzzer harness for the TOML config: TOMLKit (toml++ underneath) parsing any text, printing
// back what parsed, and TOMLDecoder into the agent's AgentConfigFile (the vault's config file is
// decoded the same way). Run with scripts/fuzz toml; needs .build/checkouts/TOMLKit (swift build).
import TOMLKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let input = FuzzInput(data, size) else { return 0 }
    let text = String(decoding: input.bytes, as: UTF8.self)
    if input.selector % 2 == 0 {
        // What parses must print as TOML that parses again.
        guard let table = try? TOMLTable(string: text) else { return 0 }
        if (try? TOMLTable(string: table.convert())) == nil { fatalError("TOMLKit printed TOML it cannot read") }
    } else {
        _ = try? TOMLDecoder().decode(AgentConfigFile.self, from: text)
    }
    return 0
}
