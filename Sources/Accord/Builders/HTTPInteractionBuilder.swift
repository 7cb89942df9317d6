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
  private(set) var response: PactResponse?
  /// What the calls asked for that a contract cannot hold; the test fails with them at ``run(_:)``.
  private(set) var problems: [DSLMisuse] = []

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
    copy.problems += compiledPath.problems.map { BodyTemplate.exampleProblem("path \($0)") }
    request.path = compiledPath.example.plainText
    request.matchingRules[.path, "$"] = compiledPath.rootRules
    request.generators[.path, "$"] = compiledPath.rootGenerator
    for name in query.keys.sorted() {
      let compiled = CompiledTemplate(query[name]!)
      for value in Self.values(compiled.example) { request.query.add(name, value) }
      switch compiled.singleValueRules(for: "query parameter '\(name)'") {
      case .success(let (rules, generator)):
        request.matchingRules[.query, name] = rules
        request.generators[.query, name] = generator
      case .failure(let problem):
        copy.problems.append(problem)
      }
    }
    copy.problems += Self.apply(headers, to: &request.headers, &request.matchingRules, &request.generators)
    if let body {
      let compiled = body.compileChecked()
      request.body = compiled.body
      request.matchingRules[.body] = compiled.rules
      request.generators[.body] = compiled.generators
      copy.problems += compiled.problems
    }
    copy.request = request
    return copy
  }

  /// The response the provider must give.
  public func willRespond(_ status: Int = 200, headers: [String: Template] = [:], body: BodyTemplate? = nil) -> Self {
    var copy = self
    var response = PactResponse(status: status)
    if !(100...999).contains(status) {
      copy.problems.append(DSLMisuse("the status \(status) is not an HTTP status; give one from 100 to 999"))
    }
    copy.problems += Self.apply(headers, to: &response.headers, &response.matchingRules, &response.generators)
    if let body {
      let compiled = body.compileChecked()
      response.body = compiled.body
      response.matchingRules[.body] = compiled.rules
      response.generators[.body] = compiled.generators
      copy.problems += compiled.problems
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
    copy.response?.matchingRules[.status, "$"] = RuleList([.statusCode(status)])
    return copy
  }

  /// Runs `test` against a mock server serving this interaction, then checks that the request came and matched.
  /// The interaction is recorded in the contract only if everything passed.
  @discardableResult
  public func run<Result>(_ test: (URL) async throws -> Result) async throws -> Result {
    try await pact.run([self], test)
  }

  /// The finished interaction, or why it cannot be used: a missing request or response, a matcher the contract
  /// cannot hold, or an example that does not satisfy its own matchers.
  func built() -> Result<Interaction, DSLMisuse> {
    let name = "interaction \"\(interaction.description)\""
    guard let request else { return .failure(DSLMisuse("\(name) has no request; add .withRequest(…) before .run")) }
    guard let response else {
      return .failure(DSLMisuse("\(name) has no response; add .willRespond(…) before .run"))
    }
    if let problem = problems.first { return .failure(DSLMisuse("\(name): \(problem.message)")) }
    var interaction = self.interaction
    interaction.exchange = .http(request: request, response: response)
    return .success(interaction)
  }

  private static func values(_ example: JSONValue) -> [String] {
    if case .array(let items) = example { return items.map(\.plainText) }
    return [example.plainText]
  }

  /// Adds header templates; returns what the headers cannot hold.
  private static func apply(
    _ templates: [String: Template], to headers: inout Headers, _ rules: inout MatchingRules,
    _ generators: inout Generators
  ) -> [DSLMisuse] {
    var problems: [DSLMisuse] = []
    for name in templates.keys.sorted() {
      let compiled = CompiledTemplate(templates[name]!)
      headers.add(name, values(compiled.example))
      switch compiled.singleValueRules(for: "header '\(name)'") {
      case .success(let (list, generator)):
        rules[.header, name] = list
        generators[.header, name] = generator
      case .failure(let problem):
        problems.append(problem)
      }
    }
    return problems
  }
}
