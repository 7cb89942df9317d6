import AccordBroker
import AccordModel
import Foundation
import Hummingbird
import NIOCore

/// Reading what clients send: path names, query items and JSON bodies, each with an error that names it.
extension Request {
  /// A path parameter, percent-decoded and checked as a name.
  func name<Context: RequestContext>(_ key: String, _ context: Context, what: String? = nil) throws -> String {
    guard let raw = context.parameters.get(key) else { throw APIError(.badRequest, "the path has no \(key)") }
    let decoded = raw.removingPercentEncoding ?? raw
    try Names.check(decoded, what: what ?? "the \(key) in the path")
    return decoded
  }

  /// The body parsed as JSON, at most `limit` bytes.
  func json<Context: RequestContext>(_ context: Context, limit: Int) async throws -> JSONValue {
    let buffer: ByteBuffer
    do {
      buffer = try await body.collect(upTo: limit)
    } catch is NIOTooManyBytesError {
      throw APIError(
        .contentTooLarge, "the request body is over \(limit) bytes; publish fewer or smaller contracts at once")
    } catch {
      // The client went away, or sent less than its Content-Length: its mistake, not the broker's.
      throw APIError(
        .badRequest, "the request body could not be read (\(error)); send the whole body its Content-Length promises")
    }
    guard buffer.readableBytes > 0 else {
      throw APIError(.badRequest, "the request has no body; send a JSON document")
    }
    do {
      return try JSONValue(parsing: Data(buffer: buffer))
    } catch {
      throw APIError(.badRequest, "the request body is not valid JSON: \(error)")
    }
  }

  /// The query's items in order, names and values percent-decoded with `+` as a space (as HTML forms and the Ruby
  /// client encode them); `q[][pacticipant]` stays one name.
  var queryItems: [(name: String, value: String)] {
    guard let query = uri.query, !query.isEmpty else { return [] }
    return query.split(separator: "&").map { item in
      let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = String(parts[0]).percentDecoded(plusIsSpace: true) ?? String(parts[0])
      let value = parts.count > 1 ? (String(parts[1]).percentDecoded(plusIsSpace: true) ?? String(parts[1])) : ""
      return (name, value)
    }
  }

  /// The query item `name`, if given and not empty.
  func query(_ name: String) -> String? {
    queryItems.first { $0.name == name && !$0.value.isEmpty }?.value
  }
}
