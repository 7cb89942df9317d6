import AccordBroker
import AccordModel

/// A company's network of services, to try the broker's pages at scale: front ends call gateways, gateways call
/// domain services, domain services call each other and platform services, and event workers consume the domain
/// services' messages. Some integrations failed verification, some failed only on a provider's feature branch, some
/// were never verified; about four in ten services are deployed to production. The same `count` and `seed` give the
/// same network.
///
/// ```swift
/// let network = CompanyNetwork(services: 60)
/// try await network.seed(store)   // about 170 contracts, each in three consumer versions
/// ```
public struct CompanyNetwork: Sendable {
  public enum Tier: String, Sendable, CaseIterable { case frontEnd, gateway, domain, platform, worker }

  public struct Service: Sendable, Hashable {
    public var name: String
    public var tier: Tier
  }

  /// What the latest verification of a contract says.
  public enum Outcome: String, Sendable { case verified, failed, failedOnBranch, unverified }

  public struct Contract: Sendable, Hashable {
    public var consumer: String
    public var provider: String
    public var messages: Bool
    public var outcome: Outcome
  }

  public private(set) var services: [Service] = []
  public private(set) var contracts: [Contract] = []
  /// The services deployed to production (their latest main version).
  public private(set) var deployed: [String] = []

  public init(services count: Int, seed: UInt64 = 7) {
    var random = SeededRandom(seed: seed)
    let count = max(count, 10)
    let sizes: [(Tier, Int)] = {
      let front = Int((Double(count) * 0.15).rounded())
      let gateway = Int((Double(count) * 0.1).rounded())
      let domain = Int((Double(count) * 0.4).rounded())
      let platform = Int((Double(count) * 0.18).rounded())
      return [
        (.frontEnd, front), (.gateway, gateway), (.domain, domain), (.platform, platform),
        (.worker, count - front - gateway - domain - platform),
      ]
    }()
    var byTier: [Tier: [String]] = [:]
    for (tier, size) in sizes {
      let names = Self.names[tier] ?? []
      for index in 0..<size {
        let base = names[index % names.count]
        let name = index < names.count ? base : "\(base)-\(index / names.count + 1)"
        byTier[tier, default: []].append(name)
        services.append(Service(name: name, tier: tier))
      }
    }
    let (fronts, gateways, domains, platforms, workers) = (
      byTier[.frontEnd] ?? [], byTier[.gateway] ?? [], byTier[.domain] ?? [], byTier[.platform] ?? [],
      byTier[.worker] ?? []
    )
    var pairs: [(String, String, Bool)] = []
    var seen: Set<[String]> = []
    func add(_ consumer: String, _ provider: String, messages: Bool = false) {
      guard consumer != provider, seen.insert([consumer, provider]).inserted else { return }
      pairs.append((consumer, provider, messages))
    }
    func pick(_ from: [String], _ count: Int) -> [String] {
      guard !from.isEmpty else { return [] }
      return (0..<count).map { _ in from[random.next(below: from.count)] }
    }
    for front in fronts {
      for gateway in pick(gateways, 1 + random.next(below: 2)) { add(front, gateway) }
    }
    for gateway in gateways {
      for domain in pick(domains, 5 + random.next(below: 3)) { add(gateway, domain) }
    }
    for (index, domain) in domains.enumerated() {
      // A call to a domain service further down the list, so the network has depth.
      if index + 1 < domains.count && random.next(below: 10) < 7 {
        add(domain, domains[index + 1 + random.next(below: min(5, domains.count - index - 1))])
      }
      for platform in pick(platforms, 1 + random.next(below: 2)) { add(domain, platform) }
    }
    for (index, platform) in platforms.enumerated() where index + 1 < platforms.count && random.next(below: 2) == 0 {
      add(platform, platforms[index + 1 + random.next(below: platforms.count - index - 1)])
    }
    for worker in workers {
      for domain in pick(domains, 2 + random.next(below: 2)) { add(worker, domain, messages: true) }
      for platform in pick(platforms, 1) { add(worker, platform) }
    }
    contracts = pairs.map { consumer, provider, messages in
      let roll = random.next(below: 100)
      let outcome: Outcome =
        roll < 12 ? .failed : roll < 16 ? .failedOnBranch : roll < 31 ? .unverified : .verified
      return Contract(consumer: consumer, provider: provider, messages: messages, outcome: outcome)
    }
    deployed = services.map(\.name).filter { _ in random.next(below: 100) < 42 }
  }

  /// Names by tier; beyond a list's end they repeat with a number.
  static let names: [Tier: [String]] = [
    .frontEnd: [
      "web-app", "ios-app", "android-app", "kiosk-app", "partner-portal", "admin-console", "seller-app",
      "support-desk", "checkout-web", "marketing-site",
    ],
    .gateway: ["public-api-gateway", "mobile-bff", "web-bff", "partner-gateway", "admin-bff", "graphql-gateway"],
    .domain: [
      "orders", "payments", "inventory", "catalog", "pricing", "carts", "customers", "shipping", "returns",
      "promotions", "loyalty", "reviews", "recommendations", "subscriptions", "invoices", "refunds", "warehouses",
      "suppliers", "fulfilment", "gift-cards", "wishlists", "quotes", "stores", "bookings",
    ],
    .platform: [
      "identity", "audit-log", "feature-flags", "notifications", "search", "files", "tax", "geo", "email", "sms",
      "ledger",
    ],
    .worker: [
      "order-events-worker", "payment-events-worker", "stock-sync-worker", "email-digest-worker",
      "analytics-ingest-worker", "search-indexer", "fraud-scorer", "invoice-renderer", "loyalty-accrual-worker",
      "webhook-relay",
    ],
  ]

