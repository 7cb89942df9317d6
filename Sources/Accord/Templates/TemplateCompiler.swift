import AccordModel

/// Turns a template into what a contract holds: the example, and rules and generators by path.
struct CompiledTemplate {
  var example: JSONValue
  /// Rules by path expression (`$`, `$.items[*].id`).
  var rules: [String: RuleList] = [:]
  var generators: [String: Generator] = [:]

  init(_ template: Template, root: [DocPath.Token] = []) {
    example = template.example
    compile(template, at: root)
  }

  /// The rule list at the root `$`, if any (for headers, query parameters, paths).
  var rootRules: RuleList? { rules["$"] }
  var rootGenerator: Generator? { generators["$"] }

  private mutating func compile(_ template: Template, at path: [DocPath.Token]) {
    switch template {
    case .value:
      break
    case .object(let members):
      for (key, member) in members { compile(member, at: path + [.field(key)]) }
    case .array(let items):
      for (index, item) in items.enumerated() { compile(item, at: path + [.index(index)]) }
    case .matching(let example, let rules, let combine, let generator):
      let key = DocPath(tokens: path).expression
      if !rules.isEmpty {
        var list = self.rules[key] ?? RuleList([], combine: combine)
        list.rules += rules
        list.combine = combine
        self.rules[key] = list
      }
      if let generator { generators[key] = generator }
      compile(example, at: path)
    case .each(let item, let min, let max, _):
      let key = DocPath(tokens: path).expression
      var list = rules[key] ?? RuleList([])
      list.rules.append(.type(min: min, max: max))
      rules[key] = list
      compile(item, at: path + [.anyIndex])
    case .containing(let variants):
      let key = DocPath(tokens: path).expression
      let compiled = variants.enumerated().map { index, variant in
        let inner = CompiledTemplate(variant)
        return ArrayContainsVariant(index: index, rules: inner.rules, generators: inner.generators)
      }
      var list = rules[key] ?? RuleList([])
      list.rules.append(.arrayContains(compiled))
      rules[key] = list
    }
  }
}
