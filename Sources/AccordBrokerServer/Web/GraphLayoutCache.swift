import Synchronization

/// The whole network's layout, kept until the network changes: laying out 200 services takes tens of
/// milliseconds, and the graph is viewed far more often than a pact between new services is published.
/// Statuses and kinds are drawn afresh each time; only the boxes and routes are kept.
///
/// ```swift
/// let layout = server.graphLayouts.layout(of: graph)
/// ```
final class GraphLayoutCache: Sendable {
  private struct Entry: Sendable {
    var nodes: [String]
    var pairs: [[String]]
    var layout: GraphLayout
  }

  private let entry = Mutex<Entry?>(nil)

  /// The layout of `graph`: the one kept when its services and contracts are the same, else laid out anew.
  func layout(of graph: DependencyGraph) -> GraphLayout {
    // In a fixed order: the same network listed in another order (statuses sort it) is the same layout.
    let pairs = graph.edges.map { [$0.consumer, $0.provider] }.sorted { $0.lexicographicallyPrecedes($1) }
    if let kept = entry.withLock({ $0 }), kept.nodes == graph.nodes, kept.pairs == pairs { return kept.layout }
    let layout = graph.layout()
    entry.withLock { $0 = Entry(nodes: graph.nodes, pairs: pairs, layout: layout) }
    return layout
  }
}
