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
}

/// Where the broker keeps everything. One protocol, a store per database (SQLite, PostgreSQL), and one test suite
/// that every store passes.
///
/// Every method that writes does so in one transaction; concurrent callers (several broker processes on one
/// database) rely on unique constraints, never on locks held in a process. Errors are ``BrokerError``s: a name
/// that does not exist is `nil` or ``BrokerError/notFound(_:)``, a database failure ``BrokerError/storage(_:)``.
///
/// ```swift
/// let store: any BrokerStore = try SQLiteBrokerStore(path: "accord-broker.sqlite")
/// let outcome = try await store.publish(publication)
/// ```
public protocol BrokerStore: Sendable {
  /// Runs `body`, an answer made of several reads, with every read of this store on one database connection
  /// (PostgreSQL: one lease from the pool instead of one per read). Stores in the process run it as it is.
  func reading<T: Sendable>(_ body: @Sendable () async throws(BrokerError) -> T) async throws(BrokerError) -> T

  // MARK: Pacticipants

  func pacticipants() async throws(BrokerError) -> [Pacticipant]
  func pacticipant(named name: String) async throws(BrokerError) -> Pacticipant?
  /// Creates the pacticipant, or updates the fields `change` gives.
  func savePacticipant(_ change: PacticipantChange) async throws(BrokerError) -> Pacticipant

  // MARK: Versions

  func version(of pacticipant: String, number: String) async throws(BrokerError) -> Version?
  /// Newest first, at most `limit`.
  func versions(of pacticipant: String, limit: Int) async throws(BrokerError) -> [Version]
  /// The newest version, or the newest on `branch` or with `tag` when given.
  func latestVersion(of pacticipant: String, branch: String?, tag: String?) async throws(BrokerError) -> Version?
  /// Creates the pacticipant and version if new, and adds the branch, tags and build URL.
  func saveVersion(_ change: VersionChange) async throws(BrokerError) -> Version
  /// Removes a tag from a version; `false` when it had none.
  func deleteTag(_ tag: String, of pacticipant: String, number: String) async throws(BrokerError) -> Bool

  // MARK: Branches

  /// The branches of a pacticipant, the one a version was last put on first.
  func branches(of pacticipant: String) async throws(BrokerError) -> [Branch]
  /// The versions on `branch`, newest first, at most `limit`.
  func versions(of pacticipant: String, branch: String, limit: Int) async throws(BrokerError) -> [Version]
  /// Takes `branch` off every version on it (the versions stay); `false` when the pacticipant has no such branch.
  func deleteBranch(_ branch: String, of pacticipant: String) async throws(BrokerError) -> Bool

  // MARK: Pacts

  /// Stores a consumer version's contracts in one transaction. Content already stored (same SHA) is shared; a
  /// different content for a consumer version and provider that already has one is ``BrokerError/conflict(_:diff:)``.
  func publish(_ publication: Publication) async throws(BrokerError) -> PublicationOutcome
  func pact(provider: String, consumer: String, consumerVersion: String) async throws(BrokerError) -> StoredPact?
  /// The newest pact with this content between these two.
  func pact(provider: String, consumer: String, sha: String) async throws(BrokerError) -> StoredPact?
  func content(sha: String) async throws(BrokerError) -> JSONValue?
  func pacts(provider: String, consumer: String?, query: PactQuery) async throws(BrokerError) -> [StoredPact]
  /// Pacts published by one consumer version (one per provider).
  func pacts(consumerVersionID: Int64) async throws(BrokerError) -> [StoredPact]
  /// A version and the pacts it published as consumer (by provider name); `nil` when the version is unknown. In
  /// one query where the store can.
  func versionWithPacts(of pacticipant: String, number: String) async throws(BrokerError)
    -> (version: Version, pacts: [StoredPact])?
  /// The pact published by a consumer version for a provider.
  func pact(provider: String, consumerVersionID: Int64) async throws(BrokerError) -> StoredPact?
  /// The pacts these consumer versions published for a provider, in one query.
  func pacts(provider: String, consumerVersionIDs: [Int64]) async throws(BrokerError) -> [StoredPact]
  /// Every provider's latest pact from every consumer: the index of the broker.
  func latestPacts() async throws(BrokerError) -> [StoredPact]

  // MARK: Verifications

  func recordVerification(_ verification: NewVerification) async throws(BrokerError) -> Verification
  /// Records many results in one transaction (imports, seeding); returns how many.
  func recordVerifications(_ verifications: [NewVerification]) async throws(BrokerError) -> Int
  func verification(sha: String, number: Int64) async throws(BrokerError) -> Verification?
  /// The latest verification of `sha` by one provider version.
  func latestVerification(sha: String, providerVersionID: Int64) async throws(BrokerError) -> Verification?
  /// The latest verification of `sha` by any provider version.
  func latestVerification(sha: String) async throws(BrokerError) -> Verification?
  /// Whether a provider version on `branch` (any version when `nil`) has verified `sha` successfully.
  func hasSuccessfulVerification(sha: String, provider: String, branch: String?) async throws(BrokerError) -> Bool
  /// The latest verification for each key (a content and a provider version), in one query where the store can;
  /// keys never verified are absent.
  func latestVerifications(_ keys: Set<VerificationKey>) async throws(BrokerError) -> [VerificationKey: Verification]
  /// The contents of `pacts` that a provider version on `branch` (any when `nil`) has verified successfully, in
  /// one query where the store can.
  func successfullyVerified(_ pacts: [StoredPact], branch: String?) async throws(BrokerError) -> Set<String>

