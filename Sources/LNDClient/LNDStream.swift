import CurlHTTP
import Foundation

/// A server stream from lnd's REST gateway: one `{"result": <message>}` per line, or a final
/// `{"error": <status>}` line, then EOF (docs/lnd.md §3.1). Iterating decodes messages as
/// they arrive; an error line throws the mapped `LNDError` and ends the stream; a malformed
/// line throws `malformedStream` and ends it. Ending the iteration closes the connection.
public struct LNDStream<Message: Sendable>: AsyncSequence, Sendable {
    public typealias Element = Message

    let body: HTTPByteStream
    let httpStatus: Int
    /// Parses one line; lets a stream expose a field of the wire message (SubscribeState's `state`).
    let parse: @Sendable ([UInt8]) throws -> StreamLine<Message>

    init(body: HTTPByteStream, httpStatus: Int, parse: @escaping @Sendable ([UInt8]) throws -> StreamLine<Message>) {
        self.body = body
        self.httpStatus = httpStatus
        self.parse = parse
    }

    init<Wire: Decodable>(body: HTTPByteStream, httpStatus: Int, wire: Wire.Type, _ transform: @escaping @Sendable (Wire) -> Message) {
        self.init(body: body, httpStatus: httpStatus) { line in
            switch try JSONDecoder().decode(StreamLine<Wire>.self, from: Data(line)) {
            case .result(let message): return .result(transform(message))
            case .error(let status): return .error(status)
            }
        }
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        private var chunks: HTTPByteStream.AsyncIterator
        private var splitter = NDJSONLineSplitter()
        private var finished = false
        private let httpStatus: Int
        private let parse: @Sendable ([UInt8]) throws -> StreamLine<Message>

        init(chunks: HTTPByteStream.AsyncIterator, httpStatus: Int, parse: @escaping @Sendable ([UInt8]) throws -> StreamLine<Message>) {
            self.chunks = chunks
            self.httpStatus = httpStatus
            self.parse = parse
        }

        public mutating func next() async throws -> Message? {
            while !finished {
                do {
                    if let line = try splitter.nextLine() {
                        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                        return try decode(line)
                    }
                    guard let chunk = try await chunks.next() else {
                        finished = true
                        if splitter.remainder.contains(where: { $0 != 0x20 && $0 != 0x0d && $0 != 0x09 }) {
                            // The last message had no "\n": accept it if it is complete JSON.
                            return try decode(splitter.remainder)
                        }
                        return nil
                    }
                    splitter.append(chunk)
                } catch let error as HTTPClientError {
                    finished = true
                    throw LNDError.transport(error)
                } catch {
                    finished = true
                    throw error
                }
            }
            return nil
        }

        private mutating func decode(_ line: [UInt8]) throws -> Message {
            let parsed: StreamLine<Message>
            do {
                parsed = try parse(line)
            } catch {
                finished = true
                throw LNDError.malformedStream("\(String(decoding: line.prefix(120), as: UTF8.self)) (\(error))")
            }
            switch parsed {
            case .result(let message):
                return message
            case .error(let status):
                finished = true
                throw LNDError(code: status.code, message: status.message, httpStatus: httpStatus)
            }
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(chunks: body.makeAsyncIterator(), httpStatus: httpStatus, parse: parse)
    }

    /// Closes the stream's connection.
    public func cancel() {
        body.cancel()
    }
}

/// `{"result": T}` or `{"error": Status}`.
enum StreamLine<T> {
    case result(T)
    case error(RPCStatus)
}

extension StreamLine: Decodable where T: Decodable {
    enum CodingKeys: String, CodingKey { case result, error }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let status = try c.decodeIfPresent(RPCStatus.self, forKey: .error) {
            self = .error(status)
        } else if c.contains(.result) {
            self = .result(try c.decode(T.self, forKey: .result))
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "neither result nor error"))
        }
    }
}
