import AccordModel

/// A contract as the web page shows it: each interaction as request → response (or a message), its provider
/// states, and its matching rules spelled out in words. Reads Pact V1 to V4 as stored.
struct ContractView {
  var specification: String
  var interactions: [[String: Any]] = []

  init(_ pact: JSONValue) {
    specification =
      pact["metadata"]?["pactSpecification"]?["version"]?.stringValue
      ?? pact["metadata"]?["pact-specification"]?["version"]?.stringValue ?? "?"
    let all = (pact["interactions"]?.arrayValue ?? []) + (pact["messages"]?.arrayValue ?? [])
    for interaction in all.prefix(2000) {
      var view: [String: Any] = [
        "description": interaction["description"]?.stringValue ?? "?",
        "kind": interaction["type"]?.stringValue
          ?? (interaction["request"] != nil ? "Synchronous/HTTP" : "Asynchronous/Messages"),
      ]
      var states: [String] = (interaction["providerStates"]?.arrayValue ?? []).compactMap { state in
        guard let name = state["name"]?.stringValue else { return nil }
        let params = state["params"].map { $0.objectValue?.isEmpty == false ? " " + $0.serialized() : "" } ?? ""
        return name + params
      }
      if let state = interaction["providerState"]?.stringValue { states.append(state) }
      view["states"] = states
      var rules: [[String: String]] = []
      if let request = interaction["request"], let response = interaction["response"], request["method"] != nil {
        view["request"] = Self.withBody(
          [
            "method": request["method"]?.stringValue?.uppercased() ?? "?", "path": request["path"]?.stringValue ?? "/",
            "query": Self.query(request["query"]), "headers": Self.headers(request["headers"]),
          ], Self.body(request["body"]))
        view["response"] = Self.withBody(
          [
            "status": response["status"].map { $0.serialized() } ?? "200", "headers": Self.headers(response["headers"]),
          ],
          Self.body(response["body"]))
        rules += Self.rules(request["matchingRules"], part: "request")
        rules += Self.rules(response["matchingRules"], part: "response")
        rules += Self.rules(interaction["matchingRules"], part: "")
      } else {
        let contents = interaction["contents"] ?? interaction["request"]?["contents"]
        view["message"] = Self.withBody(
          ["metadata": Self.headers(interaction["metadata"] ?? interaction["metaData"])], Self.body(contents))
        rules += Self.rules(interaction["matchingRules"], part: "message")
      }
      view["rules"] = rules
      view["hasRules"] = !rules.isEmpty
      interactions.append(view)
    }
  }

  /// A part's view, with its body only when it has one (Mustache would print a missing value as "nil").
  static func withBody(_ part: [String: Any], _ body: String?) -> [String: Any] {
    var part = part
    if let body { part["body"] = body }
    return part
  }

  static func query(_ value: JSONValue?) -> String {
    switch value {
    case .string(let text)? where !text.isEmpty: return "?" + text
    case .object(let members)?:
      let parts = members.keys.flatMap { key -> [String] in
        let values =
          members[key]?.arrayValue?.map { $0.stringValue ?? $0.serialized() } ?? [members[key]?.stringValue ?? ""]
        return values.map { key + "=" + $0 }
      }
      return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    default: return ""
    }
  }

  static func headers(_ value: JSONValue?) -> [[String: String]] {
    guard case .object(let members)? = value else { return [] }
    return members.keys.map { key in
      let value = members[key]!
      let text =
        value.arrayValue.map { $0.map { $0.stringValue ?? $0.serialized() }.joined(separator: ", ") }
        ?? value.stringValue ?? value.serialized()
      return ["name": key, "value": text]
    }
  }

  /// The body as text: JSON pretty-printed; V4's `{"content", "contentType", "encoded"}` unwrapped.
  static func body(_ value: JSONValue?) -> String? {
    guard let value, value != .null else { return nil }
    if case .object(let members) = value, members["content"] != nil,
      members["contentType"] != nil || members["encoded"] != nil
    {
      guard let content = members["content"] else { return nil }
      if let text = content.stringValue {
        let encoded = members["encoded"].map { $0 != .bool(false) } ?? false
        return encoded
          ? "(\(members["contentType"]?.stringValue ?? "binary"), base64) " + String(text.prefix(2000)) : text
      }
      return String(content.serialized(.pretty).prefix(100_000))
    }
    if let text = value.stringValue { return text }
    return String(value.serialized(.pretty).prefix(100_000))
  }

  /// Matching rules in words: `$.name` "by type", `$.id` "an integer", `$.when` "a date-time like yyyy-MM-dd'T'HH:mm".
  static func rules(_ value: JSONValue?, part: String) -> [[String: String]] {
    guard case .object(let members)? = value else { return [] }
    var result: [[String: String]] = []
    for key in members.keys {
      let entry = members[key]!
      if let matchers = entry["matchers"]?.arrayValue {
        let combine = entry["combine"]?.stringValue == "OR" ? " or " : " and "
        result.append(["part": part, "path": key, "text": matchers.map(describe).joined(separator: combine)])
      } else if entry["match"] != nil || entry["regex"] != nil {
        result.append(["part": part, "path": key, "text": describe(entry)])
      } else if case .object = entry {
        // A category (body, header, query, path, metadata) of V3/V4 rules.
        result += rules(entry, part: part.isEmpty ? key : "\(part) \(key)")
      }
    }
    return result
  }

  static func describe(_ matcher: JSONValue) -> String {
    let kind = matcher["match"]?.stringValue ?? (matcher["regex"] != nil ? "regex" : "type")
    var text: String
    switch kind {
    case "type": text = "by type"
    case "regex": text = "matching /\(matcher["regex"]?.stringValue ?? "")/"
    case "integer": text = "an integer"
    case "decimal": text = "a decimal number"
    case "number": text = "a number"
    case "boolean": text = "a boolean"
    case "null": text = "null"
    case "equality": text = "equal to the example"
    case "include": text = "including \"\(matcher["value"]?.stringValue ?? "")\""
    case "date", "time", "timestamp", "datetime":
      text = "a \(kind)" + ((matcher["format"] ?? matcher[kind])?.stringValue.map { " like \($0)" } ?? "")
    case "contentType": text = "of content type \(matcher["value"]?.stringValue ?? "")"
    case "values": text = "any keys, values matched by their rules"
    case "notEmpty": text = "not empty"
    case "semver": text = "a semantic version"
    case "arrayContains": text = "containing the listed variants"
    case "eachKey": text = "each key matched"
    case "eachValue": text = "each value matched"
    case "statusCode": text = "a status of class \(matcher["status"]?.stringValue ?? "?")"
    default: text = kind
    }
    if let min = matcher["min"]?.intValue { text += ", at least \(min)" }
    if let max = matcher["max"]?.intValue { text += ", at most \(max)" }
    return text
  }
}
