import Foundation

extension DecodingState {
  mutating func httpRequest(_ node: JSONNode) throws(ContractError) -> PactRequest {
    _ = try node.object("a request")
    let method = try node.child("method")?.string("the HTTP method") ?? "GET"
    guard HTTPToken.isToken(method) else {
      throw node.child("method")!.error(
        "\(PrintSafe.quoted(method)) is not an HTTP method: a method is one word of letters such as GET or POST")
    }
    let path = try node.child("path")?.string("the request path") ?? "/"
    let query =
      try node.child("query").map { (queryNode) throws(ContractError) in try self.query(queryNode) } ?? Query()
    let (headers, body, rules, generators) = try httpParts(node)
    return PactRequest(
      method: method, path: path, query: query, headers: headers, body: body, matchingRules: rules,
      generators: generators,
      extra: node.extra(known: ["method", "path", "query", "headers", "body", "matchingRules", "generators"]))
  }

  mutating func httpResponse(_ node: JSONNode) throws(ContractError) -> PactResponse {
    _ = try node.object("a response")
    var status = 200
    if let statusNode = node.child("status") {
      guard let code = statusNode.value.intValue ?? statusNode.value.stringValue.flatMap({ Int($0) }),
        (100...999).contains(code)
      else {
        throw statusNode.error(
          "expected an HTTP status code (an integer from 100 to 999) but found \(statusNode.value.summary)")
      }
      status = code
    }
    let (headers, body, rules, generators) = try httpParts(node)
    return PactResponse(
      status: status, headers: headers, body: body, matchingRules: rules, generators: generators,
      extra: node.extra(known: ["status", "headers", "body", "matchingRules", "generators"]))
  }

  /// A message: V3 (`contents`, `metaData`) or V4 (`contents` in the body form, `metadata`).
  /// `keepsExtra` is false where the message shares its object with the interaction, which keeps the extras.
  mutating func message(_ node: JSONNode, keepsExtra: Bool = true) throws(ContractError) -> Message {
    _ = try node.object("a message")
    let metadata = try node.child(anyOf: ["metadata", "metaData"])?.object("the message metadata").dictionary ?? [:]
    var declared: ContentType?
    for key in ["contentType", "content-type", "Content-Type"] {
      if let text = metadata[key]?.stringValue, let type = ContentType(text) {
        declared = type
        break
      }
    }
    let contents =
      try node.child("contents").map { (contentNode) throws(ContractError) in
        try self.body(contentNode, declaredType: declared)
      } ?? nil
    let (rules, generators) = try rulesAndGenerators(node)
    return Message(
      contents: contents, metadata: metadata, matchingRules: rules, generators: generators,
      extra: keepsExtra ? node.extra(known: ["contents", "metadata", "metaData", "matchingRules", "generators"]) : [:])
  }

  /// What requests and responses share: headers, a body typed by them, rules and generators.
  private mutating func httpParts(_ node: JSONNode) throws(ContractError) -> (Headers, Body?, MatchingRules, Generators)
  {
    let headers =
      try node.child("headers").map { (headerNode) throws(ContractError) in try self.headers(headerNode) }
      ?? Headers()
    let body =
      try node.child("body").map { (bodyNode) throws(ContractError) in
        try self.body(bodyNode, declaredType: headers.contentType)
      } ?? nil
    let (rules, generators) = try rulesAndGenerators(node)
    return (headers, body, rules, generators)
  }

  private mutating func rulesAndGenerators(_ node: JSONNode) throws(ContractError) -> (MatchingRules, Generators) {
    let rules =
      try node.child("matchingRules").map { (rulesNode) throws(ContractError) in
        try self.matchingRules(rulesNode)
      } ?? MatchingRules()
    let generators =
      try node.child("generators").map { (generatorsNode) throws(ContractError) in
        try self.generators(generatorsNode)
      } ?? Generators()
    return (rules, generators)
  }

  func query(_ node: JSONNode) throws(ContractError) -> Query {
    switch node.value {
    case .string(let text): return Query(parsing: text)
    case .null: return Query()
    case .object:
      var query = Query()
      for (name, valueNode) in try node.members("the query") {
        switch valueNode.value {
        case .array(let values):
          for (position, value) in values.enumerated() {
            guard case .string(let text) = value else {
              throw valueNode.element(position, value).error(
                "expected a query value (a string) but found \(value.summary)")
            }
            query.add(name, text)
          }
        case .string(let text): query.add(name, text)
        case .null: query.add(name, "")
        default: throw valueNode.error("expected a list of query values but found \(valueNode.value.summary)")
        }
      }
      return query
    default:
      throw node.error("expected the query as a string or an object of lists but found \(node.value.summary)")
    }
  }

