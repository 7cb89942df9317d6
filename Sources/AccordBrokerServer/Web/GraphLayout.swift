/// A layered drawing of a directed graph (the Sugiyama method), computed without I/O:
///
/// 1. Cycles are broken by reversing the edges a depth-first search finds going back.
/// 2. Layers: each node one below its lowest predecessor (the longest path from a source); a source then moves
///    down to just above its highest successor, so a consumer of a deep service is not left at the top.
/// 3. An edge that spans several layers gets a dummy node in each layer it crosses: a lane of its own, so it never
///    passes under the box of a node it does not touch.
/// 4. Crossings: median sweeps down and up the layers with adjacent swaps (transpose), keeping the order with the
///    fewest crossings (counted exactly by inversions between each pair of layers).
/// 5. Coordinates: each node pulled towards its neighbours (dummy chains weighted most, so long edges run
///    straight), projected onto the order and spacing of its layer (weighted isotonic regression).
///
/// Each route is a polyline from the bottom of its consumer to the top of its provider through its dummies:
/// between layers it curves (within the gap), across a layer it runs straight down its lane.
///
/// ```swift
/// let layout = GraphLayout(nodes: ["web", "api", "users"], edges: [("web", "api"), ("api", "users")]) { _ in 96 }
/// layout.boxes["api"]  // the box of api, one layer below web
/// ```
struct GraphLayout: Sendable {
  struct Point: Sendable, Hashable {
    var x: Double
    var y: Double
  }

  /// A node's box.
  struct Box: Sendable, Hashable {
    var name: String
    var layer: Int
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var centre: Double { x + width / 2 }

    /// Whether the point lies strictly inside the box.
    func contains(_ point: Point) -> Bool {
      point.x > x && point.x < x + width && point.y > y && point.y < y + height
    }
  }

  /// An edge's route: its points from the consumer's bottom to the provider's top, in order. Consecutive points in
  /// different layers' gaps are joined by a curve with vertical tangents; points in one lane by a straight line.
  struct Route: Sendable, Hashable {
    var from: String
    var to: String
    var points: [Point]
  }

  static let nodeHeight = 34.0
  static let layerGap = 84.0
  static let nodeGap = 18.0
  static let laneWidth = 6.0
  static let margin = 24.0

  private(set) var boxes: [String: Box] = [:]
  private(set) var routes: [Route] = []
  private(set) var width = 0.0
  private(set) var height = 0.0
  /// Edge crossings between adjacent layers in the order chosen.
  private(set) var crossings = 0
  private(set) var layerCount = 0

  init(nodes names: [String], edges pairs: [(String, String)], width: (String) -> Double) {
    var graph = LayeredGraph(names: names, pairs: pairs, width: width)
    graph.order()
    graph.place()
    (boxes, routes, self.width, height, crossings, layerCount) = graph.drawing()
  }

  /// The SVG path of a route.
  static func path(_ route: Route) -> String {
    guard let first = route.points.first else { return "" }
    var d = "M \(format(first.x)) \(format(first.y))"
    var previous = first
    for point in route.points.dropFirst() {
      if point.x == previous.x {
        d += " L \(format(point.x)) \(format(point.y))"
      } else {
        let middle = (previous.y + point.y) / 2
        d +=
          " C \(format(previous.x)) \(format(middle)), \(format(point.x)) \(format(middle)), "
          + "\(format(point.x)) \(format(point.y))"
      }
      previous = point
    }
    return d
  }

  static func format(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
  }
}
