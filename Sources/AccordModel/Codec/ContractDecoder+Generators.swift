extension DecodingState {
  mutating func generators(_ node: JSONNode) throws(ContractError) -> Generators {
    var generators = Generators()
    if node.value.isNull { return generators }
    for (name, categoryNode) in try node.members("the generators") {
      guard let category = Self.category(named: name) else {
        warn(categoryNode, "unknown generator category \"\(name)\"; its generators are ignored")
        continue
      }
      let members = try categoryNode.object("the \(name) generators")
      if members["type"] != nil {
        generators[category, "$"] = try generator(categoryNode.value, at: categoryNode)
        continue
      }
      var entries = generators[category]
      for (key, value) in members {
        if category == .body { try validatePath(key, at: categoryNode.member(key, value)) }
        entries[key] = try generator(value, at: categoryNode.member(key, value))
      }
      generators[category] = entries
    }
    return generators
  }

  /// A generator. `node` builds the path only when something is reported.
  mutating func generator(_ value: JSONValue, at node: @autoclosure () -> JSONNode) throws(ContractError) -> Generator {
    guard case .object(let attributes) = value else {
      throw node().error("expected a generator such as {\"type\": \"RandomInt\"} but found \(value.summary)")
    }
    guard let type = attributes["type"]?.stringValue else {
      throw node().error("a generator needs \"type\", such as \"RandomInt\" or \"Uuid\"")
    }
    func int(_ key: String, default fallback: Int, in range: ClosedRange<Int> = Int.min...Int.max)
      throws(ContractError) -> Int
    {
      guard let value = attributes[key], !value.isNull else { return fallback }
      guard let number = value.intValue ?? value.stringValue.flatMap({ Int($0) }) else {
        throw node().member(key, value).error("expected an integer but found \(value.summary)")
      }
      guard range.contains(number) else {
        throw node().member(key, value).error(
          "\(type) \(key) must be from \(range.lowerBound) to \(range.upperBound), not \(number)")
      }
      return number
    }
    let lengths = 0...Generator.maximumLength
    func string(_ key: String) -> String? { attributes[key].flatMap { $0.isNull ? nil : $0.plainText } }

    switch type {
    case "RandomInt":
      let minimum = try int("min", default: 0)
      let maximum = try int("max", default: 2_147_483_647)
      guard minimum <= maximum else {
        throw node().error("RandomInt has min \(minimum) above max \(maximum); swap them")
      }
      return .randomInt(min: minimum, max: maximum)
    case "RandomDecimal": return .randomDecimal(digits: try int("digits", default: 10, in: 1...Generator.maximumDigits))
    case "RandomHexadecimal": return .randomHexadecimal(digits: try int("digits", default: 10, in: lengths))
    case "RandomString": return .randomString(size: try int("size", default: 10, in: lengths))
    case "Regex":
      guard let regex = string("regex") else { throw node().error("the Regex generator needs \"regex\"") }
      return .regex(regex)
    case "Uuid":
      let format = string("format").flatMap(UUIDFormat.init(rawValue:)) ?? .lowerCaseHyphenated
      return .uuid(format: format)
    case "Date": return .date(format: string("format"), expression: string("expression"))
    case "Time": return .time(format: string("format"), expression: string("expression"))
    case "DateTime", "Timestamp": return .dateTime(format: string("format"), expression: string("expression"))
    case "RandomBoolean": return .randomBoolean
    case "ProviderState":
      guard let expression = string("expression") else {
        throw node().error("the ProviderState generator needs \"expression\", such as \"/users/${id}\"")
      }
      return .providerState(expression: expression, dataType: string("dataType").flatMap(GeneratorDataType.init))
    case "MockServerURL":
      guard let example = string("example"), let regex = string("regex") else {
        throw node().error("the MockServerURL generator needs \"example\" and \"regex\"")
      }
      return .mockServerURL(example: example, regex: regex)
    default:
      warn(node(), "unknown generator \"\(type)\"; it is kept in the contract but not applied")
      return .unknown(type: type, attributes: attributes.dictionary.filter { $0.key != "type" })
    }
  }
}
