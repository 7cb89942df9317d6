import AccordModel
import Foundation

/// A request Accord sends: to a provider, a provider-states or messages URL, a contract URL or a broker.
///
/// ```swift
/// var request = OutgoingRequest(method: "POST", url: "http://127.0.0.1:9292/contracts/publish")
/// request.headers.add("Content-Type", "application/json")
/// request.body = Data(#"{"pacticipantName": "Web"}"#.utf8)
/// ```
public struct OutgoingRequest: Sendable {
  /// An HTTP method token, upper case: `GET`, `POST`.
  public var method: String
  public var url: String
  public var headers: Headers
  public var body: Data?

  public init(method: String = "GET", url: String, headers: Headers = Headers(), body: Data? = nil) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
  }
}

/// A whole answer: status, headers and the body read in full.
public struct ReceivedResponse: Sendable {
  public var status: Int
  public var headers: Headers
  public var body: Data

  public init(status: Int, headers: Headers, body: Data) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  /// The body as text for an error message: at most `limit` bytes, invalid UTF-8 replaced.
  public func bodyExcerpt(_ limit: Int = 300) -> String {
    String(decoding: body.prefix(limit), as: UTF8.self) + (body.count > limit ? "…" : "")
  }
}
