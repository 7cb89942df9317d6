import Foundation

/// A branch of a pacticipant: the versions published or recorded with it. A branch exists while one version is on
/// it; deleting it takes it off every version and keeps the versions, their pacts and verifications.
///
/// ```swift
/// let branches = try await store.branches(of: "web")
/// branches.first?.name  // "feat/new-checkout", the branch used last
/// ```
public struct Branch: Sendable, Hashable {
  public var pacticipant: String
  public var name: String
  /// When the first version was put on the branch.
  public var createdAt: Date
  /// When the latest version was put on the branch.
  public var updatedAt: Date

  public init(pacticipant: String, name: String, createdAt: Date, updatedAt: Date) {
    self.pacticipant = pacticipant
    self.name = name
    self.createdAt = createdAt
    self.updatedAt = updatedAt
  }
}
