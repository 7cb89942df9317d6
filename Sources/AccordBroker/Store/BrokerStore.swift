import AccordModel

/// Which published pacts of a provider a query asks for. Each case is one indexed query in a store: none reads
/// the whole history.
public enum PactQuery: Sendable, Hashable {
  /// The latest pact of each consumer.
  case latest
  /// The latest pact of each consumer from a version on `branch`.
  case latestOnBranch(String)
  /// The latest pact of each consumer from a version on that consumer's main branch.
  case latestOnMainBranch
  /// Every pact from a consumer version on `branch`.
  case allOnBranch(String)
  /// The latest pact of each consumer from a version tagged `tag`.
  case latestWithTag(String)
  /// Every pact from a consumer version tagged `tag`.
  case allWithTag(String)
  /// The latest pact of each branch of each consumer (work-in-progress candidates).
  case latestOfEachBranch
  /// Pacts of consumer versions currently deployed (in `environment`, or anywhere).
  case deployed(environment: String?)
  /// Pacts of consumer versions released and still supported (in `environment`, or anywhere).
  case released(environment: String?)
  /// Pacts of consumer versions deployed, or released and still supported (in `environment`, or anywhere): each
  /// once, in one query.
  case deployedOrReleased(environment: String?)
  /// Every pact of each consumer (a pair's history, with one consumer named), newest first.
  case all
}

/// Where the broker keeps everything: the store protocols of each concept together (``PacticipantStore``,
/// ``VersionStore``, ``PactStore``, ``VerificationStore``, ``EnvironmentStore``, ``RetentionStore``, ``MatrixStore``; webhooks are
/// ``WebhookStore``), a store per database (SQLite, PostgreSQL), and one test suite that every store passes.
///
/// Every method that writes does so in one transaction; concurrent callers (several broker processes on one
/// database) rely on unique constraints, never on locks held in a process. Errors are ``BrokerError``s: a name
/// that does not exist is `nil` or ``BrokerError/notFound(_:)``, a database failure ``BrokerError/storage(_:)``.
///
/// ```swift
/// let store: any BrokerStore = try SQLiteBrokerStore(path: "accord-broker.sqlite")
/// let outcome = try await store.publish(publication)
/// ```
public protocol BrokerStore: PacticipantStore, VersionStore, PactStore, VerificationStore, EnvironmentStore,
  RetentionStore, MatrixStore
{
  /// Runs `body`, an answer made of several reads, with every read of this store on one database connection
  /// (PostgreSQL: one lease from the pool instead of one per read). Stores in the process run it as it is.
  func reading<T: Sendable>(_ body: @Sendable () async throws(BrokerError) -> T) async throws(BrokerError) -> T
}

/// A content and the provider version that verified it: the key of ``BrokerStore/latestVerifications(_:)``.
public struct VerificationKey: Sendable, Hashable {
  public var sha: String
  public var providerVersionID: Int64

  public init(sha: String, providerVersionID: Int64) {
    self.sha = sha
    self.providerVersionID = providerVersionID
  }
}

/// One read at a time, for stores whose reads cost no round trip (SQLite in the process).
extension BrokerStore {
  public func reading<T: Sendable>(_ body: @Sendable () async throws(BrokerError) -> T) async throws(BrokerError)
    -> T
  {
    try await body()
  }
}

/// The batch lookups answered one at a time, for stores whose queries cost no round trip (SQLite in the process).
extension VerificationStore {
  public func latestVerifications(_ keys: Set<VerificationKey>) async throws(BrokerError)
    -> [VerificationKey: Verification]
  {
    var result: [VerificationKey: Verification] = [:]
    for key in keys {
      result[key] = try await latestVerification(sha: key.sha, providerVersionID: key.providerVersionID)
    }
    return result
  }

  public func successfullyVerified(_ pacts: [StoredPact], branch: String?) async throws(BrokerError) -> Set<String> {
    var result = Set<String>()
    for pact in pacts where !result.contains(pact.sha) {
      if try await hasSuccessfulVerification(sha: pact.sha, provider: pact.provider, branch: branch) {
        result.insert(pact.sha)
      }
    }
    return result
  }
}

extension PactStore where Self: VersionStore {
  public func versionWithPacts(of pacticipant: String, number: String) async throws(BrokerError)
    -> (version: Version, pacts: [StoredPact])?
  {
    guard let version = try await version(of: pacticipant, number: number) else { return nil }
    return (version, try await pacts(consumerVersionID: version.id))
  }
}

extension EnvironmentStore {
  public func versionsInEnvironment(named name: String, pacticipants: Set<String>) async throws(BrokerError)
    -> [String: [Version]]?
  {
    guard let environment = try await environment(named: name) else { return nil }
    var result: [String: [Version]] = [:]
    for pacticipant in pacticipants.sorted() {
      var versions = try await deployedVersions(environmentID: environment.id, pacticipant: pacticipant).map(\.version)
      for released in try await releasedVersions(environmentID: environment.id, pacticipant: pacticipant)
      where !versions.contains(released.version) {
        versions.append(released.version)
      }
      if !versions.isEmpty { result[pacticipant] = versions }
    }
    return result
  }
}

extension VersionStore {
  public func latestVersions(of pacticipants: [String]) async throws(BrokerError) -> [String: Version] {
    var result: [String: Version] = [:]
    for name in Set(pacticipants) { result[name] = try await latestVersion(of: name, branch: nil, tag: nil) }
    return result
  }
}
