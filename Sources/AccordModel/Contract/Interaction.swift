/// One interaction of a contract: a description, provider states, and what is exchanged.
///
/// ```swift
/// let interaction = Interaction(
///   description: "a request for user 42",
///   providerStates: [ProviderState("user 42 exists", params: ["id": 42])],
///   exchange: .http(request: PactRequest(path: "/users/42"), response: PactResponse(status: 200))
/// )
/// ```
public struct Interaction: Sendable, Hashable {
  /// What is exchanged, by V4 interaction type.
  public enum Exchange: Sendable, Hashable {
    /// `Synchronous/HTTP`: a request and its response.
    case http(request: PactRequest, response: PactResponse)
    /// `Asynchronous/Messages`: a message the provider publishes.
    case asynchronousMessage(Message)
    /// `Synchronous/Messages`: a request message and the response messages it gets.
    case synchronousMessages(request: Message, responses: [Message])

    /// The V4 `type` attribute.
    public var typeName: String {
      switch self {
      case .http: return "Synchronous/HTTP"
      case .asynchronousMessage: return "Asynchronous/Messages"
      case .synchronousMessages: return "Synchronous/Messages"
      }
    }
  }

  public var description: String
  public var providerStates: [ProviderState]
  public var exchange: Exchange
  /// V4: a failing pending interaction is reported but does not fail verification.
  public var pending: Bool
  /// V4 comments: `{"text": [...], "testname": "..."}`.
  public var comments: [String: JSONValue]
  /// V4 `key`, an identifier for the interaction, when the file has one.
  public var key: String?
  /// Attributes this version does not model (`transport`, `pluginConfiguration`, …), kept as read.
  public var extra: [String: JSONValue]

  public init(
    description: String, providerStates: [ProviderState] = [], exchange: Exchange, pending: Bool = false,
    comments: [String: JSONValue] = [:], key: String? = nil, extra: [String: JSONValue] = [:]
  ) {
    self.description = description
    self.providerStates = providerStates
    self.exchange = exchange
    self.pending = pending
    self.comments = comments
    self.key = key
    self.extra = extra
  }
}
