import AccordModel
import Foundation

/// Which requests a webhook may send, checked when it is saved: URL schemes, hosts and methods. As the Pact
/// Broker's defaults: `https` only and any host; widen with `ACCORD_BROKER_WEBHOOK_SCHEMES=http,https`, narrow
/// with `ACCORD_BROKER_WEBHOOK_HOSTS`. No address in the broker's own network unless allowed (``network``).
///
/// ```swift
/// let policy = WebhookPolicy(schemes: ["http", "https"], hosts: ["ci.example.com", "*.slack.com"])
/// ```
public struct WebhookPolicy: Sendable, Hashable {
  public var schemes: Set<String>
  /// Host names (`*.example.com` for any subdomain); empty for any host.
  public var hosts: [String]
  public var methods: Set<String>
  /// Which addresses webhooks may reach: by default none in the broker's own network.
  public var network: WebhookNetworkPolicy

  public init(
    schemes: Set<String> = ["https"], hosts: [String] = [],
    methods: Set<String> = ["POST", "PUT", "PATCH", "GET", "DELETE"], network: WebhookNetworkPolicy = .init()
  ) {
    self.schemes = Set(schemes.map { $0.lowercased() })
    self.hosts = hosts.map { $0.lowercased() }
    self.methods = Set(methods.map { $0.uppercased() })
    self.network = network
  }

  /// Reads `ACCORD_BROKER_WEBHOOK_SCHEMES`, `…_HOSTS`, `…_METHODS`, `…_ALLOW_NETWORKS` (comma-separated) and
  /// `…_ALLOW_PRIVATE` (`true`), defaults for the rest; the error names the variable that cannot be read.
  public static func fromEnvironment(_ environment: [String: String]) throws(BrokerError) -> WebhookPolicy {
    func list(_ name: String) -> [String]? {
      guard let value = environment[name] else { return nil }
      let items = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      return items.isEmpty ? nil : items
    }
    let defaults = WebhookPolicy()
    var allowPrivate = false
    if let text = environment["ACCORD_BROKER_WEBHOOK_ALLOW_PRIVATE"] {
      switch text.trimmingCharacters(in: .whitespaces).lowercased() {
      case "true", "1", "yes": allowPrivate = true
      case "false", "0", "no", "": allowPrivate = false
      default:
        throw .invalid("ACCORD_BROKER_WEBHOOK_ALLOW_PRIVATE is \(PrintSafe.quoted(text)); set it to true or false")
      }
    }
    let network: WebhookNetworkPolicy
    do {
      network = try WebhookNetworkPolicy.parse(
        allowing: environment["ACCORD_BROKER_WEBHOOK_ALLOW_NETWORKS"] ?? "", allowPrivate: allowPrivate)
    } catch {
      throw .invalid("ACCORD_BROKER_WEBHOOK_ALLOW_NETWORKS: \(error.description)")
    }
    return WebhookPolicy(
      schemes: list("ACCORD_BROKER_WEBHOOK_SCHEMES").map(Set.init) ?? defaults.schemes,
      hosts: list("ACCORD_BROKER_WEBHOOK_HOSTS") ?? defaults.hosts,
      methods: list("ACCORD_BROKER_WEBHOOK_METHODS").map(Set.init) ?? defaults.methods, network: network)
  }

  /// Checks a request template; the error names the JSON path and the setting to change.
  public func check(_ request: WebhookRequest, path: String) throws(BrokerError) {
    guard methods.contains(request.method) else {
      throw .invalid(
        "\(path).method \(PrintSafe.quoted(request.method)) is not allowed; use one of \(methods.sorted().joined(separator: ", ")) "
          + "(the broker's ACCORD_BROKER_WEBHOOK_METHODS)")
    }
    // Parameters may stand for a whole host; check the URL with each replaced by a plain word.
    let probe = WebhookTemplate.render(
      request.url, Dictionary(uniqueKeysWithValues: WebhookTemplate.parameters.map { ($0, "x") }))
    let components = URLComponents(string: probe)
    guard let components, let scheme = components.scheme?.lowercased() else {
      throw .invalid(
        "\(path).url \(PrintSafe.quoted(request.url)) is not an absolute URL; give e.g. https://ci.example.com/build")
    }
    guard schemes.contains(scheme) else {
      throw .invalid(
        "\(path).url uses \(scheme), which this broker does not call; use \(schemes.sorted().joined(separator: " or ")) "
          + "(the broker's ACCORD_BROKER_WEBHOOK_SCHEMES allows more)")
    }
    guard let host = components.host, !host.isEmpty else {
      throw .invalid(
        "\(path).url \(PrintSafe.quoted(request.url)) has no host; give e.g. https://ci.example.com/build")
    }
    if !hosts.isEmpty && !hosts.contains(where: { Self.host(host.lowercased(), matches: $0) }) {
      throw .invalid(
        "\(path).url's host \(host) is not one this broker calls (\(hosts.joined(separator: ", "))); ask who runs "
          + "the broker to add it to ACCORD_BROKER_WEBHOOK_HOSTS")
    }
    // An address, or a name that is always the machine itself, is checked now; other names when the webhook is
    // sent, on the address they resolve to then.
    let lower = host.lowercased()
    let literal =
      IPAddress(host: lower)
      ?? (lower == "localhost" || lower.hasSuffix(".localhost") || lower == "localhost."
        ? IPAddress(host: "127.0.0.1") : nil)
    if let literal, let refusal = network.refusal(host: host, address: literal) {
      throw .invalid("\(path).url: \(refusal)")
    }
  }

  /// A host name, or `*.` and one: letters, digits, `-`, `.` and `_`.
  static func isHostPattern(_ text: String) -> Bool {
    let name = text.hasPrefix("*.") ? text.dropFirst(2) : Substring(text)
    return !name.isEmpty && name.count <= 253
      && name.unicodeScalars.allSatisfy {
        $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "." || $0 == "_")
      }
  }

  static func host(_ host: String, matches pattern: String) -> Bool {
    if pattern.hasPrefix("*.") { return host.hasSuffix(String(pattern.dropFirst(1))) }
    return host == pattern
  }
}
