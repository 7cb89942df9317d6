import AccordModel
import Foundation

/// How to authenticate to a broker or a contract URL.
///
/// ```swift
/// let credentials = Credentials.bearer(token)
/// var headers = Headers()
/// credentials.apply(to: &headers)  // Authorization: Bearer …
/// ```
public enum Credentials: Sendable, Hashable {
  case none
  case basic(username: String, password: String)
  case bearer(String)

  /// Sets the `Authorization` header these credentials call for.
  public func apply(to headers: inout Headers) {
    switch self {
    case .none: break
    case .basic(let username, let password):
      headers["Authorization"] = ["Basic " + Data("\(username):\(password)".utf8).base64EncodedString()]
    case .bearer(let token):
      headers["Authorization"] = ["Bearer " + token]
    }
  }
}