  // MARK: Environments, deployments, releases

  func environments() async throws(BrokerError) -> [Environment]
  func environment(named name: String) async throws(BrokerError) -> Environment?
  func environment(uuid: String) async throws(BrokerError) -> Environment?
  func saveEnvironment(_ change: EnvironmentChange) async throws(BrokerError) -> Environment
  func deleteEnvironment(uuid: String) async throws(BrokerError) -> Bool

  /// Records a deployment; the version deployed before to the same environment and application instance is
  /// marked undeployed.
  func recordDeployment(versionID: Int64, environmentID: Int64, applicationInstance: String?)
    async throws(BrokerError) -> DeployedVersion
  func deployedVersion(uuid: String) async throws(BrokerError) -> DeployedVersion?
  /// Marks a deployed version undeployed; returns it.
  func undeploy(uuid: String) async throws(BrokerError) -> DeployedVersion?
  /// Versions currently deployed in an environment (of one pacticipant when given).
  func deployedVersions(environmentID: Int64, pacticipant: String?) async throws(BrokerError) -> [DeployedVersion]
  /// Deployments and releases of one version, current or not.
  func deployments(versionID: Int64) async throws(BrokerError) -> [DeployedVersion]

  func recordRelease(versionID: Int64, environmentID: Int64) async throws(BrokerError) -> ReleasedVersion
  func releasedVersion(uuid: String) async throws(BrokerError) -> ReleasedVersion?
  /// Marks a released version's support ended; returns it.
  func endSupport(uuid: String) async throws(BrokerError) -> ReleasedVersion?
  /// Versions released to an environment and still supported (of one pacticipant when given).
  func releasedVersions(environmentID: Int64, pacticipant: String?) async throws(BrokerError) -> [ReleasedVersion]
  /// What of each of `pacticipants` is in the environment named `environment`: the versions currently deployed,
  /// then those released and still supported, by pacticipant; `nil` when there is no such environment. In one
  /// query where the store can.
  func versionsInEnvironment(named environment: String, pacticipants: Set<String>) async throws(BrokerError)
    -> [String: [Version]]?
  func releases(versionID: Int64) async throws(BrokerError) -> [ReleasedVersion]

  // MARK: Batches for pages

  /// The latest verification of each content (by sha) that has one; one query where the store can.
  func latestVerifications(shas: [String]) async throws(BrokerError) -> [String: Verification]
  /// The latest version of each named pacticipant that has one; one query where the store can.
  func latestVersions(of pacticipants: [String]) async throws(BrokerError) -> [String: Version]

  // MARK: Retention

  /// Deletes these versions with their branches, tags, publications, the verifications they made and their
  /// deployment history, then the contents no publication uses any more (with their verifications); one
  /// transaction. The caller decides what may go (``RetentionPolicy``).
  func deleteVersions(_ ids: [Int64]) async throws(BrokerError) -> RetentionCounts
  /// Deletes a pacticipant with all of it: its versions (and what they published, verified and deployed), the pacts
  /// consumers published for it, and the webhooks that name it; then the contents no publication uses any more. One
  /// transaction; `nil` when there is no such pacticipant.
  func deletePacticipant(named name: String) async throws(BrokerError) -> RetentionCounts?
  /// Deletes the pact a consumer version published for a provider, and its content with its verifications when no
  /// other publication shares it. `false` when there is no such pact.
  func deletePact(provider: String, consumer: String, consumerVersion: String) async throws(BrokerError) -> Bool
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

/// The batch lookups answered one at a time, for stores whose queries cost no round trip (SQLite in the process).
extension BrokerStore {
  public func reading<T: Sendable>(_ body: @Sendable () async throws(BrokerError) -> T) async throws(BrokerError)
    -> T
  {
    try await body()
  }

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

  public func versionWithPacts(of pacticipant: String, number: String) async throws(BrokerError)
    -> (version: Version, pacts: [StoredPact])?
  {
    guard let version = try await version(of: pacticipant, number: number) else { return nil }
    return (version, try await pacts(consumerVersionID: version.id))
  }

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

extension BrokerStore {
  public func latestVerifications(shas: [String]) async throws(BrokerError) -> [String: Verification] {
    var result: [String: Verification] = [:]
    for sha in Set(shas) { result[sha] = try await latestVerification(sha: sha) }
    return result
  }

  public func latestVersions(of pacticipants: [String]) async throws(BrokerError) -> [String: Version] {
    var result: [String: Version] = [:]
    for name in Set(pacticipants) { result[name] = try await latestVersion(of: name, branch: nil, tag: nil) }
    return result
  }
}
