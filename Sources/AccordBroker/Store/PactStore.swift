import AccordModel

/// Publishing pacts and reading them back, by version, branch, tag, environment or content. A part of ``BrokerStore``: a use case asks for the parts it needs.
public protocol PactStore: Sendable {
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
}
