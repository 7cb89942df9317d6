import AccordModel

/// The response and message fields a contract relies on, per endpoint: what a consumer reads from its provider.
///
/// ```swift
/// let fields = try ContractFields(pact: json)
/// fields.used[Endpoint.http(method: "GET", path: "/users/42")]  // ["$.id", "$.name"]
/// ```
public struct ContractFields: Sendable {
  /// Field paths by endpoint: response bodies of HTTP interactions, contents of messages (and the replies of
  /// synchronous messages).
  public var used: [Endpoint: Set<String>] = [:]
  /// The interactions each endpoint's fields come from.
  public var interactions: [Endpoint: Set<String>] = [:]

  public init(pact: JSONValue) throws {
    let contract = try ContractDecoder().decode(pact).contract
    for interaction in contract.interactions {
      switch interaction.exchange {
      case .http(let request, let response):
        let endpoint = Endpoint.http(method: request.method, path: request.path)
        add(response.body?.json, endpoint, interaction.description)
      case .asynchronousMessage(let message):
        add(message.contents?.json, .message(interaction.description), interaction.description)
      case .synchronousMessages(_, let responses):
        for response in responses {
          add(response.contents?.json, .message(interaction.description), interaction.description)
        }
      }
    }
  }

  private mutating func add(_ document: JSONValue?, _ endpoint: Endpoint, _ description: String) {
    interactions[endpoint, default: []].insert(description)
    guard let document else {
      used[endpoint, default: []].formUnion([])
      return
    }
    used[endpoint, default: []].formUnion(FieldPaths.of(document))
  }
}
