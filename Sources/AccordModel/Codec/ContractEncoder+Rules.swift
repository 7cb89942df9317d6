extension ContractEncoder {
  /// Matching rules in the V3/V4 form: path and status as one rule list, other categories keyed by path or name.
  func json(_ rules: MatchingRules) -> JSONValue {
    var object: JSONObject = [:]
    for (category, entries) in rules.categories where !entries.isEmpty {
      if category == .path || category == .status || category == .method, entries.count == 1, let list = entries["$"] {
        object[category.rawValue] = json(list)
      } else {
        object[category.rawValue] = .object(JSONObject(entries.mapValues(json)))
      }
    }
    return .object(object)
  }

  func json(_ list: RuleList) -> JSONValue {
    ["combine": .string(list.combine.rawValue), "matchers": .array(list.rules.map(json))]
  }

  func json(_ rule: MatchingRule) -> JSONValue {
    var object: JSONObject = ["match": .string(rule.name)]
    switch rule {
    case .regex(let regex): object["regex"] = .string(regex)
    case .type(let min, let max):
      if let min { object["min"] = .int(min) }
      if let max { object["max"] = .int(max) }
    case .include(let value), .contentType(let value): object["value"] = .string(value)
    case .date(let format), .time(let format), .dateTime(let format):
      if let format { object["format"] = .string(format) }
    case .statusCode(let status): object["status"] = status.jsonValue
    case .arrayContains(let variants):
      object["variants"] = .array(
        variants.map { variant in
          var entry: JSONObject = ["index": .int(variant.index), "rules": .object(JSONObject(variant.rules.mapValues(json)))]
          if !variant.generators.isEmpty { entry["generators"] = .object(JSONObject(variant.generators.mapValues(json))) }
          return .object(entry)
        })
    case .eachKey(let each), .eachValue(let each):
      object["rules"] = .array(each.rules.map(json))
      if let value = each.value { object["value"] = .string(value) }
    case .unknown(_, let attributes): for (key, value) in attributes where object[key] == nil { object[key] = value }
    case .equality, .integer, .decimal, .number, .boolean, .null, .values, .notEmpty, .semver: break
    }
    return .object(object)
  }

  func json(_ generators: Generators) -> JSONValue {
    var object: JSONObject = [:]
    for (category, entries) in generators.categories where !entries.isEmpty {
      if category == .path || category == .status || category == .method, entries.count == 1, let generator = entries["$"] {
        object[category.rawValue] = json(generator)
      } else {
        object[category.rawValue] = .object(JSONObject(entries.mapValues(json)))
      }
    }
    return .object(object)
  }

  func json(_ generator: Generator) -> JSONValue {
    var object: JSONObject = ["type": .string(generator.typeName)]
    switch generator {
    case .randomInt(let min, let max):
      object["min"] = .int(min)
      object["max"] = .int(max)
    case .randomDecimal(let digits), .randomHexadecimal(let digits): object["digits"] = .int(digits)
    case .randomString(let size): object["size"] = .int(size)
    case .regex(let regex): object["regex"] = .string(regex)
    case .uuid(let format): object["format"] = .string(format.rawValue)
    case .date(let format, let expression), .time(let format, let expression), .dateTime(let format, let expression):
      if let format { object["format"] = .string(format) }
      if let expression { object["expression"] = .string(expression) }
    case .providerState(let expression, let dataType):
      object["expression"] = .string(expression)
      if let dataType { object["dataType"] = .string(dataType.rawValue) }
    case .mockServerURL(let example, let regex):
      object["example"] = .string(example)
      object["regex"] = .string(regex)
    case .unknown(_, let attributes): for (key, value) in attributes where object[key] == nil { object[key] = value }
    case .randomBoolean: break
    }
    return .object(object)
  }
}
