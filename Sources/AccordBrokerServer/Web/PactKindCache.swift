import AccordBroker
import AccordModel
import Synchronization

/// Whether each pact holds messages or HTTP interactions, by content sha. A content never changes, so what was
/// read once is remembered (up to `capacity` contents; then it starts over).
///
/// ```swift
/// let kinds = try await server.pactKinds.kinds(of: pacts.map(\.sha), store: store)
/// ```
final class PactKindCache: Sendable {
  private let known = Mutex<[String: DependencyGraph.Kind]>([:])
  let capacity: Int

  init(capacity: Int = 20_000) { self.capacity = capacity }

  func kinds(of shas: [String], store: any BrokerStore) async throws(BrokerError) -> [String: DependencyGraph.Kind] {
    var result = known.withLock { known in
      Dictionary(shas.compactMap { sha in known[sha].map { (sha, $0) } }, uniquingKeysWith: { first, _ in first })
    }
    var found: [String: DependencyGraph.Kind] = [:]
    for sha in Set(shas) where result[sha] == nil {
      guard let content = try await store.content(sha: sha) else { continue }
      found[sha] = Self.kind(content)
    }
    guard !found.isEmpty else { return result }
    result.merge(found) { first, _ in first }
    known.withLock { known in
      if known.count + found.count > capacity { known.removeAll() }
      known.merge(found) { first, _ in first }
    }
    return result
  }

  /// Messages when every interaction is a message (V3 `messages`, V4 `…/Messages`); otherwise HTTP.
  static func kind(_ content: JSONValue) -> DependencyGraph.Kind {
    let interactions = content["interactions"]?.arrayValue ?? []
    if interactions.isEmpty { return (content["messages"]?.arrayValue ?? []).isEmpty ? .http : .message }
    let messages = interactions.allSatisfy { ($0["type"]?.stringValue ?? "").hasSuffix("/Messages") }
    return messages ? .message : .http
  }
}
