/// Each integration (the latest pact of a consumer with a provider) and what its verifications say, read with
/// the provider's branches and deployments in mind: a failure on a provider's feature branch while its main branch
/// (or what is deployed) verified is told apart from a failure of the integration.
///
/// ```swift
/// let integrations = try await IntegrationOverview(store: store).integrations()
/// let broken = integrations.filter { $0.state == .failed }
/// ```
public struct IntegrationOverview: Sendable {
  public enum State: String, Sendable, CaseIterable, Comparable {
    case failed
    /// The latest verification failed, on a provider version neither on its main branch nor deployed, while
    /// one of those verified.
    case failedOnBranch = "failed-on-branch"
    case unverified
    case verified

    /// Failures first, then what is not known, then what is fine.
    public static func < (a: State, b: State) -> Bool {
      allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public var text: String {
      switch self {
      case .failed: "failed"
      case .failedOnBranch: "failed on a branch"
      case .unverified: "not verified"
      case .verified: "verified"
      }
    }
  }

  /// One integration.
  public struct Entry: Sendable, Hashable {
    public var pact: StoredPact
    /// The latest verification by any provider version.
    public var latest: Verification?
    /// The latest by a version on the provider's main branch.
    public var mainBranch: Verification?
    /// The latest by a provider version deployed or released now.
    public var deployed: Verification?

    public var consumer: String { pact.consumer }
    public var provider: String { pact.provider }

    public var state: State {
      guard let latest else { return .unverified }
      if latest.success { return .verified }
      let elsewhere = [mainBranch, deployed].compactMap { $0 }
      if !elsewhere.contains(where: { $0.id == latest.id }) && elsewhere.contains(where: \.success) {
        return .failedOnBranch
      }
      return .failed
    }

    /// The verification that decides the state: for a failure on a branch, the one on main (or deployed) that
    /// passed; otherwise the latest.
    public var deciding: Verification? {
      state == .failedOnBranch ? (mainBranch?.success == true ? mainBranch : deployed) : latest
    }

    /// What the state means, in a sentence.
    public var explanation: String {
      switch state {
      case .unverified: return "no provider version has verified \(pact.consumer) \(pact.consumerVersion.number)"
      case .verified, .failed:
        guard let latest else { return "" }
        return "\(latest.success ? "verified" : "failed") by \(pact.provider) \(Self.describe(latest.providerVersion))"
      case .failedOnBranch:
        guard let latest, let good = deciding else { return "" }
        return "failed by \(pact.provider) \(Self.describe(latest.providerVersion)); verified by "
          + "\(Self.describe(good.providerVersion))\(good.id == mainBranch?.id ? "" : " (deployed)")"
      }
    }

    static func describe(_ version: Version) -> String {
      version.branches.isEmpty ? version.number : "\(version.number) (\(version.branches.joined(separator: ", ")))"
    }
  }

  public let store: any BrokerStore

  public init(store: any BrokerStore) { self.store = store }

  /// Every integration, failures first, then unverified, then verified; by consumer and provider within each.
  public func integrations() async throws(BrokerError) -> [Entry] {
    try await store.reading { () async throws(BrokerError) -> [Entry] in
      let pacts = try await store.latestPacts()
      let shas = pacts.map(\.sha)
      let latest = try await store.latestVerifications(shas: shas, by: .any)
      let failing = pacts.filter { latest[$0.sha]?.success == false }.map(\.sha)
      // Only a failure needs the branch and deployment context.
      let main = failing.isEmpty ? [:] : try await store.latestVerifications(shas: failing, by: .mainBranch)
      let deployed = failing.isEmpty ? [:] : try await store.latestVerifications(shas: failing, by: .deployedOrReleased)
      // Each entry's state worked out once, and indices sorted rather than the entries themselves.
      let entries = pacts.map { pact in
        Entry(pact: pact, latest: latest[pact.sha], mainBranch: main[pact.sha], deployed: deployed[pact.sha])
      }
      return entries.indices.map { (state: entries[$0].state, index: $0) }.sorted { a, b in
        let (x, y) = (entries[a.index], entries[b.index])
        return (a.state, x.consumer, x.provider) < (b.state, y.consumer, y.provider)
      }.map { entries[$0.index] }
    }
  }
}
