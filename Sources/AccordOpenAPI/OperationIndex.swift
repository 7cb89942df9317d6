import OpenAPIKit

/// The operations of a document by path template, and how a request path finds one: under any server's base path,
/// a literal path before a templated one, and a template whose typed parameters accept the request's segments
/// before one whose do not.
///
/// ```swift
/// let index = OperationIndex(document.model)
/// index.routes(for: "/api/users/42")  // [/users/{id} with id = "42"]
/// ```
struct OperationIndex {
  /// One path template of the document.
  struct Route {
    let template: OpenAPI.Path
    let item: OpenAPI.PathItem
    /// `$.paths['/users/{id}']`
    let location: String
    let segments: [Segment]

    var literalCount: Int { segments.filter { if case .literal = $0 { return true } else { return false } }.count }
  }

  /// A template segment: literal text, or literal text around `{parameters}`.
  enum Segment {
    case literal(String)
    case template([Piece])
  }

  enum Piece {
    case text(String)
    case parameter(String)
  }

  /// A route a request path fits, and the text of each path parameter.
  struct Match {
    let route: Route
    let parameters: [String: String]
  }

  let routes: [Route]
  /// The servers' base paths, without a trailing slash; `""` when the document names no server (or `/`).
  let basePaths: [String]

  init(_ document: OpenAPI.Document) {
    var routes: [Route] = []
    for (path, maybeItem) in document.paths {
      guard let item = document.components[maybeItem] else { continue }
      routes.append(
        Route(
          template: path, item: item, location: JSONPathText.member("$.paths", path.rawValue),
          segments: path.components.map(Self.segment)))
    }
    self.routes = routes
    let bases = document.servers.map { Self.basePath($0) }
    self.basePaths = bases.isEmpty ? [""] : Array(Set(bases)).sorted { $0.count > $1.count }
  }

  /// Every route the path fits, best first.
  func routes(for path: String) -> [Match] {
    var matches: [Match] = []
    for base in basePaths {
      guard let relative = Self.strip(base, from: path) else { continue }
      let segments = relative.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
      for route in routes {
        if let parameters = Self.fit(segments, route.segments) {
          matches.append(Match(route: route, parameters: parameters))
        }
      }
      if !matches.isEmpty { break }
    }
    return matches.sorted { $0.route.literalCount > $1.route.literalCount }
  }

  private static func strip(_ base: String, from path: String) -> String? {
    if base.isEmpty { return path.hasPrefix("/") ? path : "/" + path }
    if path == base { return "/" }
    guard path.hasPrefix(base + "/") else { return nil }
    return String(path.dropFirst(base.count))
  }

  private static func fit(_ segments: [String], _ template: [Segment]) -> [String: String]? {
    // A trailing slash is the same resource to most servers: `/users/` fits `/users`.
    var segments = segments
    if segments.count == template.count + 1, segments.last == "" { segments.removeLast() }
    if template.isEmpty { return segments.isEmpty || segments == [""] ? [:] : nil }
    guard segments.count == template.count else { return nil }
    var parameters: [String: String] = [:]
    for (segment, part) in zip(segments, template) {
      switch part {
      case .literal(let text):
        guard segment == text else { return nil }
      case .template(let pieces):
        guard let values = fit(segment[...], pieces[...]) else { return nil }
        parameters.merge(values) { first, _ in first }
      }
    }
    return parameters
  }

  /// Literal text and parameters within one segment; a parameter takes at least one character.
  private static func fit(_ text: Substring, _ pieces: ArraySlice<Piece>) -> [String: String]? {
    guard let first = pieces.first else { return text.isEmpty ? [:] : nil }
    switch first {
    case .text(let literal):
      guard text.hasPrefix(literal) else { return nil }
      return fit(text.dropFirst(literal.count), pieces.dropFirst())
    case .parameter(let name):
      let rest = pieces.dropFirst()
      guard !text.isEmpty else { return nil }
      if rest.isEmpty { return [name: String(text)] }
      // Shortest first: `{id}.json` takes `42` from `42.json`.
      var end = text.index(after: text.startIndex)
      while true {
        if var values = fit(text[end...], rest) {
          values[name] = String(text[..<end])
          return values
        }
        guard end < text.endIndex else { return nil }
        end = text.index(after: end)
      }
    }
  }

  private static func segment(_ component: String) -> Segment {
    guard component.contains("{") else { return .literal(component) }
    var pieces: [Piece] = []
    var rest = component[...]
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      if open > rest.startIndex { pieces.append(.text(String(rest[..<open]))) }
      pieces.append(.parameter(String(rest[rest.index(after: open)..<close])))
      rest = rest[rest.index(after: close)...]
    }
    if !rest.isEmpty { pieces.append(.text(String(rest))) }
    return .template(pieces)
  }

  /// The path of a server's URL, its variables at their defaults: `https://{host}/api/v1/` → `/api/v1`.
  static func basePath(_ server: OpenAPI.Server) -> String {
    var url = server.urlTemplate.absoluteString
    for (name, variable) in server.variables {
      url = url.replacingOccurrences(of: "{\(name)}", with: variable.default)
    }
    var path = url[...]
    if let scheme = path.range(of: "://") {
      let afterAuthority = path[scheme.upperBound...]
      path = afterAuthority.firstIndex(of: "/").map { afterAuthority[$0...] } ?? ""
    }
    if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<query] }
    while path.hasSuffix("/") { path = path.dropLast() }
    return String(path)
  }
}
