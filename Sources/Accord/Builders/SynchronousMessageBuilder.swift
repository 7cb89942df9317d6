import AccordModel
import Foundation

/// Describes a request message and the response messages the provider answers with (Synchronous/Messages), for
/// request–reply over a queue or an RPC transport.
///
/// ```swift
/// try await pact.synchronousMessage("a price query")
///   .withRequest(["sku": "AB-1"])
///   .willRespond(["sku": "AB-1", "price": .decimal(9.99)])
///   .verify { request, responses in try client.handleQuote(responses[0].contents) }
/// ```
public struct SynchronousMessageBuilder: Sendable, InteractionBuilding {
  let pact: Pact
  let site: CallSite
  var interaction: Interaction
  private var request: (BodyTemplate?, [String: Template]) = (nil, [:])
  private var responses: [(BodyTemplate?, [String: Template])] = []

  init(pact: Pact, description: String, site: CallSite) {
    self.pact = pact
    self.site = site
    self.interaction = Interaction(
      description: description, exchange: .synchronousMessages(request: Message(), responses: []))
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

  /// The request message the consumer sends.
  public func withRequest(_ contents: BodyTemplate, metadata: [String: Template] = [:]) -> Self {
    var copy = self
    copy.request = (contents, metadata)
    return copy
  }

  /// A response message; call again for more than one.
  public func willRespond(_ contents: BodyTemplate, metadata: [String: Template] = [:]) -> Self {
    var copy = self
    copy.responses.append((contents, metadata))
    return copy
  }

  /// Calls `handler` with the example request and responses; records the interaction if the handler returns.
  @discardableResult
  public func verify<Result>(
    _ handler: (ReceivedMessage, [ReceivedMessage]) async throws -> Result
  ) async throws -> Result {
    var interaction = self.interaction
    let (requestMessage, requestProblems) = MessageParts.checkedMessage(contents: request.0, metadata: request.1)
    let checkedResponses = responses.map { MessageParts.checkedMessage(contents: $0.0, metadata: $0.1) }
    let responseMessages = checkedResponses.map(\.message)
    if let problem = (requestProblems + checkedResponses.flatMap(\.problems)).first {
      throw TestFailure.recordAndStop("\"\(interaction.description)\": \(problem.message)", at: site)
    }
    interaction.exchange = .synchronousMessages(request: requestMessage, responses: responseMessages)
    do {
      let result = try await handler(ReceivedMessage(requestMessage), responseMessages.map(ReceivedMessage.init))
      pact.record([interaction], sites: [site])
      return result
    } catch {
      throw TestFailure.recordAndStop(
        "the handler for \"\(interaction.description)\" threw: \(error); the interaction was not recorded", at: site)
    }
  }
}
