import AccordDemo
import Foundation
import Testing

@testable import AccordBrokerServer

/// The whole-network graph measured as drawn: every edge's curve sampled and tested against every box it does not
/// end at, and the crossings between curves counted, for the company networks the page is tried with.
@Suite struct GraphLayoutTests {
  static func graph(_ services: Int) -> DependencyGraph {
    let network = CompanyNetwork(services: services)
    return DependencyGraph(
      nodes: network.services.map(\.name),
      edges: network.contracts.map {
        .init(consumer: $0.consumer, provider: $0.provider, status: .verified, kind: $0.messages ? .message : .http)
      })
  }

  @Test(
    "no edge passes through the box of a service it does not touch; fewer crossings than the old layout",
    arguments: [60, 200])
  func geometry(services: Int) {
    let graph = Self.graph(services)
    let layout = graph.layout()
    #expect(layout.boxes.count == graph.nodes.count)
    #expect(layout.routes.count == graph.edges.count)
    // Measured on the SVG the page serves: its paths and boxes, read back from the markup.
    let drawn = SVGGeometry(graph.svg())
    #expect(drawn.routes.count == graph.edges.count)
    #expect(drawn.boxes.count == graph.nodes.count)
    #expect(drawn.routes.allSatisfy { $0.points.count >= 2 && $0.points.allSatisfy { !$0.x.isNaN && !$0.y.isNaN } })
    #expect(drawn.boxes.allSatisfy { !$0.x.isNaN && !$0.y.isNaN && $0.width > 0 && $0.height > 0 })
    let through = Geometry.edgesThroughBoxes(drawn.routes, drawn.boxes)
    let crossings = Geometry.crossings(drawn.routes)

    let old = OldLayout(graph)
    let oldThrough = Geometry.edgesThroughBoxes(old.routes, old.boxes)
    let oldCrossings = Geometry.crossings(old.routes)
    print(
      "graph of \(services) services, \(graph.edges.count) contracts: \(layout.layerCount) layers, "
        + "\(Int(layout.width)) × \(Int(layout.height)) px; edges through another service's box: \(through) "
        + "(old layout \(oldThrough)); crossings: \(crossings) (old layout \(oldCrossings))")
    #expect(through == 0)
    #expect(crossings < oldCrossings)
    // Boxes in a layer do not overlap, and a provider is below its consumer unless the edge closes a cycle.
    for row in Dictionary(grouping: layout.boxes.values, by: \.layer).values {
      let sorted = row.sorted { $0.x < $1.x }
      for (left, right) in zip(sorted, sorted.dropFirst()) { #expect(left.x + left.width < right.x) }
    }
    let downward = graph.edges.filter { layout.boxes[$0.provider]!.layer > layout.boxes[$0.consumer]!.layer }
    #expect(downward.count == graph.edges.count)
  }

  @Test("a cycle, a self-loop, a lone service and an empty graph are laid out without hanging")
  func awkwardGraphs() {
    let cycle = GraphLayout(nodes: ["a", "b", "c"], edges: [("a", "b"), ("b", "c"), ("c", "a"), ("a", "a")]) { _ in 90 }
    #expect(cycle.boxes.count == 3)
    #expect(cycle.routes.count == 3)
    // The edge turned round to break the cycle still runs from its consumer to its provider.
    for route in cycle.routes {
      let (from, to) = (cycle.boxes[route.from]!, cycle.boxes[route.to]!)
      let (first, last) = (route.points.first!, route.points.last!)
      #expect(first.x >= from.x && first.x <= from.x + from.width)
      #expect(last.x >= to.x && last.x <= to.x + to.width)
    }
    #expect(GraphLayout(nodes: ["alone"], edges: []) { _ in 90 }.boxes.count == 1)
    #expect(GraphLayout(nodes: [], edges: []) { _ in 90 }.routes.isEmpty)
  }

  @Test("the SVG: a link per contract, message contracts drawn as a double line, the focus and the rest faded")
  func svg() {
    let graph = DependencyGraph(
      nodes: ["web", "orders", "worker"],
      edges: [
        .init(consumer: "web", provider: "orders", status: .failed, href: "/ui/contracts/orders/web"),
        .init(
          consumer: "worker", provider: "orders", status: .verified, kind: .message, href: "/ui/contracts/orders/worker"
        ),
      ])
    let svg = graph.svg(focus: "web")
    #expect(svg.contains("<a class=\"edge failed http near\" href=\"/ui/contracts/orders/web\">"))
    #expect(svg.contains("<a class=\"edge verified message faded\" href=\"/ui/contracts/orders/worker\">"))
    #expect(svg.contains("class=\"rail\""))
    #expect(svg.contains("class=\"node focus\""))
    #expect(svg.components(separatedBy: "class=\"rail\"").count == 2)
    // A focus that names no service is no focus.
    #expect(!graph.svg(focus: "nobody").contains("faded"))
  }
}

/// The routes and boxes of a graph's SVG, read from its markup: each edge's `<path class="line" d="…">` (M, L and
/// C commands, curves sampled) named by its `<title>`, each service's `<rect>` named by its `<text>`.
struct SVGGeometry {
  var routes: [Geometry.Route] = []
  var boxes: [GraphLayout.Box] = []

