import Foundation
import HTTPTypes
import Hummingbird

/// An error a service answers with: a status and `{"error": "…"}` saying what to do.
public struct ServiceError: HTTPResponseError, Sendable {
  public var status: HTTPResponse.Status
  public var message: String
  public var headers: HTTPFields

  public init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) {
    self.status = status
    self.message = message
    self.headers = headers
  }

  public func response(from request: Request, context: some RequestContext) throws -> Response {
    var fields = headers
    fields[.contentType] = "application/json"
    let body = (try? JSONSerialization.data(withJSONObject: ["error": message])) ?? Data()
    return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
  }
}
