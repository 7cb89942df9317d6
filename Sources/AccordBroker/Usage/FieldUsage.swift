import AccordModel

/// "Who uses this field?" — for a provider, every response and message field its consumers' contracts rely on,
/// with the consumer versions that matter (the latest of each main branch, and what is deployed or released); and,
/// from the answers its verifications saw, the fields no consumer uses.
///
/// ```swift
/// let usage = try await FieldUsage.of(provider: "user-service", store: store)
/// for field in usage.fields where field.path == "$.name" { print(field.consumers.map(\.name)) }
/// ```
public struct FieldUsage: Sendable {
  /// A consumer version whose contract relies on a field, and why that version counts.
  public struct ConsumerVersion: Sendable, Hashable {
    public var name: String
    public var version: String
    public var reasons: [String]
  }

  public struct Field: Sendable {
    public var endpoint: Endpoint
    public var path: String
    public var consumers: [ConsumerVersion]
    /// The interactions (by description) it appears in.
    public var interactions: [String]
  }

  /// A field the provider answered with that no selected consumer's contract relies on.
  public struct UnusedField: Sendable, Hashable {
    public var endpoint: Endpoint
    public var path: String
  }

  public var provider: String
  public var fields: [Field]
  public var unused: [UnusedField]
  /// Endpoints whose verifications recorded no answers (verified by another tool, or not yet verified by Accord).
  public var unobserved: [Endpoint]

  /// The usage of `provider`'s fields, for the contracts of the latest main-branch and the deployed or released
  /// versions of its consumers.
  public static func of(provider: String, store: any BrokerStore) async throws(BrokerError) -> FieldUsage {
    var main = ConsumerVersionSelector()
    main.mainBranch = true
    var deployed = ConsumerVersionSelector()
    deployed.deployedOrReleased = true
    let pacts = try await PactsForVerification(store: store).pacts(provider: provider, selectors: [main, deployed])

    var used: [Endpoint: [String: (consumers: Set<ConsumerVersion>, interactions: Set<String>)]] = [:]
    var observed: [Endpoint: Set<String>] = [:]
    for verifiable in pacts {
      let pact = verifiable.pact
      guard let content = try await store.content(sha: pact.sha) else { continue }
      let fields: ContractFields
      do {
        fields = try ContractFields(pact: content)
      } catch {
        continue  // A pact the broker accepted always decodes; a stored one that does not is skipped, not fatal.
      }
      let consumer = ConsumerVersion(
        name: pact.consumer, version: pact.consumerVersion.number, reasons: verifiable.reasons)
      for (endpoint, paths) in fields.used {
        let descriptions = fields.interactions[endpoint] ?? []
        for path in paths {
          used[endpoint, default: [:]][path, default: ([], [])].consumers.insert(consumer)
          used[endpoint, default: [:]][path, default: ([], [])].interactions.formUnion(descriptions)
        }
        if used[endpoint] == nil { used[endpoint] = [:] }
      }
      if let verification = try await Self.latestSuccessfulVerification(sha: pact.sha, store: store) {
        for (endpoint, paths) in Self.observed(in: verification) { observed[endpoint, default: []].formUnion(paths) }
      }
    }

    var result: [Field] = []
    for endpoint in used.keys.sorted() {
      for (path, entry) in used[endpoint]!.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
        result.append(
          Field(
            endpoint: endpoint, path: path,
            consumers: entry.consumers.sorted { ($0.name, $0.version) < ($1.name, $1.version) },
            interactions: entry.interactions.sorted()))
      }
    }
    var unused: [UnusedField] = []
    for endpoint in observed.keys.sorted() {
      let relied = Set(used[endpoint]?.keys.map { $0 } ?? [])
      for path in observed[endpoint]!.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) })
      where !relied.contains(path) && !relied.contains(where: { Self.isAncestor($0, of: path) }) {
        unused.append(UnusedField(endpoint: endpoint, path: path))
      }
    }
    let unobserved = used.keys.filter { observed[$0] == nil }.sorted()
    return FieldUsage(provider: provider, fields: result, unused: unused, unobserved: unobserved)
  }

  /// The latest verification of a contract that passed (a provider version that failed it, such as a breaking
  /// change still on a branch, does not speak for what the provider answers); the last 20 are looked at.
  static func latestSuccessfulVerification(sha: String, store: any BrokerStore) async throws(BrokerError)
    -> Verification?
  {
    guard var verification = try await store.latestVerification(sha: sha) else { return nil }
    let oldest = max(1, verification.number - 20)
    while !verification.success {
      guard verification.number > oldest,
        let earlier = try await store.verification(sha: sha, number: verification.number - 1)
      else { return nil }
      verification = earlier
    }
    return verification
  }

  /// The fields each endpoint answered with, from the `accordObserved` entries Accord's verifier publishes.
  static func observed(in verification: Verification) -> [Endpoint: Set<String>] {
    var result: [Endpoint: Set<String>] = [:]
    for entry in verification.testResults?.arrayValue ?? verification.testResults?["tests"]?.arrayValue ?? [] {
      guard let observed = entry["accordObserved"], let fields = observed["fields"]?.arrayValue else { continue }
      let endpoint: Endpoint
      if let method = observed["method"]?.stringValue, let path = observed["path"]?.stringValue {
        endpoint = .http(method: method, path: path)
      } else if let description = entry["interactionDescription"]?.stringValue {
        endpoint = .message(description)
      } else {
        continue
      }
      result[endpoint, default: []].formUnion(fields.compactMap(\.stringValue))
    }
    return result
  }

  /// A consumer that relies on `$.user` (an object or array it takes whole) relies on everything in it.
  static func isAncestor(_ candidate: String, of path: String) -> Bool {
    path.count > candidate.count && path.hasPrefix(candidate)
      && (path.dropFirst(candidate.count).first == "." || path.dropFirst(candidate.count).first == "[")
  }
}
