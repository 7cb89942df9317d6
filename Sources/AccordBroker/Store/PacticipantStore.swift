import AccordModel

/// Pacticipants: names, display names, main branches, repository URLs. A part of ``BrokerStore``: a use case asks for the parts it needs.
public protocol PacticipantStore: Sendable {
  func pacticipants() async throws(BrokerError) -> [Pacticipant]
  func pacticipant(named name: String) async throws(BrokerError) -> Pacticipant?
  /// Creates the pacticipant, or updates the fields `change` gives.
  func savePacticipant(_ change: PacticipantChange) async throws(BrokerError) -> Pacticipant

  /// Adds `label` to the pacticipant: `true` when it is new, `false` when it had it; ``BrokerError/notFound(_:)``
  /// when there is no such pacticipant.
  func addLabel(_ label: String, to pacticipant: String) async throws(BrokerError) -> Bool

  /// Removes `label` from the pacticipant: whether it had it.
  func removeLabel(_ label: String, from pacticipant: String) async throws(BrokerError) -> Bool

  /// The pacticipants with `label`, by name.
  func pacticipants(labelled label: String) async throws(BrokerError) -> [Pacticipant]
}
