// libFuzzer harness for LightningWire's decoders: build and run with scripts/fuzz lightning-wire.
// The first input byte picks the target; the rest is the input. Any crash is a bug: every
// decoder must answer malformed input with a typed error.
import LightningWire
import Secp256k1
import Sodium

private let transportKey = try! SecureBytes(copying: [UInt8](repeating: 0x42, count: 32))
private let chainingKey = try! SecureBytes(copying: [UInt8](repeating: 0x24, count: 32))
private let responderKey = try! PrivateKey(secret: SecureBytes(copying: [UInt8](repeating: 0x21, count: 32)))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let input = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    switch data[0] % 4 {
    case 0:
        // Message decoder: whatever decodes must re-encode and decode to the same value.
        if let message = try? WireMessage(decoding: input) {
            guard (try? WireMessage(decoding: message.encoded())) == message else { fatalError("re-encoding changed \(message.summary)") }
        }
    case 1:
        // Frame reader on a byte stream: headers and bodies under a fixed key.
        var decoder = FrameDecoder(cipher: CipherState(key: transportKey, chainingKey: chainingKey))
        do {
            try decoder.append(input)
            while try decoder.nextMessage() != nil {}
        } catch is FrameError {
        } catch {
            fatalError("unexpected error \(error)")
        }
    case 2:
        // Frames that are valid except where the input says: seal the input, then flip one byte.
        var encoder = FrameEncoder(cipher: CipherState(key: transportKey, chainingKey: chainingKey))
        var decoder = FrameDecoder(cipher: CipherState(key: transportKey, chainingKey: chainingKey))
        guard var frame = try? encoder.encode(input), let flip = input.first else { return 0 }
        frame[Int(flip) % frame.count] ^= 0x01
        do {
            try decoder.append(frame)
            if try decoder.nextMessage() != nil { fatalError("a corrupted frame decoded") }
        } catch is FrameError {
        } catch {
            fatalError("unexpected error \(error)")
        }
    default:
        // Responder handshake fed arbitrary act one bytes.
        guard var responder = try? NoiseResponder(localStatic: responderKey) else { return 0 }
        do { _ = try responder.makeActTwo(readingActOne: input) } catch is HandshakeError {} catch { fatalError("unexpected error \(error)") }
    }
    return 0
}
