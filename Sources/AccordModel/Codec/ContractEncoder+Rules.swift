extension ContractEncoder {
  /// Matching rules in the V3/V4 form: path, status and method as one rule list, other categories keyed by path
  /// or name.
  func matchingRules(_ rules: MatchingRules, _ writer: inout JSONWriter) {
    var object = ObjectWriter(&writer)
    for category in rules.categories.keys.sorted(by: { utf8Ordered($0.rawValue, $1.rawValue) }) {
      let entries = rules.categories[category]!
      guard !entries.isEmpty else { continue }
      object.field(category.rawValue, &writer) { writer in
        if Self.isSingular(category), entries.count == 1, let list = entries["$"] {
          ruleList(list, &writer)
        } else {
          var categoryObject = ObjectWriter(&writer)
          for key in entries.keys.sorted(by: utf8Ordered) {
            categoryObject.field(key, &writer) { ruleList(entries[key]!, &$0) }
          }
          categoryObject.finish(&writer)
        }
      }
    }
    object.finish(&writer)
  }

  private static func isSingular(_ category: RuleCategory) -> Bool {
    category == .path || category == .status || category == .method
  }

  func ruleList(_ list: RuleList, _ writer: inout JSONWriter) {
    var object = ObjectWriter(&writer)
    object.field("combine", &writer, string: list.combine.rawValue)
    object.field("matchers", &writer) { writer in
      writer.beginArray()
      for rule in list.rules {
        writer.element()
        matchingRule(rule, &writer)
      }
      writer.endArray()
    }
    object.finish(&writer)
  }

  func matchingRule(_ rule: MatchingRule, _ writer: inout JSONWriter) {
    var extras: [String: JSONValue] = [:]
    if case .unknown(_, let attributes) = rule { extras = attributes }
    var object = ObjectWriter(&writer, extras: extras)
    switch rule {
    case .date(let format), .time(let format), .dateTime(let format):
      if let format { object.field("format", &writer, string: format) }
    default: break
    }
    object.field("match", &writer, string: rule.name)
    switch rule {
    case .regex(let regex): object.field("regex", &writer, string: regex)
    case .type(let min, let max):
      if let max { object.field("max", &writer) { $0.integer(max) } }
      if let min { object.field("min", &writer) { $0.integer(min) } }
    case .include(let value), .contentType(let value): object.field("value", &writer, string: value)
    case .statusCode(let status): object.field("status", &writer, value: status.jsonValue)
    case .arrayContains(let variants):
      object.field("variants", &writer) { writer in
        writer.beginArray()
        for variant in variants {
          writer.element()
          var entry = ObjectWriter(&writer)
          if !variant.generators.isEmpty {
            entry.field("generators", &writer) { writer in
              var generatorsObject = ObjectWriter(&writer)
              for key in variant.generators.keys.sorted(by: utf8Ordered) {
                generatorsObject.field(key, &writer) { generator(variant.generators[key]!, &$0) }
              }
              generatorsObject.finish(&writer)
            }
          }
          entry.field("index", &writer) { $0.integer(variant.index) }
          entry.field("rules", &writer) { writer in
            var rulesObject = ObjectWriter(&writer)
            for key in variant.rules.keys.sorted(by: utf8Ordered) {
              rulesObject.field(key, &writer) { ruleList(variant.rules[key]!, &$0) }
            }
            rulesObject.finish(&writer)
          }
          entry.finish(&writer)
        }
        writer.endArray()
      }
    case .eachKey(let each), .eachValue(let each):
      object.field("rules", &writer) { writer in
        writer.beginArray()
        for inner in each.rules {
          writer.element()
          matchingRule(inner, &writer)
        }
        writer.endArray()
      }
      if let value = each.value { object.field("value", &writer, string: value) }
    default: break
    }
    object.finish(&writer)
  }

  func generators(_ generators: Generators, _ writer: inout JSONWriter) {
    var object = ObjectWriter(&writer)
    for category in generators.categories.keys.sorted(by: { utf8Ordered($0.rawValue, $1.rawValue) }) {
      let entries = generators.categories[category]!
      guard !entries.isEmpty else { continue }
      object.field(category.rawValue, &writer) { writer in
        if Self.isSingular(category), entries.count == 1, let single = entries["$"] {
          generator(single, &writer)
        } else {
          var categoryObject = ObjectWriter(&writer)
          for key in entries.keys.sorted(by: utf8Ordered) {
            categoryObject.field(key, &writer) { generator(entries[key]!, &$0) }
          }
          categoryObject.finish(&writer)
        }
      }
    }
    object.finish(&writer)
  }

  func generator(_ generator: Generator, _ writer: inout JSONWriter) {
    var extras: [String: JSONValue] = [:]
    if case .unknown(_, let attributes) = generator { extras = attributes }
    var object = ObjectWriter(&writer, extras: extras)
    switch generator {
    case .randomInt(let min, let max):
      object.field("max", &writer) { $0.integer(max) }
      object.field("min", &writer) { $0.integer(min) }
    case .randomDecimal(let digits), .randomHexadecimal(let digits):
      object.field("digits", &writer) { $0.integer(digits) }
    case .randomString(let size): object.field("size", &writer) { $0.integer(size) }
    case .regex(let regex): object.field("regex", &writer, string: regex)
    case .uuid(let format): object.field("format", &writer, string: format.rawValue)
    case .date(let format, let expression), .time(let format, let expression), .dateTime(let format, let expression):
      if let expression { object.field("expression", &writer, string: expression) }
      if let format { object.field("format", &writer, string: format) }
    case .providerState(let expression, let dataType):
      if let dataType { object.field("dataType", &writer, string: dataType.rawValue) }
      object.field("expression", &writer, string: expression)
    case .mockServerURL(let example, let regex):
      object.field("example", &writer, string: example)
      object.field("regex", &writer, string: regex)
    case .randomBoolean, .unknown: break
    }
    object.field("type", &writer, string: generator.typeName)
    object.finish(&writer)
  }
}
