/// Whether a pacticipant version can be deployed: every integration with what is in the target (an environment,
/// or the latest versions on a branch or with a tag) must be verified.
///
/// Each step is an indexed store query (the version, the version's pacts, what of the other side is in the
/// target, then the verifications of every pair in one lookup), so the answer does not slow down as history or
/// the number of integrations grows.
///
/// ```swift
/// let answer = try await CanIDeploy(store: store).ask(pacticipant: "web", version: "1.4.0", to: .environment("production"))
/// print(answer.deployable, answer.reason)
/// ```
public struct CanIDeploy: Sendable {
  /// What the version is to be deployed alongside.
  public enum Target: Sendable, Hashable {
    case environment(String)
    /// The latest version of each other pacticipant with this tag.
    case tag(String)
    /// The latest version of each other pacticipant on this branch.
    case branch(String)
    /// The latest version of each other pacticipant on its main branch.
    case mainBranch
    /// The latest version of each other pacticipant.
    case latest
    /// These versions of other pacticipants.
    case versions([String: String])
  }

  /// The answer: yes (`true`), no (`false`) or unknown (`nil`), and one integration per line.
  public struct Answer: Sendable, Hashable {
    public var pacticipant: String
    public var version: Version?
    public var versionNumber: String
    public var target: Target
    public var deployable: Bool?
    /// The answer and why, in a sentence; with the failing or unknown integrations named.
    public var reason: String
    /// The answer in a few words, without the integrations (they follow one per line).
    public var headline: String
    public var integrations: [Integration]
  }

  public let store: any BrokerStore

  public init(store: any BrokerStore) { self.store = store }

  public func ask(pacticipant: String, version number: String, to target: Target) async throws(BrokerError) -> Answer {
    try await store.reading { () async throws(BrokerError) -> Answer in
      try await answer(pacticipant: pacticipant, version: number, to: target)
    }
  }

  func answer(pacticipant: String, version number: String, to target: Target) async throws(BrokerError) -> Answer {
    let targetText = Self.describe(target)
    guard let (version, ownPacts) = try await store.versionWithPacts(of: pacticipant, number: number) else {
      guard try await store.pacticipant(named: pacticipant) != nil else {
        throw .notFound("no pacticipant named \"\(pacticipant)\"; check the name, or publish its contracts first")
      }
      let reason =
        "\(pacticipant) version \(number) is unknown to the broker; publish its contracts (or record it) first"
      return Answer(
        pacticipant: pacticipant, version: nil, versionNumber: number, target: target, deployable: nil,
        reason: reason, headline: reason, integrations: [])
    }
    // As consumer (`ownPacts`): each provider it has a pact with must be in the target and have verified the pact.
    // What of the other side is in the target, by pacticipant; for an environment, looked up for the integrated
    // pacticipants only (what is deployed there may be hundreds of versions; a version has a handful of
    // integrations).
    let inTarget: [String: [Version]]
    let consumerPactsInTarget: [StoredPact]
    var targetIsEmpty = false
    switch target {
    case .environment(let name):
      guard
        let versions = try await store.versionsInEnvironment(
          named: name, pacticipants: Set(ownPacts.map(\.provider)))
      else { throw Self.unknownEnvironment(name) }
      inTarget = versions
      var seen = Set<Int64>()
      consumerPactsInTarget = try await store.pacts(
        provider: pacticipant, consumer: nil, query: .deployedOrReleased(environment: name)
      ).filter { $0.consumer != pacticipant && seen.insert($0.consumerVersion.id).inserted }
    default:
      let counterparts = try await counterparts(of: version, in: target)
      targetIsEmpty = counterparts.isEmpty
      inTarget = counterparts
      let consumerVersions = counterparts.filter { $0.key != pacticipant }.flatMap(\.value)
      consumerPactsInTarget = try await store.pacts(
        provider: pacticipant, consumerVersionIDs: consumerVersions.map(\.id))
    }

    // Every pair to check, in the order of the answer; then their verifications in one lookup.
    var pairs: [(pact: StoredPact, consumerVersion: Version, providerVersion: Version?)] = []
    for pact in ownPacts {
      let versions = inTarget[pact.provider] ?? []
      if versions.isEmpty { pairs.append((pact, version, nil)) }
      for providerVersion in versions { pairs.append((pact, version, providerVersion)) }
    }
    // As provider: each consumer version in the target that has a pact with it must be verified by this version.
    for pact in consumerPactsInTarget.sorted(by: {
      ($0.consumer, $0.consumerVersion.order) < ($1.consumer, $1.consumerVersion.order)
    }) {
      pairs.append((pact, pact.consumerVersion, version))
    }
    let keys = Set(
      pairs.compactMap { pair in
        pair.providerVersion.map { VerificationKey(sha: pair.pact.sha, providerVersionID: $0.id) }
      })
    let verifications = keys.isEmpty ? [:] : try await store.latestVerifications(keys)
    let unverified = pairs.filter { pair in
      pair.providerVersion.map { verifications[VerificationKey(sha: pair.pact.sha, providerVersionID: $0.id)] == nil }
        ?? false
    }.map(\.pact)
    let verifiedElsewhere =
      unverified.isEmpty ? [] : try await store.successfullyVerified(unverified, branch: nil)
    let integrations = pairs.map { pair in
      guard let providerVersion = pair.providerVersion else {
        return Integration(
          consumer: pair.pact.consumer, consumerVersion: pair.consumerVersion, provider: pair.pact.provider,
          providerVersion: nil, pact: pair.pact, verification: nil, reason: .providerVersionUnknown, target: target)
      }
      let verification = verifications[VerificationKey(sha: pair.pact.sha, providerVersionID: providerVersion.id)]
      let reason: Integration.Reason
      if let verification {
        reason = verification.success ? .verified : .failed
      } else if verifiedElsewhere.contains(pair.pact.sha) {
        reason = .neverVerified
      } else {
        reason = .pending
      }
      return Integration(
        consumer: pair.pact.consumer, consumerVersion: pair.consumerVersion, provider: pair.pact.provider,
        providerVersion: providerVersion, pact: pair.pact, verification: verification, reason: reason)
    }

    let failed = integrations.filter { $0.deployable == false }
    let unknown = integrations.filter { $0.deployable == nil }
    let deployable: Bool?
    let headline: String
    var named: [Integration] = []
    if !failed.isEmpty {
      deployable = false
      headline =
        "No: \(failed.count) of \(integrations.count) integration\(integrations.count == 1 ? "" : "s") \(failed.count == 1 ? "has" : "have") a failed "
        + "verification"
      named = failed
    } else if !unknown.isEmpty {
      deployable = nil
      headline =
        "Unknown: \(unknown.count) of \(integrations.count) integration\(integrations.count == 1 ? "" : "s") \(unknown.count == 1 ? "is" : "are") not "
        + "verified yet"
      named = unknown
    } else if integrations.isEmpty {
      deployable = true
      headline =
        targetIsEmpty
        ? "Yes: nothing is in \(targetText), so there is no integration to check"
        : "Yes: nothing in \(targetText) has a pact with \(pacticipant) \(number), so there is no integration to check"
    } else {
      deployable = true
      headline =
        integrations.count == 1
        ? "Yes: its one integration with \(targetText) is verified"
        : "Yes: all \(integrations.count) integrations with \(targetText) are verified"
    }
    let reason = named.isEmpty ? headline : headline + ": " + named.map(\.text).joined(separator: "; ")
    return Answer(
      pacticipant: pacticipant, version: version, versionNumber: number, target: target, deployable: deployable,
      reason: reason, headline: headline, integrations: integrations)
  }

