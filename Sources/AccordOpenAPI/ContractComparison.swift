import AccordModel
import Foundation
import OpenAPIKit

/// Compares a consumer's contract with a provider's OpenAPI document, offline: each HTTP interaction is mapped to the
/// operation it calls, and everything it sends or expects that the operation does not offer is reported, with where
/// it is in the contract and in the document.
///
/// ```swift
/// let report = ContractComparison(document).compare(contract)
/// for finding in report.incompatibilities { print(finding.consumerPath, finding.message) }
/// ```
public struct ContractComparison: Sendable {
  public let document: OpenAPIDocument

  public init(_ document: OpenAPIDocument) {
    self.document = document
  }

  public func compare(_ contract: Contract) -> ComparisonReport {
    let index = OperationIndex(document.model)
    let results = contract.interactions.enumerated().map { position, interaction in
      compare(interaction, at: position, index)
    }
    return ComparisonReport(
      consumer: contract.consumer.name, provider: contract.provider.name, document: document.source,
      interactions: results)
  }

  private var components: OpenAPI.Components { document.model.components }

  private func compare(_ interaction: Interaction, at position: Int, _ index: OperationIndex)
    -> InteractionComparison
  {
    var result = InteractionComparison(
      index: position, description: interaction.description, operation: nil, incompatibilities: [], skipped: nil)
    guard case .http(let request, let response) = interaction.exchange else {
      result.skipped = "a message: OpenAPI describes HTTP operations only"
      return result
    }
    let root = "$.interactions[\(position)]"
    let method = request.method.uppercased()
    let matches = index.routes(for: request.path)
    guard !matches.isEmpty else {
      result.incompatibilities.append(
        Incompatibility(
          kind: .unknownPath,
          message: "no path of the document fits \(PrintSafe.quoted(request.path))"
            + (index.basePaths == [""]
              ? "" : " (under \(index.basePaths.map { $0.isEmpty ? "/" : $0 }.joined(separator: ", ")))"),
          consumerPath: root + ".request.path", providerPath: "$.paths"))
      return result
    }
    let candidates = matches.compactMap { match -> (OperationIndex.Match, OpenAPI.Operation)? in
      guard let endpoint = match.route.item.endpoints.first(where: { $0.method.rawValue == method }) else { return nil }
      return (match, endpoint.operation)
    }
    guard !candidates.isEmpty else {
      let best = matches[0].route
      let declared = best.item.endpoints.map(\.method.rawValue).joined(separator: ", ")
      result.incompatibilities.append(
        Incompatibility(
          kind: .unknownMethod,
          message:
            "\(best.template.rawValue) has no \(method) operation (it has \(declared.isEmpty ? "none" : declared))",
          consumerPath: root + ".request.method", providerPath: best.location))
      return result
    }
    // Of the templates the path fits with this method, the first whose path parameters accept it.
    var chosen: (match: OperationIndex.Match, operation: OpenAPI.Operation, findings: [Incompatibility])?
    for (match, operation) in candidates {
      let findings = checkRequest(request, match, operation, root)
      let pathAccepted = !findings.contains { $0.consumerPath == root + ".request.path" }
      if chosen == nil || pathAccepted { chosen = (match, operation, findings) }
      if pathAccepted { break }
    }
    guard let chosen else { return result }
    let location = chosen.match.route.location + "." + method.lowercased()
    result.operation = OperationReference(
      method: method, path: chosen.match.route.template.rawValue, operationId: chosen.operation.operationId,
      location: location)
    result.incompatibilities = Self.once(chosen.findings + checkResponse(response, chosen.operation, location, root))
    return result
  }

  // MARK: - Request

  /// The operation's parameters with the path item's it does not override, each with its place in the document.
  private func parameters(
    _ item: OpenAPI.PathItem, _ operation: OpenAPI.Operation, item itemLocation: String,
    operation operationLocation: String
  ) -> [(parameter: OpenAPI.Parameter, location: String)] {
    var found: [String: (OpenAPI.Parameter, String)] = [:]
    var order: [String] = []
    for (location, list) in [(itemLocation, item.parameters), (operationLocation, operation.parameters)] {
      for (offset, maybe) in list.enumerated() {
        guard let parameter = components[maybe] else { continue }
        let name = parameter.location == .header ? parameter.name.lowercased() : parameter.name
        let key = "\(parameter.location.rawValue):\(name)"
        if found[key] == nil { order.append(key) }
        found[key] = (parameter, JSONPathText.index(location + ".parameters", offset))
      }
    }
    return order.compactMap { found[$0] }
  }

