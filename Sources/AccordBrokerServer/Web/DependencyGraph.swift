import AccordModel

/// The dependency graph of all services as server-rendered SVG: consumers above their providers, laid out in
/// layers by ``GraphLayout`` (long edges run in lanes of their own between the boxes, never under one).
///
/// An edge's status shows by line style as well as colour (verified solid, failed dashed and heavier, not
/// verified dotted), a message contract is a double line, and every edge links to its contract. With a focus, the
/// focused service's edges and neighbours stand out and the rest fade.
///
/// ```swift
/// let graph = DependencyGraph(
///   nodes: ["web", "users"], edges: [.init(consumer: "web", provider: "users", status: .verified)])
/// let svg = graph.svg(focus: "users")
/// ```
public struct DependencyGraph: Sendable {
  public enum Status: String, Sendable, CaseIterable {
    case verified
    case failed
    /// Failed on a provider branch that is not its main branch, while its main branch (or what is deployed)
    /// verified: not a failure of the integration, but worth a look.
    case failedOnBranch = "failed-on-branch"
    case unverified

    /// In words, for a legend and a tooltip.
    public var text: String {
      switch self {
      case .verified: "verified"
      case .failed: "failed"
      case .failedOnBranch: "failed on a feature branch (main verified)"
      case .unverified: "not verified yet"
      }
    }
  }

  /// How the two talk.
  public enum Kind: String, Sendable { case http, message }

  public struct Edge: Sendable, Hashable {
    public var consumer: String
    public var provider: String
    public var status: Status
    public var kind: Kind
    /// The contract's page.
    public var href: String?
    /// What verified it (or failed), for the tooltip: "verified by users 2.0.0 (main)".
    public var detail: String?

    public init(
      consumer: String, provider: String, status: Status, kind: Kind = .http, href: String? = nil,
      detail: String? = nil
    ) {
      self.consumer = consumer
      self.provider = provider
      self.status = status
      self.kind = kind
      self.href = href
      self.detail = detail
    }
  }

  public var nodes: [String]
  public var edges: [Edge]

  public init(nodes: [String], edges: [Edge]) {
    self.nodes = Array(Set(nodes + edges.flatMap { [$0.consumer, $0.provider] })).sorted()
    var seen: Set<[String]> = []
    self.edges = edges.filter { $0.consumer != $0.provider && seen.insert([$0.consumer, $0.provider]).inserted }
  }

  /// The width of a service's box.
  static func width(_ name: String) -> Double { max(88, Double(name.count) * 7.4 + 24) }

  /// Boxes and routes.
  func layout() -> GraphLayout {
    GraphLayout(nodes: nodes, edges: edges.map { ($0.consumer, $0.provider) }, width: Self.width)
  }

  /// The graph as an SVG element; each node links to `link(name)` when given. `focus` names a service whose edges
  /// and neighbours stay bright while the rest fade.
  public func svg(focus: String? = nil, link: (String) -> String? = { _ in nil }) -> String {
    svg(layout: layout(), focus: focus, link: link)
  }

