/// The reads the matrix is made of: which versions a selector names, which integrations a set of versions takes
/// part in, and the rows (a pact and a verification of it, or none) between sets of versions.
///
/// Each is one indexed query; ``Matrix`` composes them.
///
/// ```swift
/// let versions = try await store.versions(of: ["web"], matching: VersionFilter(tag: "prod"), latest: false)
/// let rows = try await store.matrixRows(
///   MatrixRowQuery(consumerVersions: VersionSet(versionIDs: versions.map(\.id)), providers: ["users"]))
/// ```
public protocol MatrixStore: Sendable {
  /// Which of `pacticipants` and of `environments` exist, in one read.
  func existing(pacticipants: [String], environments: [String]) async throws(BrokerError) -> ExistingNames

  /// The versions of each of `pacticipants` that satisfy every condition of `filter`, newest first; with `latest`,
  /// only the newest of each pacticipant.
  func versions(of pacticipants: [String], matching filter: VersionFilter, latest: Bool) async throws(BrokerError)
    -> [Version]

  /// The integrations the matrix considers, each pair once, by name: those of the pacts published by a version in
  /// `consumerVersions` (to one of `providers`, when given) — `published` — and those of every pact whose provider
  /// is one of `consumersOf` (`published` only when also the former).
  func integrations(consumerVersions: VersionSet, providers: [String]?, consumersOf: [String])
    async throws(BrokerError) -> [MatrixIntegration]

  /// The matrix rows of `query`, the most recent first (by the later of the pact's publication and the
  /// verification), at most `query.limit`.
  func matrixRows(_ query: MatrixRowQuery) async throws(BrokerError) -> [MatrixRow]
}

/// The names that exist, of those asked about: ``MatrixStore/existing(pacticipants:environments:)``.
public struct ExistingNames: Sendable, Hashable {
  public var pacticipants: Set<String>
  public var environments: Set<String>

  public init(pacticipants: Set<String> = [], environments: Set<String> = []) {
    self.pacticipants = pacticipants
    self.environments = environments
  }
}

/// An integration the matrix considers: ``MatrixStore/integrations(consumerVersions:providers:consumersOf:)``.
public struct MatrixIntegration: Sendable, Hashable {
  public var pair: PacticipantPair
  /// A version asked about published a pact of it.
  public var published: Bool

  public init(_ pair: PacticipantPair, published: Bool) {
    self.pair = pair
    self.published = published
  }
}

/// A consumer and a provider with a pact between them.
public struct PacticipantPair: Sendable, Hashable {
  public var consumer: String
  public var provider: String

  public init(consumer: String, provider: String) {
    self.consumer = consumer
    self.provider = provider
  }
}

/// Conditions on a version, all of which must hold; none at all is every version.
public struct VersionFilter: Sendable, Hashable {
  public var number: String?
  public var tag: String?
  public var branch: String?
  /// On the pacticipant's main branch (none when it has no main branch).
  public var mainBranch: Bool
  /// Currently deployed to, or released and supported in, this environment.
  public var environment: String?

  public init(
    number: String? = nil, tag: String? = nil, branch: String? = nil, mainBranch: Bool = false,
    environment: String? = nil
  ) {
    self.number = number
    self.tag = tag
    self.branch = branch
    self.mainBranch = mainBranch
    self.environment = environment
  }

  /// No condition: every version.
  public var isEmpty: Bool {
    number == nil && tag == nil && branch == nil && !mainBranch && environment == nil
  }
}

/// A set of versions: every version of some pacticipants, and some versions by id.
public struct VersionSet: Sendable, Hashable {
  /// Pacticipants all of whose versions are in the set.
  public var pacticipants: Set<String>
  public var versionIDs: Set<Int64>

  public init(pacticipants: Set<String> = [], versionIDs: Set<Int64> = []) {
    self.pacticipants = pacticipants
    self.versionIDs = versionIDs
  }

  public var isEmpty: Bool { pacticipants.isEmpty && versionIDs.isEmpty }

  public func contains(_ version: Version) -> Bool {
    versionIDs.contains(version.id) || pacticipants.contains(version.pacticipant)
  }
}

/// Which rows of the matrix to read: pacts whose consumer version is in `consumerVersions` (`nil`: any) and whose
/// provider is one of `providers` (`nil`: any), each joined with its verifications by provider versions in
/// `providerVersions` (`nil`: any) — the latest of each provider version, or every one — for pacts that involve
/// one of `involving` (`nil`: any).
public struct MatrixRowQuery: Sendable, Hashable {
  public var consumerVersions: VersionSet?
  public var providers: Set<String>?
  public var providerVersions: VersionSet?
  /// Only rows whose consumer or provider is one of these (`nil`: any).
  public var involving: Set<String>?
  /// Only pacts with a verification (an inner join); otherwise a pact without one is a row without a
  /// verification.
  public var verifiedOnly: Bool
  /// Every verification, not only the latest by each provider version.
  public var everyVerification: Bool
  public var limit: Int

  public init(
    consumerVersions: VersionSet? = nil, providers: Set<String>? = nil, providerVersions: VersionSet? = nil,
    involving: Set<String>? = nil, verifiedOnly: Bool = false, everyVerification: Bool = false, limit: Int = 100
  ) {
    self.consumerVersions = consumerVersions
    self.providers = providers
    self.providerVersions = providerVersions
    self.involving = involving
    self.verifiedOnly = verifiedOnly
    self.everyVerification = everyVerification
    self.limit = limit
  }
}