  private func checkRequest(
    _ request: PactRequest, _ match: OperationIndex.Match, _ operation: OpenAPI.Operation, _ root: String
  ) -> [Incompatibility] {
    var findings: [Incompatibility] = []
    let method = request.method.lowercased()
    let operationLocation = match.route.location + "." + method
    let declared = parameters(
      match.route.item, operation, item: match.route.location, operation: operationLocation)
    for (parameter, location) in declared {
      let name = parameter.name
      let values: [String]?
      let consumerPath: String
      switch parameter.location {
      case .path:
        values = match.parameters[name].map { [$0.removingPercentEncoding ?? $0] }
        consumerPath = root + ".request.path"
      case .query:
        values = request.query[name]
        consumerPath = JSONPathText.member(root + ".request.query", name)
      case .header:
        // OpenAPI ignores header parameters named Accept, Content-Type or Authorization.
        if ["accept", "content-type", "authorization"].contains(name.lowercased()) { continue }
        values = request.headers[name]
        consumerPath = JSONPathText.member(root + ".request.headers", name)
      case .cookie:
        values = Self.cookies(request.headers)[name].map { [$0] }
        consumerPath = JSONPathText.member(root + ".request.headers", "Cookie")
      case .querystring:
        continue
      }
      guard let values, !values.isEmpty else {
        if parameter.required {
          findings.append(
            Incompatibility(
              kind: .missingParameter,
              message: "the required \(parameter.location.rawValue) parameter \(PrintSafe.quoted(name)) is not sent",
              consumerPath: consumerPath, providerPath: location))
        }
        continue
      }
      guard case .a(let schemaContext) = parameter.schemaOrContent else { continue }
      let schema = Self.schema(schemaContext.schema)
      let validator = document.validator(.request)
      let resolved = (try? components.lookup(schema)) ?? schema
      let value: JSONValue
      if case .array = resolved.value {
        value = .array(
          values.flatMap { Self.split($0, style: schemaContext) }.map { Self.coerce($0, resolved, components) })
      } else {
        value = Self.coerce(values[0], resolved, components)
      }
      for violation in validator.violations(of: value, against: schema, at: location + ".schema") {
        findings.append(
          Incompatibility(
            kind: .invalidParameter,
            message: "the \(parameter.location.rawValue) parameter \(PrintSafe.quoted(name)): \(violation.message)",
            consumerPath: consumerPath, providerPath: violation.schemaPath))
      }
    }
    findings += checkRequestBody(request, operation, operationLocation, root)
    return findings
  }

  private func checkRequestBody(
    _ request: PactRequest, _ operation: OpenAPI.Operation, _ location: String, _ root: String
  ) -> [Incompatibility] {
    let bodyPath = root + ".request.body"
    let declared = operation.requestBody.flatMap { components[$0] }
    let hasBody = request.body.map { !$0.isEmpty } ?? false
    guard hasBody, let body = request.body else {
      if let declared, declared.required {
        return [
          Incompatibility(
            kind: .missingRequestBody, message: "the operation requires a request body; the request sends none",
            consumerPath: bodyPath, providerPath: location + ".requestBody")
        ]
      }
      return []
    }
    guard let declared else {
      return [
        Incompatibility(
          kind: .requestContentType, message: "the operation takes no request body; the request sends one",
          consumerPath: bodyPath, providerPath: location)
      ]
    }
    let type = request.headers.contentType ?? body.contentType
    guard let (key, content) = content(for: type, in: declared.content) else {
      return [
        Incompatibility(
          kind: .requestContentType,
          message: "the request body is \(type?.essence ?? "of no stated type"); the operation accepts "
            + declared.content.keys.map(\.rawValue).joined(separator: ", "),
          consumerPath: root + ".request.headers['Content-Type']", providerPath: location + ".requestBody.content")
      ]
    }
    let contentPath = JSONPathText.member(location + ".requestBody.content", key)
    return bodyFindings(body, type, content, at: contentPath, bodyPath, .request)
  }

  // MARK: - Response

  private func checkResponse(
    _ response: PactResponse, _ operation: OpenAPI.Operation, _ location: String, _ root: String
  ) -> [Incompatibility] {
    let status = response.status
    let responses = operation.responses
    let candidates: [OpenAPI.Response.StatusCode] = [
      .status(code: status), OpenAPI.Response.StatusCode(rawValue: "\(status / 100)XX"), .default,
    ].compactMap { $0 }
    guard let code = candidates.first(where: { responses[$0] != nil }), let maybe = responses[code],
      let declared = components[maybe]
    else {
      let known = responses.keys.map(\.rawValue).joined(separator: ", ")
      return [
        Incompatibility(
          kind: .responseStatus,
          message:
            "the operation does not declare the status \(status) (it declares \(known.isEmpty ? "none" : known))",
          consumerPath: root + ".response.status", providerPath: location + ".responses")
      ]
    }
    let responsePath = JSONPathText.member(location + ".responses", code.rawValue)
    guard let body = response.body, !body.isEmpty else { return [] }
    let bodyPath = root + ".response.body"
    guard !declared.content.isEmpty else {
      return [
        Incompatibility(
          kind: .responseContentType,
          message: "the consumer expects a body; the \(code.rawValue) response declares none",
          consumerPath: bodyPath, providerPath: responsePath)
      ]
    }
    let type = response.headers.contentType ?? body.contentType
    guard let (key, content) = content(for: type, in: declared.content) else {
      return [
        Incompatibility(
          kind: .responseContentType,
          message: "the consumer expects \(type?.essence ?? "a body of no stated type"); the \(code.rawValue) response "
            + "is " + declared.content.keys.map(\.rawValue).joined(separator: ", "),
          consumerPath: root + ".response.headers['Content-Type']", providerPath: responsePath + ".content")
      ]
    }
    let contentPath = JSONPathText.member(responsePath + ".content", key)
    return bodyFindings(body, type, content, at: contentPath, bodyPath, .response)
  }

