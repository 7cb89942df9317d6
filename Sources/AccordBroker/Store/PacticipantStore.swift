import AccordModel

/// Pacticipants: names, display names, main branches, repository URLs. A part of ``BrokerStore``: a use case asks for the parts it needs.
public protocol PacticipantStore: Sendable {
  func pacticipants() async throws(BrokerError) -> [Pacticipant]
  func pacticipant(named name: String) async throws(BrokerError) -> Pacticipant?
  /// Creates the pacticipant, or updates the fields `change` gives.
  func savePacticipant(_ change: PacticipantChange) async throws(BrokerError) -> Pacticipant
}