  init(_ svg: String) {
    for chunk in svg.components(separatedBy: "<path class=\"line\" d=\"").dropFirst() {
      let d = String(chunk.prefix { $0 != "\"" })
      guard let title = chunk.components(separatedBy: "<title>").dropFirst().first else { continue }
      let ends = title.prefix { $0 != ":" }.components(separatedBy: " → ")
      guard ends.count == 2 else { continue }
      routes.append((ends[0], ends[1], Self.sample(d)))
    }
    for chunk in svg.components(separatedBy: "<rect ").dropFirst() {
      func number(_ name: String) -> Double {
        Double(chunk.components(separatedBy: name + "=\"").dropFirst().first?.prefix { $0 != "\"" } ?? "") ?? .nan
      }
      guard let text = chunk.components(separatedBy: "text-anchor=\"middle\">").dropFirst().first else { continue }
      boxes.append(
        GraphLayout.Box(
          name: String(text.prefix { $0 != "<" }), layer: 0, x: number("x"), y: number("y"), width: number("width"),
          height: number("height")))
    }
  }

  /// Points along a path of M, L and C commands, 16 to a curve.
  static func sample(_ d: String) -> [GraphLayout.Point] {
    let tokens = d.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
    var points: [GraphLayout.Point] = []
    var index = 0
    func next() -> Double {
      defer { index += 1 }
      return index < tokens.count ? Double(tokens[index]) ?? .nan : .nan
    }
    while index < tokens.count {
      let command = tokens[index]
      index += 1
      switch command {
      case "M", "L": points.append(GraphLayout.Point(x: next(), y: next()))
      case "C":
        guard let start = points.last else { return points }
        let (c1, c2, end) = (
          GraphLayout.Point(x: next(), y: next()), GraphLayout.Point(x: next(), y: next()),
          GraphLayout.Point(x: next(), y: next())
        )
        points += Geometry.cubic(start, c1, c2, end, steps: 16)
      default: return points
      }
    }
    return points
  }
}

/// Sampled curves against boxes and each other.
enum Geometry {
  typealias Route = (from: String, to: String, points: [GraphLayout.Point])

  /// Points along the cubic Bézier curve from `start` to `end`, `steps` of them, `start` left out.
  static func cubic(
    _ start: GraphLayout.Point, _ c1: GraphLayout.Point, _ c2: GraphLayout.Point, _ end: GraphLayout.Point, steps: Int
  ) -> [GraphLayout.Point] {
    (1...steps).map { step in
      let t = Double(step) / Double(steps)
      let u = 1 - t
      return GraphLayout.Point(
        x: u * u * u * start.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t * t * t * end.x,
        y: u * u * u * start.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * end.y)
    }
  }

  /// Edges with a segment inside the box of a service that is neither of their ends.
  static func edgesThroughBoxes(_ routes: [Route], _ boxes: [GraphLayout.Box]) -> Int {
    // Boxes by the band of height they sit in: a segment is checked against the bands it spans only.
    let bands = Dictionary(grouping: boxes, by: \.y).sorted { $0.key < $1.key }
    return routes.filter { route in
      zip(route.points, route.points.dropFirst()).contains { p, q in
        let (top, bottom) = (min(p.y, q.y), max(p.y, q.y))
        return bands.contains { y, row in
          guard let height = row.first?.height, y < bottom, y + height > top else { return false }
          return row.contains { box in
            box.name != route.from && box.name != route.to && segment(p, q, crosses: box)
          }
        }
      }
    }.count
  }

  /// Whether the segment p–q passes through the inside of the box (Liang–Barsky clipping).
  static func segment(_ p: GraphLayout.Point, _ q: GraphLayout.Point, crosses box: GraphLayout.Box) -> Bool {
    // Most boxes are nowhere near the segment.
    if max(p.x, q.x) <= box.x || min(p.x, q.x) >= box.x + box.width || max(p.y, q.y) <= box.y
      || min(p.y, q.y) >= box.y + box.height
    {
      return false
    }
    var (low, high) = (0.0, 1.0)
    let (dx, dy) = (q.x - p.x, q.y - p.y)
    let inset = 0.5
    for (delta, distance) in [
      (-dx, p.x - (box.x + inset)), (dx, (box.x + box.width - inset) - p.x),
      (-dy, p.y - (box.y + inset)), (dy, (box.y + box.height - inset) - p.y),
    ] {
      if delta == 0 {
        if distance < 0 { return false }
      } else {
        let t = distance / delta
        if delta < 0 { low = max(low, t) } else { high = min(high, t) }
        if low > high { return false }
      }
    }
    return true
  }

