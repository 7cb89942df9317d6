import Foundation

/// Reads Pact files of specification V1 to V4 into a ``Contract``.
///
/// Attributes it does not model are kept in `extra`; matchers and generators it does not know are kept and
/// reported as warnings. Anything that makes the file unusable throws a ``ContractError`` naming the JSON path.
///
/// ```swift
/// let decoded = try ContractDecoder().decode(data, source: "contracts/Web-UserService.json")
/// for warning in decoded.warnings { print(warning) }
/// let contract = decoded.contract
/// ```
public struct ContractDecoder: Sendable {
  /// A decoded contract and what deserves a look.
  public struct Decoded: Sendable {
    public var contract: Contract
    public var warnings: [ContractWarning]
  }

  /// How a long contract may be split over threads; ``Parallelism/none`` (the default) starts none.
  public var parallelism: Parallelism

  public init(parallelism: Parallelism = .none) {
    self.parallelism = parallelism
  }

  /// Decodes a contract from the bytes of a Pact file. `source` names the file in errors.
  public func decode(_ data: Data, source: String = "contract") throws(ContractError) -> Decoded {
    let document: JSONValue
    do {
      document = try JSONValue(parsing: data)
    } catch {
      throw ContractError(
        source: source, path: "$",
        message: "not valid JSON (\(error)); a contract is a JSON document written by Accord or another Pact tool")
    }
    return try decode(document, source: source)
  }

  /// Decodes a contract from a parsed JSON document.
  public func decode(_ document: JSONValue, source: String = "contract") throws(ContractError) -> Decoded {
    var state = DecodingState(source: source, parallelism: parallelism)
    let contract = try state.run { (state) throws(ContractError) in try state.contract(JSONNode(root: document)) }
    return Decoded(contract: contract, warnings: state.warnings)
  }
}

/// The work of one decode: the specification in force and the warnings so far.
struct DecodingState {
  let source: String
  let parallelism: Parallelism
  var specification: PactSpecification = .v3
  var warnings: [ContractWarning] = []
  /// Path expressions already found valid; contracts repeat the same few many times.
  private var validPaths: Set<String> = []

  init(source: String, parallelism: Parallelism = .none) {
    self.source = source
    self.parallelism = parallelism
  }

  /// Checks a rule or generator path expression, throwing an error at `node` when it is not valid.
  mutating func validatePath(_ expression: String, at node: @autoclosure () -> JSONNode) throws(ContractError) {
    if validPaths.contains(expression) { return }
    do {
      _ = try DocPath(expression)
    } catch {
      throw node().error("\"\(expression)\" is not a valid path expression: \(error)")
    }
    validPaths.insert(expression)
  }

  /// Runs a decoding step, naming the source in any error that leaves it.
  mutating func run<T>(_ body: (inout DecodingState) throws(ContractError) -> T) throws(ContractError) -> T {
    do {
      return try body(&self)
    } catch {
      var named = error
      named.source = source
      throw named
    }
  }

  mutating func warn(_ node: JSONNode, _ message: String) {
    warnings.append(ContractWarning(path: node.jsonPath, message: message))
  }

  mutating func contract(_ root: JSONNode) throws(ContractError) -> Contract {
    let members = try root.object("a Pact contract")
    guard
      members["consumer"] != nil || members["provider"] != nil || members["interactions"] != nil
        || members["messages"] != nil
    else {
      throw root.error(
        "this is not a Pact contract: expected an object with \"consumer\", \"provider\" and \"interactions\"")
    }
    let metadataNode = root.child(anyOf: ["metadata", "metaData"])
    var metadata = try metadataNode?.object("the metadata").dictionary ?? [:]
    specification = try detectSpecification(root, metadataNode: metadataNode)
    for key in ["pactSpecification", "pact-specification", "pactSpecificationVersion"] { metadata[key] = nil }

    let consumer = try pacticipant(root.requiredChild("consumer", "the consumer, as {\"name\": \"…\"}"))
    let provider = try pacticipant(root.requiredChild("provider", "the provider, as {\"name\": \"…\"}"))
    var interactions: [Interaction] = []
    if let list = root.child("interactions") {
      interactions = try decodeInParts(try list.elements("the interactions"))
    }
    if let list = root.child("messages") {
      for node in try list.elements("the messages") { interactions.append(try legacyMessage(node)) }
    }
    return Contract(
      consumer: consumer, provider: provider, interactions: interactions, metadata: metadata,
      specification: specification,
      extra: root.extra(known: ["consumer", "provider", "interactions", "messages", "metadata", "metaData"]))
  }

