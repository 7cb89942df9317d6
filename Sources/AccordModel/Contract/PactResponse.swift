/// The response half of an HTTP interaction, with its matching rules and generators.
///
/// ```swift
/// let response = PactResponse(status: 200, headers: ["Content-Type": "application/json"], body: .json(["id": 42]))
/// ```
public struct PactResponse: Sendable, Hashable {
  public var status: Int
  public var headers: Headers
  /// `nil` when no body is stated: any body matches.
  public var body: Body?
  public var matchingRules: MatchingRules
  public var generators: Generators
  /// Attributes this version does not model, kept so that nothing in a contract is lost.
  public var extra: [String: JSONValue]

  public init(
    status: Int = 200, headers: Headers = Headers(), body: Body? = nil, matchingRules: MatchingRules = MatchingRules(),
    generators: Generators = Generators(), extra: [String: JSONValue] = [:]
  ) {
    self.status = status
    self.headers = headers
    self.body = body
    self.matchingRules = matchingRules
    self.generators = generators
    self.extra = extra
  }

  /// The body's content type: declared on the body, else from the headers.
  public var contentType: ContentType? { body?.contentType ?? headers.contentType }
}
