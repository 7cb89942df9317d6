extension DecodingState {
  /// Matching rules in the V3/V4 form (by category) or the V2 form (flat `$.body…` keys).
  mutating func matchingRules(_ node: JSONNode) throws(ContractError) -> MatchingRules {
    var rules = MatchingRules()
    if node.value.isNull { return rules }
    let members = try node.members("the matching rules")
    if let first = members.first, first.key.hasPrefix("$") {
      for (key, ruleNode) in members { try addV2Rule(key: key, node: ruleNode, to: &rules) }
      return rules
    }
    for (name, categoryNode) in members {
      guard let category = Self.category(named: name) else {
        warn(categoryNode, "unknown matching rule category \"\(name)\"; its rules are ignored")
        continue
      }
      let categoryMembers = try categoryNode.object("the \(name) rules")
      if categoryMembers["matchers"] != nil {
        rules[category, "$"] = try ruleList(categoryNode.value, at: categoryNode)
        continue
      }
      var entries = rules[category]
      entries.reserveCapacity(entries.count + categoryMembers.count)
      for (key, listValue) in categoryMembers {
        if category == .body || (category == .metadata && key.hasPrefix("$")) {
          try validatePath(key, at: categoryNode.member(key, listValue))
        }
        let list = try ruleList(listValue, at: categoryNode.member(key, listValue))
        if entries[key] != nil { entries[key]!.rules += list.rules } else { entries[key] = list }
      }
      rules[category] = entries
    }
    return rules
  }

  static func category(named name: String) -> RuleCategory? {
    switch name.lowercased() {
    case "method": return .method
    case "path": return .path
    case "query": return .query
    case "header", "headers": return .header
    case "body", "content", "contents": return .body
    case "status": return .status
    case "metadata": return .metadata
    default: return nil
    }
  }

  private mutating func addV2Rule(key: String, node: JSONNode, to rules: inout MatchingRules) throws(ContractError) {
    let rule = try matchingRule(node)
    if key == "$.body" {
      rules.add(rule, to: .body, at: "$")
    } else if key.hasPrefix("$.body") {
      let path = "$" + key.dropFirst("$.body".count)
      try validatePath(path, at: node)
      rules.add(rule, to: .body, at: path)
    } else if key.hasPrefix("$.headers.") || key.hasPrefix("$.header.") {
      rules.add(rule, to: .header, at: Self.unquote(String(key.split(separator: ".", maxSplits: 2)[2])))
    } else if key.hasPrefix("$.query.") {
      rules.add(rule, to: .query, at: Self.unquote(String(key.split(separator: ".", maxSplits: 2)[2])))
    } else if key == "$.path" {
      rules.add(rule, to: .path, at: "$")
    } else if key == "$.status" {
      rules.add(rule, to: .status, at: "$")
    } else {
      warn(node, "matching rule path \"\(key)\" is not under $.body, $.headers, $.query or $.path; it is ignored")
    }
  }

  private static func unquote(_ name: String) -> String {
    if name.hasPrefix("['"), name.hasSuffix("']") { return String(name.dropFirst(2).dropLast(2)) }
    return name
  }

  /// A rule list. `node` builds the list's path only when something is reported, which keeps decoding cheap.
  mutating func ruleList(_ value: JSONValue, at node: @autoclosure () -> JSONNode) throws(ContractError) -> RuleList {
    guard case .object(let members) = value else {
      throw node().error(
        "expected a rule list ({\"combine\": \"AND\", \"matchers\": [...]}) but found \(value.summary)")
    }
    var combine = RuleLogic.and
    if let combineValue = members["combine"] {
      guard case .string(let text) = combineValue, let logic = RuleLogic(rawValue: text.uppercased()) else {
        throw node().member("combine", combineValue).error(
          "expected \"AND\" or \"OR\" but found \(combineValue.summary)")
      }
      combine = logic
    }
    guard let matchersValue = members["matchers"] else {
      // A bare matcher where a list was expected: accept it, as V2 writers do.
      if members["match"] != nil || members["regex"] != nil { return RuleList([try matchingRule(value, at: node())]) }
      throw node().error("missing \"matchers\": expected a list of matchers such as [{\"match\": \"type\"}]")
    }
    guard case .array(let matchers) = matchersValue else {
      throw node().member("matchers", matchersValue).error(
        "expected the matchers (a JSON array) but found \(matchersValue.summary)")
    }
    var rules: [MatchingRule] = []
    rules.reserveCapacity(matchers.count)
    for (position, matcher) in matchers.enumerated() {
      rules.append(try matchingRule(matcher, at: node().member("matchers", matchersValue).element(position, matcher)))
    }
    return RuleList(rules, combine: combine)
  }

  mutating func matchingRule(_ node: JSONNode) throws(ContractError) -> MatchingRule {
    try matchingRule(node.value, at: node)
  }

  // swift-format-ignore: FunctionBodyLength
  mutating func matchingRule(_ value: JSONValue, at node: @autoclosure () -> JSONNode) throws(ContractError)
    -> MatchingRule
  {
    guard case .object(let attributes) = value else {
      throw node().error("expected a matcher such as {\"match\": \"type\"} but found \(value.summary)")
    }
    func string(_ key: String) -> String? { attributes[key].map(\.plainText) }
    func count(_ key: String) throws(ContractError) -> Int? {
      guard let value = attributes[key], !value.isNull else { return nil }
      guard let number = value.intValue ?? value.stringValue.flatMap({ Int($0) }), number >= 0 else {
        throw node().member(key, value).error("expected a non-negative integer but found \(value.summary)")
      }
      return number
    }
    func sized() throws(ContractError) -> MatchingRule {
      let minimum = try count("min")
      let maximum = try count("max")
      if let minimum, let maximum, minimum > maximum {
        throw node().error(
          "this matcher can never be satisfied: min \(minimum) is above max \(maximum); fix the contract's rule")
      }
      return .type(min: minimum, max: maximum)
    }
    func required(_ key: String, _ what: String) throws(ContractError) -> String {
      guard let value = string(key) else {
        throw node().error("the \(attributes["match"]?.plainText ?? "") matcher needs \"\(key)\": \(what)")
      }
      return value
    }

    guard let name = (attributes["match"] ?? attributes["pact:matcher:type"])?.plainText else {
      if let regex = string("regex") { return .regex(regex) }
      if attributes["min"] != nil || attributes["max"] != nil { return try sized() }
      if let format = string("timestamp") { return .dateTime(format: format) }
      if let format = string("date") { return .date(format: format) }
      if let format = string("time") { return .time(format: format) }
      throw node().error("a matcher needs \"match\" naming its kind, such as {\"match\": \"type\"}")
    }
    switch name {
    case "equality": return .equality
    case "regex": return .regex(try required("regex", "the regular expression"))
    case "type", "min", "min-type", "max", "max-type": return try sized()
    case "include": return .include(try required("value", "the substring to look for"))
    case "integer": return .integer
    case "decimal", "real": return .decimal
    case "number": return .number
    case "boolean": return .boolean
    case "null": return .null
    case "date": return .date(format: string("format") ?? string("date"))
    case "time": return .time(format: string("format") ?? string("time"))
    case "timestamp", "datetime":
      return .dateTime(format: string("format") ?? string("timestamp") ?? string("datetime"))
    case "contentType", "content-type":
      return .contentType(try required("value", "the content type, such as image/png"))
    case "values": return .values
    case "notEmpty", "not-empty": return .notEmpty
    case "semver": return .semver
    case "statusCode", "status-code":
      guard let statusValue = attributes["status"] else { return .statusCode(.success) }
      guard let status = HTTPStatusClass(jsonValue: statusValue) else {
        throw node().member("status", statusValue).error(
          "expected a status class (info, success, redirect, clientError, serverError, nonError, error) or a list of codes"
        )
      }
      return .statusCode(status)
    case "arrayContains", "array-contains":
      return .arrayContains(try arrayContainsVariants(node()))
    case "eachKey", "each-key", "eachValue", "each-value":
      var rules: [MatchingRule] = []
      if let rulesNode = node().child("rules") {
        for element in try rulesNode.elements("the rules") { rules.append(try matchingRule(element)) }
      }
      let each = EachRule(rules: rules, value: attributes["value"]?.plainText)
      return name == "eachKey" || name == "each-key" ? .eachKey(each) : .eachValue(each)
    default:
      warn(node(), "unknown matcher \"\(name)\"; it is kept in the contract but nothing matches it")
      return .unknown(name: name, attributes: attributes.dictionary.filter { $0.key != "match" })
    }
  }

  private mutating func arrayContainsVariants(_ node: JSONNode) throws(ContractError) -> [ArrayContainsVariant] {
    guard let variantsNode = node.child("variants") else {
      throw node.error("the arrayContains matcher needs \"variants\": a list of {\"index\", \"rules\"}")
    }
    var variants: [ArrayContainsVariant] = []
    for variantNode in try variantsNode.elements("the arrayContains variants") {
      let index =
        try variantNode.child("index").map { (indexNode) throws(ContractError) -> Int in
          guard let index = indexNode.value.intValue, index >= 0 else {
            throw indexNode.error("expected the index of the example item")
          }
          return index
        } ?? variants.count
      var rules: [String: RuleList] = [:]
      if let rulesNode = variantNode.child("rules") {
        for (key, listNode) in try rulesNode.members("the variant rules") {
          rules[key] = try ruleList(listNode.value, at: listNode)
        }
      }
      var generators: [String: Generator] = [:]
      if let generatorsNode = variantNode.child("generators") {
        for (key, generatorNode) in try generatorsNode.members("the variant generators") {
          generators[key] = try generator(generatorNode.value, at: generatorNode)
        }
      }
      variants.append(ArrayContainsVariant(index: index, rules: rules, generators: generators))
    }
    return variants
  }
}
