import Foundation

/// One version of a pacticipant (a build, usually a commit), with the branches and tags it was published with.
///
/// Versions of one pacticipant are ordered by ``order``: the order they were first seen by the broker.
///
/// ```swift
/// let version = try await store.version(of: "web", number: "1.4.0")
/// version?.branches  // ["main"]
/// ```
public struct Version: Sendable, Hashable {
  public var id: Int64
  public var pacticipant: String
  public var number: String
  /// Increases with each new version of the pacticipant.
  public var order: Int64
  public var branches: [String]
  public var tags: [String]
  public var buildURL: String?
  public var createdAt: Date

  public init(
    id: Int64, pacticipant: String, number: String, order: Int64, branches: [String] = [], tags: [String] = [],
    buildURL: String? = nil, createdAt: Date = Date()
  ) {
    self.id = id
    self.pacticipant = pacticipant
    self.number = number
    self.order = order
    self.branches = branches
    self.tags = tags
    self.buildURL = buildURL
    self.createdAt = createdAt
  }
}

/// A version to create if it is new, with branch, tags and build URL to add to it.
public struct VersionChange: Sendable, Hashable {
  public var pacticipant: String
  public var number: String
  public var branch: String?
  public var tags: [String]
  public var buildURL: String?

  public init(pacticipant: String, number: String, branch: String? = nil, tags: [String] = [], buildURL: String? = nil)
  {
    self.pacticipant = pacticipant
    self.number = number
    self.branch = branch
    self.tags = tags
    self.buildURL = buildURL
  }
}

extension VersionChange {
  /// Checks every name: the pacticipant, the number, the branch and the tags.
  public func validate() throws(BrokerError) {
    try Names.check(pacticipant, what: "the pacticipant name")
    try Names.check(number, what: "the version number")
    if let branch { try Names.check(branch, what: "the branch") }
    for tag in tags { try Names.check(tag, what: "the tag") }
  }
}
