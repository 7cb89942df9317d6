import Foundation

/// An application that takes part in contracts, as consumer, provider or both.
///
/// ```swift
/// let users = Pacticipant(id: 1, name: "user-service", mainBranch: "main")
/// ```
public struct Pacticipant: Sendable, Hashable {
  /// Branch names that become a pacticipant's main branch when a version is first published on one and no main
  /// branch is set, as the Pact Broker does.
  public static let mainBranchCandidates: Set<String> = ["main", "master", "develop"]

  public var id: Int64
  public var name: String
  public var displayName: String?
  /// The branch whose latest version `mainBranch` selectors and can-i-deploy's branch targets use.
  public var mainBranch: String?
  public var repositoryURL: String?
  /// Labels that group pacticipants (`team-payments`), sorted; webhooks may name one instead of a pacticipant.
  public var labels: [String]
  public var createdAt: Date
  public var updatedAt: Date

  public init(
    id: Int64, name: String, displayName: String? = nil, mainBranch: String? = nil, repositoryURL: String? = nil,
    labels: [String] = [], createdAt: Date = Date(), updatedAt: Date = Date()
  ) {
    self.id = id
    self.name = name
    self.displayName = displayName
    self.mainBranch = mainBranch
    self.repositoryURL = repositoryURL
    self.labels = labels
    self.createdAt = createdAt
    self.updatedAt = updatedAt
  }
}

/// What a request may change on a pacticipant; `nil` leaves a field as it is.
public struct PacticipantChange: Sendable, Hashable {
  public var name: String
  public var displayName: String?
  public var mainBranch: String?
  public var repositoryURL: String?

  public init(name: String, displayName: String? = nil, mainBranch: String? = nil, repositoryURL: String? = nil) {
    self.name = name
    self.displayName = displayName
    self.mainBranch = mainBranch
    self.repositoryURL = repositoryURL
  }
}
