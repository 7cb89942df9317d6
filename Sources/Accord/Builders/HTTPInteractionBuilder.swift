import AccordModel
import Foundation

/// Describes one HTTP interaction, Pact style: `given` → `withRequest` → `willRespond` → `run`.
///
/// Each call returns a new builder; nothing happens until ``run(_:)``.
///
/// ```swift
/// try await pact.interaction("a request for user 42")
///   .given("user 42 exists", ["id": 42])
///   .withRequest(.get, "/users/42", headers: ["Accept": "application/json"])
///   .willRespond(200, body: ["id": .integer(42), "name": .like("Alice")])
///   .run { baseURL in try await UserClient(baseURL: baseURL).user(id: 42) }
/// ```
public struct HTTPInteractionBuilder: Sendable, InteractionBuilding {
  let pact: Pact
  let site: CallSite
  var interaction: Interaction
  private(set) var request: PactRequest?
  private(set) var response = PactResponse(status: 200)

  init(pact: Pact, description: String, site: CallSite) {
    self.pact = pact
    self.site = site
    self.interaction = Interaction(
      description: description, exchange: .http(request: PactRequest(), response: PactResponse()))
  }

  /// A state the provider must be in, with parameters its state setup receives.
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

  /// The request the consumer sends. Path, query values and header values may be matchers.
  public func withRequest(
    _ method: HTTPMethod, _ path: Template, query: [String: Template] = [:], headers: [String: Template] = [:],
    body: BodyTemplate? = nil
  ) -> Self {
    var copy = self
    var request = PactRequest(method: method.name)
    let compiledPath = CompiledTemplate(path)
    request.path = compiledPath.example.plainText
    request.matchingRules[.path, "$"] = compiledPath.rootRules
    request.generators[.path, "$"] = compiledPath.rootGenerator
    for name in query.keys.sorted() {
      let compiled = CompiledTemplate(query[name]!)
      for value in Self.values(compiled.example) { request.query.add(name, value) }
      request.matchingRules[.query, name] = compiled.rootRules ?? compiled.rules.sorted { $0.key < $1.key }.first?.value
      request.generators[.query, name] = compiled.rootGenerator
    }
    Self.apply(headers, to: &request.headers, &request.matchingRules, &request.generators)
    if let body {
      let compiled = body.compile()
      request.body = compiled.body
      request.matchingRules[.body] = compiled.rules
      request.generators[.body] = compiled.generators
    }
    copy.request = request
    return copy
  }

  /// The response the provider must give.
  public func willRespond(_ status: Int = 200, headers: [String: Template] = [:], body: BodyTemplate? = nil) -> Self {
    var copy = self
    var response = PactResponse(status: status)
    Self.apply(headers, to: &response.headers, &response.matchingRules, &response.generators)
    if let body {
      let compiled = body.compile()
      response.body = compiled.body
      response.matchingRules[.body] = compiled.rules
      response.generators[.body] = compiled.generators
      if response.headers["Content-Type"] == nil, let type = compiled.body.contentType {
        response.headers.add("Content-Type", type.description)
      }
    }
    copy.response = response
    return copy
  }

  /// A response whose status may be any in a class (`.success`, `.clientError`, …); the mock server sends
  /// `example`.
  public func willRespond(
    _ status: HTTPStatusClass, example: Int, headers: [String: Template] = [:], body: BodyTemplate? = nil
  ) -> Self {
    var copy = willRespond(example, headers: headers, body: body)
    copy.response.matchingRules[.status, "$"] = RuleList([.statusCode(status)])
    return copy
  }

  /// Runs `test` against a mock server serving this interaction, then checks that the request came and matched.
  /// The interaction is recorded in the contract only if everything passed.
  @discardableResult
  public func run<Result>(_ test: (URL) async throws -> Result) async throws -> Result {
    try await pact.run([self], test)
  }

  /// The finished interaction, or why it cannot be used.
  func built() -> Interaction? {
    guard let request else { return nil }
    var interaction = self.interaction
    interaction.exchange = .http(request: request, response: response)
    return interaction
  }

  private static func values(_ example: JSONValue) -> [String] {
    if case .array(let items) = example { return items.map(\.plainText) }
    return [example.plainText]
  }

  private static func apply(
    _ templates: [String: Template], to headers: inout Headers, _ rules: inout MatchingRules,
    _ generators: inout Generators
  ) {
    for name in templates.keys.sorted() {
      let compiled = CompiledTemplate(templates[name]!)
      headers.add(name, values(compiled.example))
      rules[.header, name] = compiled.rootRules
      generators[.header, name] = compiled.rootGenerator
    }
  }
}
