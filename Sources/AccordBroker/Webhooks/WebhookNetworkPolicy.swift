import AccordModel

/// Which addresses webhooks may reach. By default none inside the broker's own network: loopback, link-local
/// (where clouds serve instance metadata), private (RFC 1918, shared CGNAT space, fc00::/7), unspecified,
/// multicast, broadcast and reserved addresses are refused, so a webhook cannot be made to call the broker's
/// neighbours. An operator opens them all (`--webhook-allow-private`) or some: address blocks and host names
/// (`--webhook-allow-networks 10.20.0.0/16,ci.internal`).
///
/// The address checked is the one connected to: the server resolves a webhook's host once, checks every address,
/// and connects to the address it checked (see `WebhookExecutor`).
///
/// ```swift
/// let policy = WebhookNetworkPolicy(allowed: [AddressRange("10.20.0.0/16")!])
/// policy.refusal(host: "169.254.169.254", address: IPAddress(host: "169.254.169.254")!)  // "… link-local …"
/// ```
public struct WebhookNetworkPolicy: Sendable, Hashable {
  /// Every address is allowed.
  public var allowPrivate: Bool
  /// Blocks whose addresses are allowed although they are not public.
  public var allowedRanges: [AddressRange]
  /// Hosts (`*.example.com` for any subdomain) whose addresses are allowed although they are not public.
  public var allowedHosts: [String]

  public init(allowPrivate: Bool = false, allowedRanges: [AddressRange] = [], allowedHosts: [String] = []) {
    self.allowPrivate = allowPrivate
    self.allowedRanges = allowedRanges
    self.allowedHosts = allowedHosts.map { $0.lowercased() }
  }

  /// A policy that allows every address (for tests, and brokers that only call inside their network).
  public static let anyAddress = WebhookNetworkPolicy(allowPrivate: true)

  /// Reads a list of blocks and host names (`--webhook-allow-networks`), comma-separated; the error names the
  /// item that is neither.
  public static func parse(allowing list: String, allowPrivate: Bool = false) throws(BrokerError)
    -> WebhookNetworkPolicy
  {
    var ranges: [AddressRange] = []
    var hosts: [String] = []
    for item in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
      if let range = AddressRange(item) {
        ranges.append(range)
      } else if item.contains("/") || !WebhookPolicy.isHostPattern(item) {
        throw .invalid(
          "\(PrintSafe.quoted(item)) is neither an address block (10.0.0.0/8, fd00::/8, 127.0.0.1) nor a host name "
            + "(ci.internal, *.corp.example)")
      } else {
        hosts.append(item)
      }
    }
    return WebhookNetworkPolicy(allowPrivate: allowPrivate, allowedRanges: ranges, allowedHosts: hosts)
  }

  /// What kind of address `address` is, when it is not a public one.
  public static func restrictedKind(of address: IPAddress) -> String? {
    if let inner = address.embeddedIPv4 { return restrictedKind(of: inner) }
    for (block, kind) in address.isIPv4 ? Self.ipv4Blocks : Self.ipv6Blocks where block.contains(address) {
      return kind
    }
    return nil
  }

  /// Why a webhook to `host` may not connect to `address`, naming the rule and the switch; `nil` when it may.
  public func refusal(host: String, address: IPAddress) -> String? {
    guard !allowPrivate, let kind = Self.restrictedKind(of: address) else { return nil }
    if allowedRanges.contains(where: { $0.contains(address) || (address.embeddedIPv4.map($0.contains) ?? false) }) {
      return nil
    }
    if allowedHosts.contains(where: { WebhookPolicy.host(host.lowercased(), matches: $0) }) { return nil }
    let subject = host == address.description ? host : "\(PrintSafe.escaped(host)) (\(address))"
    return "the webhook's host \(subject) is a \(kind) address, "
      + "which this broker does not call: webhooks may not reach the broker's own network. Who runs the broker can "
      + "allow it with --webhook-allow-networks \(address)\(address.isIPv4 ? "/32" : "/128") (or "
      + "ACCORD_BROKER_WEBHOOK_ALLOW_NETWORKS), or every such address with --webhook-allow-private"
  }

  static let ipv4Blocks: [(AddressRange, String)] = [
    ("0.0.0.0/8", "unspecified"), ("10.0.0.0/8", "private"), ("100.64.0.0/10", "private (shared, CGNAT)"),
    ("127.0.0.0/8", "loopback"), ("169.254.0.0/16", "link-local"), ("172.16.0.0/12", "private"),
    ("192.0.0.0/24", "reserved"), ("192.168.0.0/16", "private"), ("198.18.0.0/15", "reserved (benchmarking)"),
    ("224.0.0.0/4", "multicast"), ("255.255.255.255/32", "broadcast"), ("240.0.0.0/4", "reserved"),
  ].map { (AddressRange($0.0)!, $0.1) }

  static let ipv6Blocks: [(AddressRange, String)] = [
    ("::/128", "unspecified"), ("::1/128", "loopback"), ("fe80::/10", "link-local"), ("fc00::/7", "private"),
    ("fec0::/10", "private (site-local)"), ("ff00::/8", "multicast"), ("100::/64", "reserved (discard)"),
  ].map { (AddressRange($0.0)!, $0.1) }
}
