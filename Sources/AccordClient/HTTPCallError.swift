/// Why an HTTP call Accord made did not get a whole answer: it names what was called, the URL and the limit that was
/// reached, and says what to check.
///
/// ```swift
/// do {
///   _ = try await AccordHTTPClient.send(OutgoingRequest(url: url), peer: "the provider", timeout: .seconds(5))
/// } catch {
///   print(error)  // the provider at http://127.0.0.1:8080/x did not answer in full within 5 s
/// }
/// ```
public struct HTTPCallError: Error, CustomStringConvertible, Sendable, Equatable {
  public enum Reason: Sendable, Equatable {
    /// The URL cannot be called (no host, an unsupported scheme, a port outside 1–65535).
    case invalidURL
    /// Nothing answers there: refused, unresolvable, or no connection within the connect timeout.
    case unreachable
    /// The whole answer, head and body, did not arrive within the time given.
    case timedOut(Duration)
    /// The answer's body is larger than the limit, in bytes.
    case tooLarge(Int)
    /// Something answers there, but not with HTTP (or it closed the connection without an answer).
    case notHTTP
    /// Any other failure, described in `detail`.
    case failed
  }

  public var reason: Reason
  /// What was called, as a phrase: "the provider", "the provider-states URL", "the broker".
  public var peer: String
  public var url: String
  /// The underlying error, for the curious.
  public var detail: String

  public init(_ reason: Reason, peer: String, url: String, detail: String = "") {
    self.reason = reason
    self.peer = peer
    self.url = url
    self.detail = detail
  }

  public var description: String {
    let detailSuffix = detail.isEmpty ? "" : " (\(detail))"
    switch reason {
    case .invalidURL:
      return "\(peer) URL \(url) cannot be called\(detailSuffix); give an http(s) URL with a host and a port 1–65535"
    case .unreachable:
      return "could not reach \(peer) at \(url)\(detailSuffix); check that it runs and that the URL is right"
    case .timedOut(let limit):
      return "\(peer) at \(url) did not answer in full within \(Self.seconds(limit)); "
        + "make it answer sooner or allow more time"
    case .tooLarge(let limit):
      return "\(peer) at \(url) answered with a body larger than \(Self.bytes(limit)), the most Accord reads"
    case .notHTTP:
      return "\(peer) at \(url) did not answer with HTTP\(detailSuffix); check the port and the scheme (http or https)"
    case .failed:
      return "the call to \(peer) at \(url) failed\(detailSuffix)"
    }
  }

  static func seconds(_ duration: Duration) -> String {
    let seconds = duration.inSeconds
    return seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
  }

  static func bytes(_ count: Int) -> String {
    if count >= 1 << 20, count % (1 << 20) == 0 { return "\(count >> 20) MiB" }
    if count >= 1 << 10, count % (1 << 10) == 0 { return "\(count >> 10) KiB" }
    return "\(count) bytes"
  }
}