  /// A JSON body checked against its content's schema: in a request every violation is a `request-body` finding;
  /// in a response, a property the schema does not define is one of its own kind.
  private func bodyFindings(
    _ body: Body, _ type: ContentType?, _ content: OpenAPI.Content, at contentPath: String, _ bodyPath: String,
    _ direction: SchemaValidator.Direction
  ) -> [Incompatibility] {
    guard let schema = content.schema, type?.isJSON ?? true, let value = body.json else { return [] }
    return document.validator(direction).violations(of: value, against: schema, at: contentPath + ".schema").map {
      violation in
      let kind: Incompatibility.Kind
      switch (direction, violation.kind) {
      case (.response, .undeclaredProperty): kind = .undeclaredResponseProperty
      case (.response, _): kind = .responseBody
      default: kind = .requestBody
      }
      return Incompatibility(
        kind: kind, message: violation.message, consumerPath: bodyPath + violation.valuePath.dropFirst(),
        providerPath: violation.schemaPath)
    }
  }

  // MARK: - Helpers

  /// Each place in the contract reported once per kind: a value `allOf` checks against several parts breaks the
  /// same rule in each.
  static func once(_ findings: [Incompatibility]) -> [Incompatibility] {
    var seen = Set<String>()
    return findings.filter { seen.insert($0.kind.rawValue + " " + $0.consumerPath).inserted }
  }

  /// A schema or a reference to one, as a schema (a reference is followed when it is checked).
  static func schema(_ maybe: Either<OpenAPI.Reference<JSONSchema>, JSONSchema>) -> JSONSchema {
    switch maybe {
    case .a(let reference): return .reference(reference.jsonReference)
    case .b(let schema): return schema
    }
  }

  /// The declared content for a media type: exact, then `type/*`, then `*/*`; a JSON body also fits a declared
  /// `application/json` when its own type is a `+json` one, and the other way round.
  func content(for type: ContentType?, in map: OpenAPI.Content.Map) -> (String, OpenAPI.Content)? {
    let entries = map.compactMap { entry -> (key: String, type: ContentType?, content: OpenAPI.Content)? in
      guard let content = components[entry.value] else { return nil }
      return (entry.key.rawValue, ContentType(entry.key.rawValue), content)
    }
    guard let type else { return entries.first.map { ($0.key, $0.content) } }
    if let exact = entries.first(where: { $0.type?.essence == type.essence }) { return (exact.key, exact.content) }
    if type.isJSON, let json = entries.first(where: { $0.type?.isJSON == true && $0.type?.type == type.type }) {
      return (json.key, json.content)
    }
    if let range = entries.first(where: { $0.type?.type == type.type && $0.type?.subtype == "*" }) {
      return (range.key, range.content)
    }
    return entries.first(where: { $0.type?.essence == "*/*" }).map { ($0.key, $0.content) }
  }

  /// A parameter's text as the JSON value its schema reads: `42` for an integer, `true` for a boolean.
  static func coerce(_ text: String, _ schema: JSONSchema, _ components: OpenAPI.Components) -> JSONValue {
    switch schema.value {
    case .integer: return Int(text).map(JSONValue.int) ?? .string(text)
    case .number: return Double(text).map(JSONValue.double) ?? .string(text)
    case .boolean: return text == "true" ? .bool(true) : text == "false" ? .bool(false) : .string(text)
    case .array(_, let context):
      guard let items = context.items else { return .string(text) }
      return coerce(text, (try? components.lookup(items)) ?? items, components)
    default: return .string(text)
    }
  }

  /// An array parameter's values: repeated (`explode`), or comma-separated in one value.
  static func split(_ value: String, style: OpenAPI.Parameter.SchemaContext) -> [String] {
    style.explode ? [value] : value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
  }

  static func cookies(_ headers: Headers) -> [String: String] {
    var cookies: [String: String] = [:]
    for header in headers["Cookie"] ?? [] {
      for pair in header.split(separator: ";") {
        let parts = pair.split(separator: "=", maxSplits: 1)
        guard let name = parts.first?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { continue }
        cookies[name] = parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : ""
      }
    }
    return cookies
  }
}