  /// Decodes the interactions in order. A long list may be split into parts, each with a state of its own;
  /// warnings are merged in order, and an error is the one of the earliest interaction that has one.
  private mutating func decodeInParts(_ nodes: [JSONNode]) throws(ContractError) -> [Interaction] {
    let base = self
    let parts = Parts.map(nodes.count, minimumPerPart: 100, parallelism) { range in
      var state = base
      state.warnings = []
      var decoded: [Interaction] = []
      decoded.reserveCapacity(range.count)
      do throws(ContractError) {
        for position in range { decoded.append(try state.interaction(nodes[position])) }
      } catch {
        return (Result<[Interaction], ContractError>.failure(error), state.warnings)
      }
      return (.success(decoded), state.warnings)
    }
    var interactions: [Interaction] = []
    interactions.reserveCapacity(nodes.count)
    for (result, warnings) in parts {
      self.warnings += warnings
      interactions += try result.get()
    }
    return interactions
  }

  private func detectSpecification(_ root: JSONNode, metadataNode: JSONNode?) throws(ContractError)
    -> PactSpecification
  {
    let versionNode =
      metadataNode?.child(anyOf: ["pactSpecification", "pact-specification"])?.child("version")
      ?? metadataNode?.child("pactSpecificationVersion")
    if let versionNode {
      let text = versionNode.value.plainText
      guard let version = PactSpecification(versionString: text) else {
        throw versionNode.error(
          "unknown Pact specification version \"\(text)\"; expected one of 1.0.0, 1.1.0, 2.0.0, 3.0.0 or 4.0")
      }
      return version
    }
    // No version stated: infer from the shape, as other Pact tools do.
    if let first = root.value["interactions"]?[0], first["type"] != nil { return .v4 }
    if root.value["messages"] != nil { return .v3 }
    return .v2
  }

  private func pacticipant(_ node: JSONNode) throws(ContractError) -> ContractParty {
    if case .string(let name) = node.value { return ContractParty(name) }
    let name = try node.requiredChild("name", "the name of the pacticipant").string("the name of the pacticipant")
    return ContractParty(name, extra: node.extra(known: ["name"]))
  }

  mutating func interaction(_ node: JSONNode) throws(ContractError) -> Interaction {
    _ = try node.object("an interaction")
    let description = try node.requiredChild("description", "a description of the interaction")
      .string("the description")
    let states = try providerStates(node)
    let pending =
      try node.child("pending").map { (pendingNode) throws(ContractError) -> Bool in
        guard let flag = pendingNode.value.boolValue else { throw pendingNode.error("expected true or false") }
        return flag
      } ?? false
    let comments = try node.child("comments")?.object("the comments").dictionary ?? [:]
    let key = node.child("key")?.value.stringValue

    var known: [String] = [
      "type", "description", "providerState", "provider_state", "providerStates", "pending", "comments", "key",
    ]
    let typeName = try node.child("type")?.string("the interaction type") ?? "Synchronous/HTTP"
    let exchange: Interaction.Exchange
    switch typeName.lowercased() {
    case "synchronous/http":
      known.append(contentsOf: ["request", "response"])
      let request = try httpRequest(node.requiredChild("request", "the request of an HTTP interaction"))
      // Without a response, the reference implementation's default: status 200, nothing else expected.
      var response = PactResponse(status: 200)
      if let child = node.child("response") { response = try httpResponse(child) }
      exchange = .http(request: request, response: response)
    case "asynchronous/messages":
      known.append(contentsOf: ["contents", "metadata", "metaData", "matchingRules", "generators"])
      exchange = .asynchronousMessage(try message(node, keepsExtra: false))
    case "synchronous/messages":
      known.append(contentsOf: ["request", "response"])
      let request = try message(node.requiredChild("request", "the request message"))
      let responses =
        try node.child("response").map { (list) throws(ContractError) -> [Message] in
          var result: [Message] = []
          for element in try list.elements("the response messages") { result.append(try message(element)) }
          return result
        } ?? []
      exchange = .synchronousMessages(request: request, responses: responses)
    default:
      throw (node.child("type") ?? node).error(
        "unknown interaction type \"\(typeName)\"; expected Synchronous/HTTP, Asynchronous/Messages or "
          + "Synchronous/Messages")
    }
    return Interaction(
      description: description, providerStates: states, exchange: exchange, pending: pending, comments: comments,
      key: key, extra: node.extra(known: known))
  }

