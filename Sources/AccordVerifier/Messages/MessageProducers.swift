import AccordModel

/// Messages produced by Swift closures that call the provider's real producer code, for verifying messages in the
/// provider's own `swift test`.
///
/// ```swift
/// let producers = MessageProducers(messages: [
///   "an OrderPlaced event": { _ in
///     let event = OrderEvents.placed(Order(id: 7, total: 12.5))
///     return Message(contents: .json(event.json), metadata: ["topic": "orders"])
///   },
/// ])
/// ```
public struct MessageProducers: MessageProducer {
  public typealias Produce = @Sendable ([ProviderState]) async throws -> Message
  public typealias Respond = @Sendable (Message, [ProviderState]) async throws -> [Message]

  private var messages: [String: Produce]
  private var replies: [String: Respond]

  public init(messages: [String: Produce] = [:], replies: [String: Respond] = [:]) {
    self.messages = messages
    self.replies = replies
  }

  public func message(for description: String, states: [ProviderState]) async throws -> Message {
    guard let produce = messages[description] else {
      throw ProducerError(message: "no producer for message \"\(description)\"; add one to MessageProducers")
    }
    return try await produce(states)
  }

  public func responses(to request: Message, description: String, states: [ProviderState]) async throws -> [Message] {
    guard let reply = replies[description] else {
      throw ProducerError(message: "no replier for \"\(description)\"; add one to MessageProducers(replies:)")
    }
    return try await reply(request, states)
  }
}