  /// Each consumer's three versions: two on main and one on a feature branch, the contract growing with each.
  public static let consumerVersions: [(number: String, branch: String)] = [
    ("1.0.0", "main"), ("1.1.0", "main"), ("1.2.0", "feature/new-fields"),
  ]

  /// The contract `consumer` → `provider` at a consumer version (0, 1 or 2 of ``consumerVersions``).
  public static func pact(_ contract: Contract, version: Int) -> JSONValue {
    let resource = contract.provider.split(separator: "-").first.map(String.init) ?? contract.provider
    var fields: JSONObject = ["id": "42", "name": "an example"]
    var rules: JSONObject = ["$.id": ["match": "type"], "$.name": ["match": "type"]]
    if version >= 1 {
      fields["updatedAt"] = "2026-11-30T10:00:00Z"
      rules["$.updatedAt"] = ["match": "timestamp", "timestamp": "yyyy-MM-dd'T'HH:mm:ssXXX"]
    }
    if version >= 2 {
      fields["status"] = "ACTIVE"
      rules["$.status"] = ["match": "regex", "regex": "ACTIVE|RETIRED"]
    }
    var interactions: [JSONValue] = []
    if contract.messages {
      interactions.append([
        "type": "Asynchronous/Messages", "description": .string("a \(resource) changed event"),
        "contents": ["contentType": "application/json", "content": .object(fields)],
        "matchingRules": ["body": .object(rules.mapValues(Self.combined))],
        "metadata": ["topic": .string("\(resource).events")],
      ])
    } else {
      interactions.append([
        "type": "Synchronous/HTTP", "description": .string("a request for one of \(resource)"),
        "providerStates": [["name": .string("\(resource) 42 exists")]],
        "request": ["method": "GET", "path": .string("/\(resource)/42")],
        "response": [
          "status": 200, "headers": ["Content-Type": ["application/json"]],
          "body": ["contentType": "application/json", "encoded": false, "content": .object(fields)],
          "matchingRules": ["body": .object(rules.mapValues(Self.combined))],
        ],
      ])
      if version >= 1 {
        interactions.append([
          "type": "Synchronous/HTTP", "description": .string("a request for a \(resource) that does not exist"),
          "request": ["method": "GET", "path": .string("/\(resource)/0")],
          "response": ["status": 404],
        ])
      }
    }
    return [
      "consumer": ["name": .string(contract.consumer)], "provider": ["name": .string(contract.provider)],
      "interactions": .array(interactions),
      "metadata": ["pactSpecification": ["version": "4.0"]],
    ]
  }

  static func combined(_ matcher: JSONValue) -> JSONValue { ["combine": "AND", "matchers": [matcher]] }

  /// Publishes every contract in each consumer version, records the verifications that give each its outcome,
  /// and deploys the ``deployed`` services' latest main versions to `production` (created if missing).
  public func seed(_ store: any BrokerStore) async throws {
    var production = try await store.environment(named: "production")
    if production == nil {
      production = try await store.saveEnvironment(EnvironmentChange(name: "production", production: true))
    }
    guard let production else { return }
    let byConsumer = Dictionary(grouping: contracts, by: \.consumer)
    var latestMain: [String: Int64] = [:]
    var verifications: [NewVerification] = []
    for service in services {
      guard let own = byConsumer[service.name] else { continue }
      for (index, version) in Self.consumerVersions.enumerated() {
        let contents = try own.map { try PactContent(json: Self.pact($0, version: index), path: "network") }
        let outcome = try await store.publish(
          Publication(
            version: VersionChange(pacticipant: service.name, number: version.number, branch: version.branch),
            contracts: contents))
        if version.branch == "main" { latestMain[service.name] = outcome.version.id }
        for (contract, stored) in zip(own, outcome.stored) {
          // The older versions verified; the latest main and the feature branch as the outcome says.
          let main = VersionChange(pacticipant: contract.provider, number: "1.1.0", branch: "main")
          let feature = VersionChange(pacticipant: contract.provider, number: "1.2.0", branch: "feature/new-fields")
          func verify(_ version: VersionChange, _ success: Bool) {
            verifications.append(
              NewVerification(
                provider: contract.provider, consumer: contract.consumer, sha: stored.sha, providerVersion: version,
                success: success))
          }
          switch (contract.outcome, index) {
          case (_, 0): verify(main, true)
          case (.verified, _): verify(main, true)
          case (.failed, _): verify(main, false)
          case (.failedOnBranch, _):
            verify(main, true)
            verify(feature, false)
          case (.unverified, _): break
          }
        }
      }
    }
    _ = try await store.recordVerifications(verifications)
    for name in deployed {
      // Its latest main version (a provider's, recorded by its verifications, is the same number).
      var versionID = latestMain[name]
      if versionID == nil {
        versionID = try await store.saveVersion(VersionChange(pacticipant: name, number: "1.1.0", branch: "main")).id
      }
      guard let versionID else { continue }
      _ = try await store.recordDeployment(versionID: versionID, environmentID: production.id, applicationInstance: nil)
    }
  }
}
