import AccordModel

/// Produces the message an interaction describes, with the provider's real code, for verification.
public protocol MessageProducer: Sendable {
  /// The message for an asynchronous interaction.
  func message(for description: String, states: [ProviderState]) async throws -> Message
  /// The response messages to a request message (synchronous messages).
  func responses(to request: Message, description: String, states: [ProviderState]) async throws -> [Message]
}

/// A message could not be produced.
public struct ProducerError: Error, CustomStringConvertible, Sendable {
  public var message: String

  public init(message: String) {
    self.message = message
  }

  public var description: String { message }
}
