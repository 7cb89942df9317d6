import AccordMatching
import AccordModel
import Foundation
import Hummingbird
import Synchronization

/// Answers requests from the interaction index and keeps a record of each.
final class Recorder: Sendable {
  let index: InteractionIndex
  private let onRequest: (@Sendable (ReceivedRequest) -> Void)?
  private let state = Mutex<(received: [ReceivedRequest], baseURL: String?)>(([], nil))

  init(index: InteractionIndex, onRequest: (@Sendable (ReceivedRequest) -> Void)? = nil) {
    self.index = index
    self.onRequest = onRequest
  }

  convenience init(_ interactions: [Interaction], _ options: MockServer.Options) {
    self.init(index: InteractionIndex(interactions, options: options.matching), onRequest: options.onRequest)
  }

  var received: [ReceivedRequest] { state.withLock { $0.received } }

  func setBaseURL(_ url: String) { state.withLock { $0.baseURL = url } }

  func respond(to request: Request) async throws -> Response {
    var request = request
    let incoming: PactRequest
    do {
      incoming = try await HTTPConversion.request(&request)
    } catch {
      return HTTPConversion.json(
        .contentTooLarge,
        ["error": .string("Accord mock server: the request body is over \(HTTPConversion.maximumBodySize) bytes")])
    }
    switch index.lookup(incoming) {
    case .matched(let entry):
      let received = ReceivedRequest(
        request: incoming, outcome: .matched(entry.position, entry.interaction.description))
      let baseURL = state.withLock { state in
        state.received.append(received)
        return state.baseURL
      }
      onRequest?(received)
      let response = entry.response.applyingGenerators(GeneratorContext(mockServerURL: baseURL))
      return HTTPConversion.response(response)
    case .unmatched(let closest, let mismatches):
      let outcome = ReceivedRequest.Outcome.unmatched(
        closest: closest.map { ($0.position, $0.interaction.description) }, mismatches: mismatches)
      let received = ReceivedRequest(request: incoming, outcome: outcome)
      state.withLock { $0.received.append(received) }
      onRequest?(received)
      return HTTPConversion.json(.internalServerError, Self.explanation(incoming, closest?.interaction, mismatches))
    }
  }

  /// The body of a 500: what came, the closest interaction, and each mismatch.
  static func explanation(_ request: PactRequest, _ closest: Interaction?, _ mismatches: [Mismatch])
    -> JSONValue
  {
    let target = request.path + (request.query.isEmpty ? "" : "?" + request.query.encoded)
    var body: JSONObject = [
      "error": .string("Accord mock server: no interaction matches \(request.method) \(target)"),
      "request": [
        "method": .string(request.method), "path": .string(request.path), "query": .string(request.query.encoded),
      ],
      "mismatches": .array(mismatches.map(\.json)),
    ]
    if let closest {
      body["closestInteraction"] = .string(closest.description)
      body["hint"] =
        "Change the request or the interaction so that they agree; each mismatch names the part that differs."
    } else {
      body["hint"] = "This server has no HTTP interactions; add one to the test."
    }
    return .object(body)
  }
}
