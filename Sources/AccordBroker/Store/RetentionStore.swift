import AccordModel

/// Deleting versions, pacticipants and pacts, with what depends on them. A part of ``BrokerStore``: a use case asks for the parts it needs.
public protocol RetentionStore: Sendable {
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
