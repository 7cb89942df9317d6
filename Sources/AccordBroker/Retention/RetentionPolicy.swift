import Foundation

/// What `accord broker clean` keeps: the latest `keepLatest` versions of each branch of each pacticipant, and every
/// version newer than `keepDays` days. Whatever the policy, it never deletes a version that is deployed or released
/// now, the latest version of a main branch, or a version a kept one needs (the provider version whose verification
/// is the latest of a kept version's pact).
///
/// ```swift
/// let plan = try await RetentionPolicy(keepLatest: 5, keepDays: 30).plan(store: store)
/// print(plan.doomed.map(\.number))
/// let removed = try await store.deleteVersions(plan.doomed.map(\.id))
/// ```
public struct RetentionPolicy: Sendable {
  public var keepLatest: Int
  public var keepDays: Int

  public init(keepLatest: Int, keepDays: Int) {
    self.keepLatest = max(1, keepLatest)
    self.keepDays = max(0, keepDays)
  }

  /// Why a version is kept (the first reason that applies).
  public enum KeepReason: String, Sendable {
    case deployedOrReleased = "deployed or released"
    case latestOfMainBranch = "latest of its main branch"
    case recent = "newer than the policy's days"
    case latestOfBranch = "among the latest of its branch"
    case needed = "a kept version needs it"
  }

  /// One version and what retention knows of it.
  public struct VersionFacts: Sendable, Hashable {
    public var version: Version
    public var current: Bool
    public var mainBranch: String?
    /// Provider versions (by id) whose verification is the latest of one of this version's pacts.
    public var needs: [Int64]
  }

  public struct Plan: Sendable {
    public var kept: [Int64: KeepReason]
    public var doomed: [Version]
  }

  /// Decides from facts alone (pure); `now` for the age cut-off.
  public func plan(_ facts: [VersionFacts], now: Date = Date()) -> Plan {
    let cutoff = now.addingTimeInterval(-Double(keepDays) * 86_400)
    var kept: [Int64: KeepReason] = [:]
    var byBranch: [String: [VersionFacts]] = [:]
    for fact in facts {
      let branches = fact.version.branches.isEmpty ? [""] : fact.version.branches
      for branch in branches { byBranch[fact.version.pacticipant + "\u{0}" + branch, default: []].append(fact) }
    }
    for fact in facts {
      if fact.current { kept[fact.version.id] = .deployedOrReleased }
    }
    for (key, versions) in byBranch {
      let newestFirst = versions.sorted { $0.version.order > $1.version.order }
      let branch = String(key.split(separator: "\u{0}", omittingEmptySubsequences: false).last ?? "")
      if let newest = newestFirst.first, newest.mainBranch == branch, !branch.isEmpty {
        kept[newest.version.id] = kept[newest.version.id] ?? .latestOfMainBranch
      }
      for fact in newestFirst.prefix(keepLatest) { kept[fact.version.id] = kept[fact.version.id] ?? .latestOfBranch }
    }
    for fact in facts where fact.version.createdAt >= cutoff {
      kept[fact.version.id] = kept[fact.version.id] ?? .recent
    }
    // What kept versions need, until nothing new is kept (a kept provider may be a consumer that needs more).
    let byID = Dictionary(uniqueKeysWithValues: facts.map { ($0.version.id, $0) })
    var frontier = Array(kept.keys)
    while let id = frontier.popLast() {
      for needed in byID[id]?.needs ?? [] where kept[needed] == nil && byID[needed] != nil {
        kept[needed] = .needed
        frontier.append(needed)
      }
    }
    let doomed = facts.filter { kept[$0.version.id] == nil }.map(\.version)
      .sorted { ($0.pacticipant, $0.order) < ($1.pacticipant, $1.order) }
    return Plan(kept: kept, doomed: doomed)
  }

  /// Gathers the facts from a store (a batch job: a few queries per version) and plans.
  public func plan(store: any BrokerStore, now: Date = Date()) async throws(BrokerError) -> Plan {
    var facts: [VersionFacts] = []
    for pacticipant in try await store.pacticipants() {
      for version in try await store.versions(of: pacticipant.name, limit: Int(Int32.max)) {
        let deployed = try await store.deployments(versionID: version.id).contains { $0.undeployedAt == nil }
        let released = try await store.releases(versionID: version.id).contains { $0.supportEndedAt == nil }
        var needs: [Int64] = []
        for pact in try await store.pacts(consumerVersionID: version.id) {
          if let verification = try await store.latestVerification(sha: pact.sha) {
            needs.append(verification.providerVersion.id)
          }
        }
        facts.append(
          VersionFacts(
            version: version, current: deployed || released, mainBranch: pacticipant.mainBranch, needs: needs))
      }
    }
    return plan(facts, now: now)
  }
}

/// What a clean removed.
public struct RetentionCounts: Sendable, Hashable {
  public var versions = 0
  public var publications = 0
  public var verifications = 0
  public var contents = 0

  public init(versions: Int = 0, publications: Int = 0, verifications: Int = 0, contents: Int = 0) {
    self.versions = versions
    self.publications = publications
    self.verifications = verifications
    self.contents = contents
  }
}