  /// Points where two edges' curves cross, away from the services they share.
  static func crossings(_ routes: [Route]) -> Int {
    // Segments bucketed in a grid, so only neighbours are compared.
    let cell = 60.0
    var grid: [Int: [(route: Int, index: Int)]] = [:]
    for (r, route) in routes.enumerated() {
      for index in 0..<max(0, route.points.count - 1) {
        let (p, q) = (route.points[index], route.points[index + 1])
        for cx in Int(min(p.x, q.x) / cell)...Int(max(p.x, q.x) / cell) {
          for cy in Int(min(p.y, q.y) / cell)...Int(max(p.y, q.y) / cell) {
            grid[cx &* 65_536 &+ cy, default: []].append((r, index))
          }
        }
      }
    }
    var found: Set<Int> = []
    for bucket in grid.values {
      for (i, a) in bucket.enumerated() {
        for b in bucket[(i + 1)...] where a.route != b.route {
          let (ra, rb) = (routes[a.route], routes[b.route])
          // Each pair of segments once (at most 2^15 routes of 2^15 segments).
          let (first, second) = a.route < b.route ? (a, b) : (b, a)
          let key = ((first.route << 15 | first.index) << 30) | (second.route << 15 | second.index)
          guard !found.contains(key),
            let point = intersection(
              ra.points[a.index], ra.points[a.index + 1], rb.points[b.index], rb.points[b.index + 1])
          else { continue }
          // Edges meeting at a service they share (its ports) do not cross there.
          let ends = [ra.points.first!, ra.points.last!, rb.points.first!, rb.points.last!]
          if ends.contains(where: { abs($0.x - point.x) < 3 && abs($0.y - point.y) < 3 }) { continue }
          found.insert(key)
        }
      }
    }
    return found.count
  }

  static func intersection(
    _ p: GraphLayout.Point, _ p2: GraphLayout.Point, _ q: GraphLayout.Point, _ q2: GraphLayout.Point
  )
    -> GraphLayout.Point?
  {
    let (rx, ry, sx, sy) = (p2.x - p.x, p2.y - p.y, q2.x - q.x, q2.y - q.y)
    let denominator = rx * sy - ry * sx
    guard abs(denominator) > 1e-9 else { return nil }
    let t = ((q.x - p.x) * sy - (q.y - p.y) * sx) / denominator
    let u = ((q.x - p.x) * ry - (q.y - p.y) * rx) / denominator
    guard t > 0, t < 1, u > 0, u < 1 else { return nil }
    return GraphLayout.Point(x: p.x + t * rx, y: p.y + t * ry)
  }
}

/// The layout the page had before (longest-path layers, barycentre sweeps, each edge one curve from box to box),
/// kept here as the measure the new one must beat.
struct OldLayout {
  var boxes: [GraphLayout.Box] = []
  var routes: [Geometry.Route] = []

  init(_ graph: DependencyGraph) {
    let nodes = graph.nodes
    let edges = graph.edges
    var consumersOf: [String: [String]] = [:]
    var providersOf: [String: [String]] = [:]
    for edge in edges {
      consumersOf[edge.provider, default: []].append(edge.consumer)
      providersOf[edge.consumer, default: []].append(edge.provider)
    }
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
    var rows: [[String]] = Array(repeating: [], count: (layer.values.max() ?? 0) + 1)
    for node in nodes { rows[layer[node] ?? 0].append(node) }
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
          let known = ((downward ? consumersOf[node] : providersOf[node]) ?? []).compactMap { position[$0] }
          return known.isEmpty ? (position[node] ?? 0) : known.reduce(0, +) / Double(known.count)
        }
        rows[index] = rows[index].map { ($0, barycentre($0)) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
      }
    }
    func width(_ name: String) -> Double { max(96, Double(name.count) * 7.4 + 28) }
    let rowWidths = rows.map { row in row.map(width).reduce(0, +) + Double(max(0, row.count - 1)) * 20 }
    let widest = rowWidths.max() ?? 0
    var placed: [String: GraphLayout.Box] = [:]
    for (index, row) in rows.enumerated() {
      var x = 24 + (widest - rowWidths[index]) / 2
      for node in row {
        placed[node] = GraphLayout.Box(
          name: node, layer: index, x: x, y: 24 + Double(index) * 130, width: width(node), height: 34)
        x += width(node) + 20
      }
    }
    boxes = Array(placed.values)
    for edge in edges {
      guard let from = placed[edge.consumer], let to = placed[edge.provider] else { continue }
      let (x1, y1, x2, y2) = (from.centre, from.y + 34, to.centre, to.y)
      let bend = max(30, (y2 - y1) / 2)
      let (start, end) = (GraphLayout.Point(x: x1, y: y1), GraphLayout.Point(x: x2, y: y2))
      let points =
        [start]
        + Geometry.cubic(
          start, GraphLayout.Point(x: x1, y: y1 + bend), GraphLayout.Point(x: x2, y: y2 - bend), end, steps: 32)
      routes.append((edge.consumer, edge.provider, points))
    }
  }
}
