import AccordHTTP
import AccordModel
import Foundation
import HTTPTypes
import HummingbirdCore
import NIOCore
import NIOFoundationCompat

/// Turns HTTP requests as they arrive (a head and a collected body) into contract requests.
enum HTTPConversion {
  /// The largest request body the mock server reads; larger bodies are refused with 413.
  static let maximumBodySize = 32 * 1024 * 1024

  /// Why a request is not read: the answer it gets instead.
  static func refusal(_ head: HTTPRequest) -> Answer? {
    if let encoding = head.headerFields[.transferEncoding],
      tokens(encoding) != ["chunked"]
    {
      return .error(
        .notImplemented,
        "Transfer-Encoding \(PrintSafe.quoted(encoding)) is not supported; send the body with "
          + "Content-Length or Transfer-Encoding: chunked")
    }
    return nil
  }

  /// A comma-separated header's tokens (`Connection`, `Transfer-Encoding`), trimmed and in lower case.
  static func tokens(_ value: String) -> [String] {
    value.split(separator: ",").map { $0.trimmingHTTPWhitespace().lowercased() }
  }

  /// The 413 for a body over ``maximumBodySize``.
  static let tooLarge = Answer.error(
    .contentTooLarge, "the request body is over \(maximumBodySize) bytes, the most the mock server reads")

  /// The contract request for a head and its whole body.
  static func request(_ head: HTTPRequest, body: ByteBuffer) -> PactRequest {
    let headers = Headers(head.headerFields)
    // Hummingbird's parser: an absolute-form target (`http://host/path`, as sent through a proxy) gives its path.
    let uri = URI(head.path ?? "/")
    let path = uri.path
    return PactRequest(
      method: head.method.rawValue,
      path: path.percentDecoded() ?? path,
      query: Query(parsing: uri.query ?? ""),
      headers: headers,
      body: body.readableBytes == 0 ? nil : Body(data: Data(buffer: body), contentType: headers.contentType)
    )
  }
}
