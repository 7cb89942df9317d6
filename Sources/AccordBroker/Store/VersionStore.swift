import AccordModel

/// Versions of pacticipants with their branches and tags. A part of ``BrokerStore``: a use case asks for the parts it needs.
public protocol VersionStore: Sendable {
  func version(of pacticipant: String, number: String) async throws(BrokerError) -> Version?
  /// Newest first, at most `limit`.
  func versions(of pacticipant: String, limit: Int) async throws(BrokerError) -> [Version]
  /// The newest version, or the newest on `branch` or with `tag` when given.
  func latestVersion(of pacticipant: String, branch: String?, tag: String?) async throws(BrokerError) -> Version?
  /// Creates the pacticipant and version if new, and adds the branch, tags and build URL.
  func saveVersion(_ change: VersionChange) async throws(BrokerError) -> Version
  /// Removes a tag from a version; `false` when it had none.
  func deleteTag(_ tag: String, of pacticipant: String, number: String) async throws(BrokerError) -> Bool

  /// The branches of a pacticipant, the one a version was last put on first.
  func branches(of pacticipant: String) async throws(BrokerError) -> [Branch]
  /// The versions on `branch`, newest first, at most `limit`.
  func versions(of pacticipant: String, branch: String, limit: Int) async throws(BrokerError) -> [Version]
  /// Takes `branch` off every version on it (the versions stay); `false` when the pacticipant has no such branch.
  func deleteBranch(_ branch: String, of pacticipant: String) async throws(BrokerError) -> Bool

  /// The latest version of each named pacticipant that has one; one query where the store can.
  func latestVersions(of pacticipants: [String]) async throws(BrokerError) -> [String: Version]
}