  /// A V3 message from a `messages` array.
  mutating func legacyMessage(_ node: JSONNode) throws(ContractError) -> Interaction {
    _ = try node.object("a message")
    let description = try node.requiredChild("description", "a description of the message").string("the description")
    let known: [String] = [
      "description", "providerState", "provider_state", "providerStates", "contents", "metadata", "metaData",
      "matchingRules", "generators",
    ]
    return Interaction(
      description: description, providerStates: try providerStates(node),
      exchange: .asynchronousMessage(try message(node, keepsExtra: false)), extra: node.extra(known: known))
  }

  private func providerStates(_ node: JSONNode) throws(ContractError) -> [ProviderState] {
    if let list = node.child("providerStates") {
      var states: [ProviderState] = []
      for element in try list.elements("the provider states") {
        if case .string(let name) = element.value {
          states.append(ProviderState(name))
          continue
        }
        let name = try element.requiredChild("name", "the name of the provider state").string("the state name")
        let params = try element.child("params")?.object("the state parameters").dictionary ?? [:]
        states.append(ProviderState(name, params: params))
      }
      return states
    }
    if let single = node.child(anyOf: ["providerState", "provider_state"]) {
      if single.value.isNull { return [] }
      return [ProviderState(try single.string("the provider state"))]
    }
    return []
  }
}

extension ContractDecoder {
  /// Decodes one request in Pact form (`{"method", "path", "query", "headers", "body", "matchingRules"}`) as a file
  /// of the given specification would hold it.
  public func request(
    _ json: JSONValue, specification: PactSpecification = .v4, source: String = "request"
  ) throws(ContractError) -> PactRequest {
    try part(json, specification, source) { (state, node) throws(ContractError) in try state.httpRequest(node) }
  }

  /// Decodes one response in Pact form (`{"status", "headers", "body", "matchingRules"}`).
  public func response(
    _ json: JSONValue, specification: PactSpecification = .v4, source: String = "response"
  ) throws(ContractError) -> PactResponse {
    try part(json, specification, source) { (state, node) throws(ContractError) in try state.httpResponse(node) }
  }

  /// Decodes one message in Pact form (`{"contents", "metadata", "matchingRules"}`).
  public func message(
    _ json: JSONValue, specification: PactSpecification = .v4, source: String = "message"
  ) throws(ContractError) -> Message {
    try part(json, specification, source) { (state, node) throws(ContractError) in try state.message(node) }
  }

  private func part<Part>(
    _ json: JSONValue, _ specification: PactSpecification, _ source: String,
    _ decode: (inout DecodingState, JSONNode) throws(ContractError) -> Part
  ) throws(ContractError) -> Part {
    var state = DecodingState(source: source, parallelism: parallelism)
    state.specification = specification
    return try state.run { (state) throws(ContractError) in try decode(&state, JSONNode(root: json)) }
  }
}