  /// The versions of other pacticipants in a branch, tag, latest or explicit target, by pacticipant (an environment
  /// is looked up per integrated pacticipant in ``ask(pacticipant:version:to:)`` instead).
  func counterparts(of version: Version, in target: Target) async throws(BrokerError) -> [String: [Version]] {
    let pacticipant = version.pacticipant
    var result: [String: [Version]] = [:]
    func add(_ version: Version) {
      if !(result[version.pacticipant]?.contains(version) ?? false) {
        result[version.pacticipant, default: []].append(version)
      }
    }
    switch target {
    case .environment:
      break
    case .tag, .branch, .mainBranch, .latest:
      for other in try await related(to: version) {
        let latest: Version?
        switch target {
        case .tag(let tag): latest = try await store.latestVersion(of: other, branch: nil, tag: tag)
        case .branch(let branch): latest = try await store.latestVersion(of: other, branch: branch, tag: nil)
        case .latest: latest = try await store.latestVersion(of: other, branch: nil, tag: nil)
        default:
          if let main = try await store.pacticipant(named: other)?.mainBranch {
            latest = try await store.latestVersion(of: other, branch: main, tag: nil)
          } else {
            latest = nil
          }
        }
        if let latest { add(latest) }
      }
    case .versions(let versions):
      for (name, number) in versions {
        guard let version = try await store.version(of: name, number: number) else {
          throw .notFound("\(name) version \(number) is unknown to the broker; check the name and number")
        }
        add(version)
      }
    }
    result[pacticipant] = nil
    return result
  }

  /// Pacticipants with a pact with `version`'s pacticipant: its consumers, and the providers of its pacts.
  func related(to version: Version) async throws(BrokerError) -> [String] {
    var names = Set<String>()
    for pact in try await store.pacts(provider: version.pacticipant, consumer: nil, query: .latest) {
      names.insert(pact.consumer)
    }
    for pact in try await store.pacts(consumerVersionID: version.id) { names.insert(pact.provider) }
    names.remove(version.pacticipant)
    return names.sorted()
  }

  static func unknownEnvironment(_ name: String) -> BrokerError {
    .notFound(
      "no environment named \"\(name)\"; create it with `accord create-environment --name \(name)` or check the "
        + "name with `accord list-environments`")
  }

  static func describe(_ target: Target) -> String {
    switch target {
    case .environment(let name): name
    case .tag(let tag): "the latest versions tagged '\(tag)'"
    case .branch(let branch): "the latest versions from branch '\(branch)'"
    case .mainBranch: "the latest versions from each main branch"
    case .latest: "the latest versions"
    case .versions(let versions):
      versions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
  }
}
