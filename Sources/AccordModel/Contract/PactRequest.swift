/// The request half of an HTTP interaction, with its matching rules and generators.
///
/// ```swift
/// let request = PactRequest(method: "GET", path: "/users/42", headers: ["Accept": "application/json"])
/// ```
public struct PactRequest: Sendable, Hashable {
  public var method: String
  public var path: String
  public var query: Query
  public var headers: Headers
  /// `nil` when no body is stated: any body matches.
  public var body: Body?
  public var matchingRules: MatchingRules
  public var generators: Generators
  /// Attributes this version does not model, kept so that nothing in a contract is lost.
  public var extra: [String: JSONValue]

  public init(
    method: String = "GET", path: String = "/", query: Query = Query(), headers: Headers = Headers(),
    body: Body? = nil, matchingRules: MatchingRules = MatchingRules(), generators: Generators = Generators(),
    extra: [String: JSONValue] = [:]
  ) {
    self.method = method
    self.path = path
    self.query = query
    self.headers = headers
    self.body = body
    self.matchingRules = matchingRules
    self.generators = generators
    self.extra = extra
  }

  /// The body's content type: declared on the body, else from the headers.
  public var contentType: ContentType? { body?.contentType ?? headers.contentType }
}