  /// The SVG with a layout computed before (``GraphLayoutCache``).
  func svg(layout: GraphLayout, focus: String?, link: (String) -> String?) -> String {
    let focus = focus.flatMap { layout.boxes[$0] == nil ? nil : $0 }
    var near: Set<String> = []
    if let focus {
      near.insert(focus)
      for edge in edges where edge.consumer == focus || edge.provider == focus {
        near.insert(edge.consumer)
        near.insert(edge.provider)
      }
    }
    let (width, height) = (Int(layout.width.rounded(.up)), Int(layout.height.rounded(.up)))
    var out = """
      <svg xmlns="http://www.w3.org/2000/svg" class="graph\(focus == nil ? "" : " focused")" id="graph" \
      width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" role="img" \
      aria-label="Dependency graph of \(nodes.count) services and \(edges.count) contracts">
      <defs>\(Status.allCases.map(Self.marker).joined())</defs>

      """
    let routes = Dictionary(
      layout.routes.map { ([$0.from, $0.to], $0) }, uniquingKeysWith: { first, _ in first })
    for edge in edges.sorted(by: { ($0.consumer, $0.provider) < ($1.consumer, $1.provider) }) {
      guard let route = routes[[edge.consumer, edge.provider]] else { continue }
      var classes = "edge \(edge.status.rawValue) \(edge.kind.rawValue)"
      if focus != nil {
        classes += edge.consumer == focus || edge.provider == focus ? " near" : " faded"
      }
      let d = GraphLayout.path(route)
      let title =
        "\(escape(edge.consumer)) → \(escape(edge.provider)): \(edge.kind == .message ? "messages, " : "")"
        + edge.status.text + (edge.detail.map { " — " + escape($0) } ?? "")
      // A message contract: a wide line with a narrow white one inside it (a double line).
      let inner = edge.kind == .message ? "<path class=\"rail\" d=\"\(d)\"/>" : ""
      let body =
        "<path class=\"hit\" d=\"\(d)\"/><path class=\"line\" d=\"\(d)\" marker-end=\"url(#arrow-\(edge.status.rawValue))\"/>\(inner)"
        + "<title>\(title)</title>"
      if let href = edge.href {
        out += "<a class=\"\(classes)\" href=\"\(escape(href))\">\(body)</a>\n"
      } else {
        out += "<g class=\"\(classes)\">\(body)</g>\n"
      }
    }
    for box in layout.boxes.values.sorted(by: { $0.name < $1.name }) {
      let state = focus == nil ? "" : box.name == focus ? " focus" : near.contains(box.name) ? " near" : " faded"
      let shape = """
        <rect x="\(GraphLayout.format(box.x))" y="\(GraphLayout.format(box.y))" \
        width="\(GraphLayout.format(box.width))" height="\(GraphLayout.format(box.height))" rx="8"/>\
        <text x="\(GraphLayout.format(box.centre))" y="\(GraphLayout.format(box.y + box.height / 2 + 5))" \
        text-anchor="middle">\(escape(box.name))</text>
        """
      if let href = link(box.name) {
        out += "<a class=\"node\(state)\" href=\"\(escape(href))\" data-name=\"\(escape(box.name))\">\(shape)</a>\n"
      } else {
        out += "<g class=\"node\(state)\" data-name=\"\(escape(box.name))\">\(shape)</g>\n"
      }
    }
    return out + "</svg>"
  }

  /// A key to the lines: each status and each kind, drawn as in the graph (for the page beside it).
  public static var legend: String {
    var items: [(String, String, Kind)] = Status.allCases.map { ($0.rawValue, $0.text, .http) }
    items.append((Status.verified.rawValue, "messages (a double line)", .message))
    return items.map { status, text, kind in
      let d = "M 2 8 L 40 8"
      let rail = kind == .message ? "<path class=\"rail\" d=\"\(d)\"/>" : ""
      return """
        <span class="key"><svg class="graph" width="44" height="16" aria-hidden="true"><g class="edge \(status) \
        \(kind.rawValue)"><path class="line" d="\(d)"/>\(rail)</g></svg> \(text)</span>
        """
    }.joined(separator: " ")
  }

  /// The colour of each status: the Okabe–Ito palette, told apart with every kind of colour blindness, and by the
  /// line's style besides.
  static func colour(_ status: Status) -> String {
    switch status {
    case .verified: "#009e73"
    case .failed: "#d55e00"
    case .failedOnBranch: "#cc79a7"
    case .unverified: "#8a8f98"
    }
  }

  static func marker(_ status: Status) -> String {
    """
    <marker id="arrow-\(status.rawValue)" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" \
    markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="\(colour(status))"/></marker>
    """
  }

  func escape(_ text: String) -> String { XMLText.escaped(text) }
}
