import AccordModel
import Foundation

/// Describes a message the provider publishes and the consumer handles (Asynchronous/Messages).
///
/// The consumer's real handler is called with the example message; if it throws, the test fails and the message is
/// not recorded.
///
/// ```swift
/// try await pact.message("an OrderPlaced event")
///   .given("order 7 was placed")
///   .withContent(["orderId": .integer(7), "total": .decimal(12.5)])
///   .withMetadata(["topic": "orders"])
///   .verify { message in try await OrderEvents(store: store).handle(message.contents) }
/// ```
public struct MessageBuilder: Sendable, InteractionBuilding {
  let pact: Pact
  let site: CallSite
  var interaction: Interaction
  private var contents: BodyTemplate?
  private var metadata: [String: Template] = [:]

  init(pact: Pact, description: String, site: CallSite) {
    self.pact = pact
    self.site = site
    self.interaction = Interaction(description: description, exchange: .asynchronousMessage(Message()))
  }

  /// A state the provider must be in before it produces the message, with parameters its state setup receives.
  public func given(_ state: String, _ params: [String: JSONValue] = [:]) -> Self {
    addingState(state, params)
  }

  /// A comment stored with the interaction in the contract (V4).
  public func comment(_ text: String) -> Self {
    addingComment(text)
  }

  /// Marks the interaction pending (V4): a provider failing it is told, but its build does not fail.
  public func pending(_ isPending: Bool = true) -> Self {
    markingPending(isPending)
  }

  /// The message's contents (JSON from a dictionary literal, or any ``BodyTemplate``).
  public func withContent(_ contents: BodyTemplate) -> Self {
    var copy = self
    copy.contents = contents
    return copy
  }

  /// Metadata such as a topic, key or headers; values may be matchers.
  public func withMetadata(_ metadata: [String: Template]) -> Self {
    var copy = self
    copy.metadata.merge(metadata) { _, new in new }
    return copy
  }

  /// Calls `handler` with the example message; records the message if the handler returns.
  @discardableResult
  public func verify<Result>(_ handler: (ReceivedMessage) async throws -> Result) async throws -> Result {
    var interaction = self.interaction
    let (message, problems) = MessageParts.checkedMessage(contents: contents, metadata: metadata)
    if let problem = problems.first {
      throw TestFailure.recordAndStop("message \"\(interaction.description)\": \(problem.message)", at: site)
    }
    interaction.exchange = .asynchronousMessage(message)
    do {
      let result = try await handler(ReceivedMessage(message))
      pact.record([interaction], sites: [site])
      return result
    } catch {
      throw TestFailure.recordAndStop(
        "the handler for message \"\(interaction.description)\" threw: \(error); the message was not recorded", at: site
      )
    }
  }
}
