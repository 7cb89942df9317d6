import AccordModel

/// The dependency graph of all services as server-rendered SVG, in layers: pure consumers at the top, each provider
/// below every consumer of it, edges coloured by the latest verification. Layers are ordered by the barycentre
/// heuristic (a few sweeps down and up), which keeps crossings low and stays readable at 50 services and more.
///
/// ```swift
/// let graph = DependencyGraph(nodes: ["web", "users"], edges: [.init(consumer: "web", provider: "users", status: .verified)])
/// let svg = graph.svg()
/// ```
public struct DependencyGraph: Sendable {
  public enum Status: String, Sendable { case verified, failed, unverified }

  public struct Edge: Sendable, Hashable {
    public var consumer: String
    public var provider: String
    public var status: Status
    public init(consumer: String, provider: String, status: Status) {
      self.consumer = consumer
      self.provider = provider
      self.status = status
    }
  }

  public struct Placed: Sendable {
    public var name: String
    public var layer: Int
    public var x: Double
    public var y: Double
    public var width: Double
  }

  public var nodes: [String]
  public var edges: [Edge]

  public init(nodes: [String], edges: [Edge]) {
    self.nodes = Array(Set(nodes + edges.flatMap { [$0.consumer, $0.provider] })).sorted()
    self.edges = edges.filter { $0.consumer != $0.provider }
  }

  static let nodeHeight = 34.0
  static let layerGap = 96.0
  static let nodeGap = 20.0
  static let margin = 24.0

  /// Layers (0 at the top) by the longest path from a pure consumer; edges that would close a cycle are ignored.
  func layers() -> [String: Int] {
    var consumersOf: [String: [String]] = [:]
    for edge in edges { consumersOf[edge.provider, default: []].append(edge.consumer) }
    var layer: [String: Int] = [:]
    var visiting: Set<String> = []
    func depth(_ node: String) -> Int {
      if let known = layer[node] { return known }
      if visiting.contains(node) { return 0 }
      visiting.insert(node)
      let value = (consumersOf[node] ?? []).map { depth($0) + 1 }.max() ?? 0
      visiting.remove(node)
      layer[node] = value
      return value
    }
    for node in nodes { _ = depth(node) }
    return layer
  }

  /// Positions of every node.
  public func layout() -> [String: Placed] {
    let layer = layers()
    let count = (layer.values.max() ?? 0) + 1
    var rows: [[String]] = Array(repeating: [], count: count)
    for node in nodes { rows[layer[node] ?? 0].append(node) }
    var providersOf: [String: [String]] = [:]
    var consumersOf: [String: [String]] = [:]
    for edge in edges {
      providersOf[edge.consumer, default: []].append(edge.provider)
      consumersOf[edge.provider, default: []].append(edge.consumer)
    }
    func positions() -> [String: Double] {
      var result: [String: Double] = [:]
      for row in rows {
        for (index, node) in row.enumerated() { result[node] = Double(index) / Double(max(1, row.count - 1)) }
      }
      return result
    }
    for sweep in 0..<8 {
      let position = positions()
      let downward = sweep % 2 == 0
      for index in (downward ? Array(rows.indices) : rows.indices.reversed()) {
        func barycentre(_ node: String) -> Double {
          let neighbours = (downward ? consumersOf[node] : providersOf[node]) ?? []
          let known = neighbours.compactMap { position[$0] }
          return known.isEmpty ? (position[node] ?? 0) : known.reduce(0, +) / Double(known.count)
        }
        rows[index] = rows[index].map { ($0, barycentre($0)) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
      }
    }
    func width(_ name: String) -> Double { max(96, Double(name.count) * 7.4 + 28) }
    let rowWidths = rows.map { row in row.map(width).reduce(0, +) + Double(max(0, row.count - 1)) * Self.nodeGap }
    let widest = rowWidths.max() ?? 0
    var placed: [String: Placed] = [:]
    for (index, row) in rows.enumerated() {
      var x = Self.margin + (widest - rowWidths[index]) / 2
      for node in row {
        placed[node] = Placed(
          name: node, layer: index, x: x, y: Self.margin + Double(index) * (Self.nodeHeight + Self.layerGap),
          width: width(node))
        x += width(node) + Self.nodeGap
      }
    }
    return placed
  }

  /// The graph as a standalone SVG document; each node links to `link(name)` when given.
  public func svg(link: (String) -> String? = { _ in nil }) -> String {
    let placed = layout()
    let width = (placed.values.map { $0.x + $0.width }.max() ?? 0) + Self.margin
    let height = (placed.values.map { $0.y + Self.nodeHeight }.max() ?? 0) + Self.margin
    var out = """
      <svg xmlns="http://www.w3.org/2000/svg" class="graph" width="\(Int(width))" height="\(Int(height))" \
      viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="Dependency graph of \(nodes.count) services">
      <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" \
      orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#667"/></marker></defs>

      """
    for edge in edges.sorted(by: { ($0.consumer, $0.provider) < ($1.consumer, $1.provider) }) {
      guard let from = placed[edge.consumer], let to = placed[edge.provider] else { continue }
      let (x1, y1) = (from.x + from.width / 2, from.y + Self.nodeHeight)
      let (x2, y2) = (to.x + to.width / 2, to.y)
      let bend = max(30, (y2 - y1) / 2)
      out += """
        <path class="edge \(edge.status.rawValue)" d="M \(f(x1)) \(f(y1)) C \(f(x1)) \(f(y1 + bend)), \(f(x2)) \
        \(f(y2 - bend)), \(f(x2)) \(f(y2))" marker-end="url(#arrow)"><title>\(escape(edge.consumer)) → \
        \(escape(edge.provider)): \(edge.status.rawValue)</title></path>

        """
    }
    for node in placed.values.sorted(by: { $0.name < $1.name }) {
      let box = """
        <rect x="\(f(node.x))" y="\(f(node.y))" width="\(f(node.width))" height="\(f(Self.nodeHeight))" rx="8"/>\
        <text x="\(f(node.x + node.width / 2))" y="\(f(node.y + Self.nodeHeight / 2 + 5))" \
        text-anchor="middle">\(escape(node.name))</text>
        """
      if let href = link(node.name) {
        out += "<a class=\"node\" href=\"\(escape(href))\">\(box)</a>\n"
      } else {
        out += "<g class=\"node\">\(box)</g>\n"
      }
    }
    return out + "</svg>"
  }

  private func f(_ value: Double) -> String { String(Int(value.rounded())) }

  func escape(_ text: String) -> String { XMLText.escaped(text) }
}
