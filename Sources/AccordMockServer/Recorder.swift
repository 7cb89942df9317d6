import AccordMatching
import AccordModel
import Foundation
import HTTPTypes
import NIOCore
import Synchronization

/// Answers requests from the interaction index and keeps a record of each.
final class Recorder: Sendable {
  let index: InteractionIndex
  private let onRequest: (@Sendable (ReceivedRequest) -> Void)?
  private let log: MockServer.RequestLog
  private let cors: Bool
  private let providerStateHeader: String?
  private let state = Mutex<Log>(Log())

  /// What has been received: the requests kept, and every interaction ever matched (for the report).
  private struct Log {
    var received: [ReceivedRequest] = []
    /// Where the oldest kept request is, once `received` is full and used as a ring.
    var oldest = 0
    var matchedPositions: Set<Int> = []
    var baseURL: String?
  }

  init(
    index: InteractionIndex, log: MockServer.RequestLog = .everything,
    onRequest: (@Sendable (ReceivedRequest) -> Void)? = nil, cors: Bool = false, providerStateHeader: String? = nil
  ) {
    self.index = index
    self.log = log
    self.onRequest = onRequest
    self.cors = cors
    self.providerStateHeader = providerStateHeader
  }

  convenience init(_ interactions: [Interaction], _ options: MockServer.Options) {
    self.init(
      index: InteractionIndex(interactions, options: options.matching), log: options.requestLog,
      onRequest: options.onRequest, cors: options.cors, providerStateHeader: options.providerStateHeader)
  }

  /// The requests kept, oldest first.
  var received: [ReceivedRequest] {
    state.withLock { Array($0.received[$0.oldest...] + $0.received[..<$0.oldest]) }
  }

  /// The positions of every interaction matched at least once, including by requests no longer kept.
  var matchedPositions: Set<Int> { state.withLock { $0.matchedPositions } }

  /// Keeps `received` as the log says, and returns the base URL.
  private func record(_ received: ReceivedRequest) -> String? {
    var kept = received
    if case .recent(_, let bodyBytes) = log, let body = kept.request.body, body.data.count > bodyBytes {
      // A copy: a slice of the body would keep all of it alive.
      kept.request.body = Body(data: Data(Array(body.data.prefix(bodyBytes))), contentType: body.contentType)
    }
    return state.withLock { state in
      if case .matched(let position, _) = received.outcome { state.matchedPositions.insert(position) }
      switch log {
      case .everything:
        state.received.append(kept)
      case .recent(let count, _):
        if state.received.count < count {
          state.received.append(kept)
        } else if count > 0 {
          state.received[state.oldest] = kept
          state.oldest = (state.oldest + 1) % count
        }
      }
      return state.baseURL
    }
  }

  func setBaseURL(_ url: String) { state.withLock { $0.baseURL = url } }

  /// The answer to a request: its head and whole body, as read from the connection.
  func respond(to head: HTTPRequest, body: ByteBuffer) -> Answer {
    var answer = answer(head, body)
    if cors { CORS.allow(head.headerFields, in: &answer) }
    return answer
  }

  private func answer(_ head: HTTPRequest, _ body: ByteBuffer) -> Answer {
    let incoming = HTTPConversion.request(head, body: body)
    let lookup = index.lookup(incoming, preferredState: providerStateHeader.flatMap { incoming.headers.first($0) })
    if cors, case .unmatched = lookup, incoming.method.uppercased() == "OPTIONS" {
      return CORS.preflight(head.headerFields)
    }
    switch lookup {
    case .matched(let entry):
      let received = ReceivedRequest(
        request: incoming, outcome: .matched(entry.position, entry.interaction.description))
      let baseURL = record(received)
      onRequest?(received)
      if let answer = entry.answer { return answer }
      let response = entry.response.applyingGenerators(
        GeneratorContext(mockServerURL: baseURL, captures: RegexCapture.firstMatch))
      return Answer(response)
    case .unmatched(let closest, let found):
      // A huge body's mismatches can quote it whole: keep and answer only their beginning.
      let mismatches = found.map { $0.abbreviated(to: Self.mismatchBytes) }
      let outcome = ReceivedRequest.Outcome.unmatched(
        closest: closest.map { ($0.position, $0.interaction.description) }, mismatches: mismatches)
      let received = ReceivedRequest(request: incoming, outcome: outcome)
      _ = record(received)
      onRequest?(received)
      return .json(.internalServerError, Self.explanation(incoming, closest?.interaction, mismatches))
    }
  }

  /// How much of each mismatch's values is kept and answered.
  static let mismatchBytes = 4096

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
