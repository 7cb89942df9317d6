/// One consumer version's contracts, published together in one transaction (`POST /contracts/publish`, or one
/// `PUT /pacts/…` with a single contract).
///
/// ```swift
/// let publication = Publication(
///   version: VersionChange(pacticipant: "web", number: "1.4.0", branch: "main"), contracts: [content])
/// let outcome = try await store.publish(publication)
/// ```
public struct Publication: Sendable, Hashable {
  public var version: VersionChange
  public var contracts: [PactContent]

  public init(version: VersionChange, contracts: [PactContent]) {
    self.version = version
    self.contracts = contracts
  }
}

/// What publishing did, per contract.
public struct PublicationOutcome: Sendable, Hashable {
  public enum Change: Sendable, Hashable {
    /// The first contract for this consumer version and provider.
    case created
    /// The same content was already published for this consumer version; nothing changed.
    case unchanged
  }

  public var version: Version
  public var pacts: [(pact: StoredPact, change: Change)] { zip(stored, changes).map { ($0, $1) } }
  public var stored: [StoredPact]
  public var changes: [Change]

  public init(version: Version, stored: [StoredPact], changes: [Change]) {
    self.version = version
    self.stored = stored
    self.changes = changes
  }

  public static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.version == rhs.version && lhs.stored == rhs.stored && lhs.changes == rhs.changes
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(version)
    hasher.combine(stored)
    hasher.combine(changes)
  }
}

extension Publication {
  /// Checks the version's names, and that every contract is the publishing consumer's own.
  public func validate() throws(BrokerError) {
    try version.validate()
    for contract in contracts where contract.consumer != version.pacticipant {
      throw .invalid(
        "the contract between \(contract.consumer) and \(contract.provider) is published for "
          + "\(version.pacticipant); a consumer publishes its own contracts")
    }
  }
}
