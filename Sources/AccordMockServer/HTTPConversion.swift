import AccordHTTP
import AccordModel
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Turns Hummingbird requests into contract requests and contract responses into Hummingbird responses.
enum HTTPConversion {
  /// The largest request body the mock server reads; larger bodies are refused with 413.
  static let maximumBodySize = 32 * 1024 * 1024

  /// Why a request could not be read, as the status and message of the answer.
  struct Refusal: Error {
    let status: HTTPResponse.Status
    let message: String
  }

  static func request(_ request: inout Request) async throws(Refusal) -> PactRequest {
    if let encoding = request.headers[.transferEncoding],
      encoding.split(separator: ",").map({ $0.trimmingHTTPWhitespace().lowercased() }) != ["chunked"]
    {
      throw Refusal(
        status: .notImplemented,
        message: "Transfer-Encoding \(PrintSafe.quoted(encoding)) is not supported; send the body with "
          + "Content-Length or Transfer-Encoding: chunked")
    }
    // HTTP/1.1: without Content-Length or Transfer-Encoding there is no body; do not wait for one.
    let hasBody = request.headers[.contentLength].map { $0 != "0" } ?? (request.headers[.transferEncoding] != nil)
    let buffer: ByteBuffer
    do {
      buffer = hasBody ? try await request.collectBody(upTo: maximumBodySize) : ByteBuffer()
    } catch is NIOTooManyBytesError {
      throw Refusal(
        status: .contentTooLarge,
        message: "the request body is over \(maximumBodySize) bytes, the most the mock server reads")
    } catch {
      throw Refusal(
        status: .badRequest,
        message: "the request body could not be read (\(error)); check its chunked encoding or Content-Length")
    }
    let headers = Headers(request.headers)
    let body = buffer.readableBytes == 0 ? nil : Body(data: Data(buffer: buffer), contentType: headers.contentType)
    let path = request.uri.path
    return PactRequest(
      method: request.method.rawValue,
      path: path.percentDecoded() ?? path,
      query: Query(parsing: request.uri.query ?? ""),
      headers: headers,
      body: body
    )
  }

  static func response(_ response: PactResponse) -> Response {
    var fields = HTTPFields(response.headers)
    var body = ResponseBody()
    if let data = response.body?.data, !data.isEmpty {
      if fields[.contentType] == nil, let type = response.body?.contentType {
        fields[.contentType] = type.description
      }
      body = ResponseBody(byteBuffer: ByteBuffer(bytes: data))
    }
    return Response(status: .init(code: response.status), headers: fields, body: body)
  }

  static func json(_ status: HTTPTypes.HTTPResponse.Status, _ document: JSONValue) -> Response {
    Response(
      status: status, headers: [.contentType: "application/json"],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: document.data(.pretty))))
  }
}
