import CurlHTTP
import Foundation

/// A server stream from lnd's REST gateway: one `{"result": <message>}` per line, or a final
/// `{"error": <status>}` line, then EOF (lnd-facts.md §3.1). Iterating decodes messages as
/// they arrive; an error line throws the mapped `LNDError` and ends the stream; a malformed
/// line throws `malformedStream` and ends it. Ending the iteration closes the connection.
public struct LNDStream<Message: Decodable & Sendable>: AsyncSequence, Sendable {
    public typealias Element = Message

    let body: HTTPByteStream
    let httpStatus: Int

    public struct AsyncIterator: AsyncIteratorProtocol {
        private var chunks: HTTPByteStream.AsyncIterator
        private var splitter = NDJSONLineSplitter()
        private var finished = false
        private let httpStatus: Int

        init(chunks: HTTPByteStream.AsyncIterator, httpStatus: Int) {
            self.chunks = chunks
            self.httpStatus = httpStatus
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
                parsed = try JSONDecoder().decode(StreamLine<Message>.self, from: Data(line))
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
        AsyncIterator(chunks: body.makeAsyncIterator(), httpStatus: httpStatus)
    }

    /// Closes the stream's connection.
    public func cancel() {
        body.cancel()
    }
}

/// `{"result": T}` or `{"error": Status}`.
enum StreamLine<T: Decodable>: Decodable {
    case result(T)
    case error(RPCStatus)

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
