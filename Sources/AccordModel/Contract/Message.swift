/// A message: contents and metadata (for example a Kafka topic and key), with matching rules and generators.
///
/// ```swift
/// let event = Message(contents: .json(["orderId": 7]), metadata: ["topic": "orders"])
/// ```
public struct Message: Sendable, Hashable {
  /// `nil` when no contents are stated: any contents match.
  public var contents: Body?
  public var metadata: [String: JSONValue]
  public var matchingRules: MatchingRules
  public var generators: Generators
  /// Attributes this version does not model, kept so that nothing in a contract is lost.
  public var extra: [String: JSONValue]

  public init(
    contents: Body? = nil, metadata: [String: JSONValue] = [:], matchingRules: MatchingRules = MatchingRules(),
    generators: Generators = Generators(), extra: [String: JSONValue] = [:]
  ) {
    self.contents = contents
    self.metadata = metadata
    self.matchingRules = matchingRules
    self.generators = generators
    self.extra = extra
  }

  /// The content type: declared on the contents, else from the `contentType` metadata entry.
  public var contentType: ContentType? {
    if let declared = contents?.contentType { return declared }
    for key in ["contentType", "content-type", "Content-Type"] {
      if let text = metadata[key]?.stringValue, let type = ContentType(text) { return type }
    }
    return nil
  }
}