  func headers(_ node: JSONNode) throws(ContractError) -> Headers {
    var headers = Headers()
    if node.value.isNull { return headers }
    for (name, valueNode) in try node.members("the headers") {
      switch valueNode.value {
      case .string(let text): headers.add(name, text)
      case .array(let values):
        var texts: [String] = []
        for (position, value) in values.enumerated() {
          guard case .string(let text) = value else {
            throw valueNode.element(position, value).error(
              "expected a header value (a string) but found \(value.summary)")
          }
          texts.append(text)
        }
        headers.add(name, texts)
      case .int, .double, .bool: headers.add(name, valueNode.value.plainText)
      default:
        throw valueNode.error(
          "expected a header value (a string or a list of strings) but found \(valueNode.value.summary)")
      }
    }
    return headers
  }

  /// A body in the V4 form (`{"content", "contentType", "encoded"}`) or the V1–V3 form (the JSON itself).
  func body(_ node: JSONNode, declaredType: ContentType?) throws(ContractError) -> Body? {
    if specification >= .v4, case .object(let members) = node.value,
      members["content"] != nil || members.isEmpty
        || members["contentType"] != nil
    {
      return try v4Body(node, members: members, declaredType: declaredType)
    }
    return legacyBody(node.value, declaredType: declaredType)
  }

  private func v4Body(_ node: JSONNode, members: JSONObject, declaredType: ContentType?) throws(ContractError)
    -> Body?
  {
    var contentType = declaredType
    if let typeNode = node.child("contentType"), !typeNode.value.isNull {
      let text = try typeNode.string("the body content type")
      guard let type = ContentType(text) else {
        throw typeNode.error("\"\(text)\" is not a content type; expected type/subtype, such as application/json")
      }
      contentType = type
    }
    let hint = node.child("contentTypeHint")?.value.stringValue
    guard let content = members["content"], !content.isNull else {
      return Body(data: Data(), contentType: contentType, contentTypeHint: hint)
    }
    let encoding = members["encoded"] ?? .bool(false)
    let data: Data
    switch (encoding, content) {
    case (.bool(false), .string(let text)), (.string("JSON"), .string(let text)), (.string("json"), .string(let text)):
      data = Data(text.utf8)
    case (.bool(false), _):
      return .json(content, contentType: contentType ?? .json, contentTypeHint: hint)
    case (.string("base64"), .string(let text)), (.bool(true), .string(let text)):
      guard let decoded = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
        throw node.child("content")!.error("the content is marked base64 but is not valid base64")
      }
      data = decoded
    default:
      throw node.child("encoded")?.error(
        "unknown encoding \(encoding); expected false, \"base64\" or \"JSON\" (with the content as a string)")
        ?? node.error("unsupported body content")
    }
    return Body(data: data, contentType: contentType, contentTypeHint: hint)
  }

  /// V1–V3: the body is the JSON itself, or a string holding the raw text, or, for a declared content type that is
  /// not text, the bytes in base64.
  private func legacyBody(_ value: JSONValue, declaredType: ContentType?) -> Body? {
    switch value {
    case .null:
      return Body(data: Data(), contentType: declaredType)
    case .string(let text):
      if text.isEmpty { return Body(data: Data(), contentType: declaredType) }
      if let declaredType, !declaredType.isText, let decoded = Data(base64Encoded: text) {
        // V1–V3 files carry binary bodies (images, PDFs, octet streams) as base64 text, as Pact writes them.
        return Body(data: decoded, contentType: declaredType)
      }
      if let declaredType, declaredType.isJSON, (try? JSONValue(parsing: text)) == nil {
        // A JSON body given as a string that is not JSON text is the JSON string itself.
        return Body(data: JSONValue.string(text).data(), contentType: declaredType)
      }
      return Body(data: Data(text.utf8), contentType: declaredType ?? ContentTypeDetector.detect(text: text))
    default:
      return .json(value, contentType: declaredType ?? .json)
    }
  }
}
