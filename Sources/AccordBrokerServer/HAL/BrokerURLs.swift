import AccordModel
import Foundation

/// Every URL the broker hands out, made absolute against the base URL the client used (or `--public-url`), with
/// names percent-encoded as path segments.
///
/// ```swift
/// let urls = BrokerURLs(base: "http://127.0.0.1:9292")
/// urls.version("user service", "1.0")  // http://127.0.0.1:9292/pacticipants/user%20service/versions/1.0
/// ```
public struct BrokerURLs: Sendable {
  public var base: String

  public init(base: String) {
    self.base = base.hasSuffix("/") ? String(base.dropLast()) : base
  }

  /// A path segment: everything but unreserved characters percent-encoded (a `/` in a name stays one segment).
  public static func segment(_ text: String) -> String { PercentEncoding.unreserved(text) }

  func path(_ parts: String...) -> String { base + "/" + parts.joined(separator: "/") }

  public var index: String { base + "/" }
  public var pacticipants: String { path("pacticipants") }
  public func pacticipant(_ name: String) -> String { path("pacticipants", Self.segment(name)) }
  public func label(_ pacticipant: String, _ label: String) -> String {
    path("pacticipants", Self.segment(pacticipant), "labels", Self.segment(label))
  }
  public func versions(_ name: String) -> String { pacticipant(name) + "/versions" }
  public func version(_ name: String, _ number: String) -> String {
    pacticipant(name) + "/versions/" + Self.segment(number)
  }
  public func tag(_ name: String, _ number: String, _ tag: String) -> String {
    version(name, number) + "/tags/" + Self.segment(tag)
  }
  public func branch(_ name: String, _ branch: String) -> String {
    pacticipant(name) + "/branches/" + Self.segment(branch)
  }
  public func branchVersion(_ name: String, _ branch: String, _ number: String) -> String {
    self.branch(name, branch) + "/versions/" + Self.segment(number)
  }
  public func pact(provider: String, consumer: String, version: String) -> String {
    path(
      "pacts", "provider", Self.segment(provider), "consumer", Self.segment(consumer), "version", Self.segment(version))
  }
  public func pactVersion(provider: String, consumer: String, sha: String) -> String {
    path("pacts", "provider", Self.segment(provider), "consumer", Self.segment(consumer), "pact-version", sha)
  }
  public func latestPact(provider: String, consumer: String) -> String {
    path("pacts", "provider", Self.segment(provider), "consumer", Self.segment(consumer), "latest")
  }
  public func verificationResults(provider: String, consumer: String, sha: String) -> String {
    pactVersion(provider: provider, consumer: consumer, sha: sha) + "/verification-results"
  }
  public func verification(provider: String, consumer: String, sha: String, number: Int64) -> String {
    verificationResults(provider: provider, consumer: consumer, sha: sha) + "/\(number)"
  }
  public var environments: String { path("environments") }
  public func environment(_ uuid: String) -> String { path("environments", uuid) }
  public func deployedVersion(_ uuid: String) -> String { path("deployed-versions", uuid) }
  public func releasedVersion(_ uuid: String) -> String { path("released-versions", uuid) }
  public func recordDeployment(_ name: String, _ number: String, environment uuid: String) -> String {
    version(name, number) + "/deployed-versions/environment/" + uuid
  }
  public func recordRelease(_ name: String, _ number: String, environment uuid: String) -> String {
    version(name, number) + "/released-versions/environment/" + uuid
  }
}
