import Foundation

/// Applying a retention policy: plan what goes, then (unless it is a dry run) delete it in one transaction. The
/// one use case behind `accord broker clean` and `accord broker --clean-every`.
///
/// ```swift
/// let cleaned = try await CleanOldVersions(store: store, policy: RetentionPolicy(keepLatest: 10, keepDays: 90))(
///   dryRun: false)
/// print(cleaned.counts.versions)
/// ```
public struct CleanOldVersions: Sendable {
  public let store: any BrokerStore
  public let policy: RetentionPolicy

  public init(store: any BrokerStore, policy: RetentionPolicy) {
    self.store = store
    self.policy = policy
  }

  /// What a run found and did.
  public struct Cleaned: Sendable {
    public var plan: RetentionPolicy.Plan
    /// What was deleted: nothing on a dry run.
    public var counts: RetentionCounts
  }

  public func callAsFunction(dryRun: Bool = false, now: Date = Date()) async throws(BrokerError) -> Cleaned {
    let plan = try await policy.plan(store: store, now: now)
    guard !dryRun, !plan.doomed.isEmpty else { return Cleaned(plan: plan, counts: RetentionCounts()) }
    return Cleaned(plan: plan, counts: try await store.deleteVersions(plan.doomed.map(\.id)))
  }
}
