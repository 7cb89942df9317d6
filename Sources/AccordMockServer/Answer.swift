import AccordHTTP
import AccordModel
import HTTPTypes
import NIOCore

/// What the mock server writes back for one request: a status, header fields and the whole body, framed with
/// `Content-Length`. Built once for a response without generators, so that answering it costs only the write.
///
/// ```swift
/// let answer = Answer(status: .ok, headers: [.contentType: "application/json"], body: ByteBuffer(string: "{}"))
/// answer.headers[.contentLength]  // "2"
/// ```
struct Answer: Sendable {
  var status: HTTPResponse.Status
  var headers: HTTPFields
  var body: ByteBuffer

  /// An answer whose `Content-Length` is its body's: any framing header the caller set is replaced, so that a
  /// contract's stale `Content-Length` or `Transfer-Encoding` cannot desynchronise a kept-alive connection.
  init(status: HTTPResponse.Status, headers: HTTPFields = [:], body: ByteBuffer = ByteBuffer()) {
    self.status = status
    self.headers = headers
    self.body = body
    self.headers[.transferEncoding] = nil
    // 1xx, 204 and 304 carry no body and no length.
    if status.code < 200 || status == .noContent || status == .notModified {
      self.headers[.contentLength] = nil
      self.body = ByteBuffer()
    } else {
      self.headers[.contentLength] = String(body.readableBytes)
    }
  }

  /// A contract response as written on the wire.
  init(_ response: PactResponse) {
    var fields = HTTPFields(response.headers)
    var body = ByteBuffer()
    if let data = response.body?.data, !data.isEmpty {
      if fields[.contentType] == nil, let type = response.body?.contentType {
        fields[.contentType] = type.description
      }
      body = ByteBuffer(bytes: data)
    }
    self.init(status: HTTPResponse.Status(code: response.status), headers: fields, body: body)
  }

  /// A JSON document, pretty-printed: the mock server's own answers (a mismatch, a refusal).
  static func json(_ status: HTTPResponse.Status, _ document: JSONValue) -> Answer {
    Answer(
      status: status, headers: [.contentType: "application/json"], body: ByteBuffer(bytes: document.data(.pretty)))
  }

  /// The mock server's own error answer: `{"error": "Accord mock server: <message>"}`.
  static func error(_ status: HTTPResponse.Status, _ message: String) -> Answer {
    json(status, ["error": .string("Accord mock server: \(message)")])
  }
}
