import AccordMatching
import AccordModel

/// Turns a template into what a contract holds: the example, and rules and generators by path.
struct CompiledTemplate {
  var example: JSONValue
  /// Rules by path expression (`$`, `$.items[*].id`).
  var rules: [String: RuleList] = [:]
  var generators: [String: Generator] = [:]
  /// Examples that do not satisfy their own rules, as `path: reason`.
  var problems: [String] = []

  init(_ template: Template, root: [DocPath.Token] = []) {
    example = template.example
    compile(template, at: root)
  }

  /// The rule list at the root `$`, if any (for headers, query parameters, paths).
  var rootRules: RuleList? { rules["$"] }
  var rootGenerator: Generator? { generators["$"] }

  /// The one rule list and generator of a value that is a string or a list of strings (a query parameter, a
  /// header, metadata): rules at `$`, and rules every item of a list shares (`$[*]`, or the same at each `$[i]`),
  /// merged. A template with rules anywhere else cannot be written for such a value; the error says what to do.
  func singleValueRules(for what: String) -> Result<(RuleList?, Generator?), DSLMisuse> {
    if let problem = problems.first { return .failure(BodyTemplate.exampleProblem("\(what) \(problem)")) }
    var merged = rootRules
    var perItem: RuleList?
    var itemsAgree = true
    for (path, list) in rules.sorted(by: { $0.key < $1.key }) where path != "$" {
      guard let token = (try? DocPath(path))?.tokens, token.count == 1 else {
        return .failure(
          DSLMisuse(
            "\(what) has a matcher inside it (at \(path)); a \(what) is text or a list of text, so give one matcher "
              + "for the whole value, such as .regex(…) or .eachLike(.regex(…))"))
      }
      switch token[0] {
      case .anyIndex, .index:
        if let perItem, perItem != list { itemsAgree = false }
        perItem = perItem ?? list
      default:
        return .failure(
          DSLMisuse(
            "\(what) has a matcher inside it (at \(path)); a \(what) is text or a list of text, so give one matcher "
              + "for the whole value, such as .regex(…) or .eachLike(.regex(…))"))
      }
    }
    guard itemsAgree else {
      return .failure(
        DSLMisuse(
          "\(what) has different matchers for different values; Pact keeps one matcher list per \(what), so use "
            + "the same matcher for every value"))
    }
    if let perItem {
      merged = RuleList((merged?.rules ?? []) + perItem.rules, combine: merged?.combine ?? perItem.combine)
    }
    if generators.keys.contains(where: { $0 != "$" }) {
      return .failure(DSLMisuse("\(what) has a generator inside a list; put the generator on the whole value"))
    }
    return .success((merged, rootGenerator))
  }

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
      if !rules.isEmpty,
        let failure = ExampleCheck.failure(of: RuleList(rules, combine: combine), example: example.example)
      {
        problems.append("\(key): \(failure)")
      }
      if !rules.isEmpty {
        var list = self.rules[key] ?? RuleList([], combine: combine)
        list.rules += rules
        list.combine = combine
        self.rules[key] = list
      }
      if let generator { generators[key] = generator }
      compile(example, at: path)
    case .each(let item, let min, let max, let count):
      let key = DocPath(tokens: path).expression
      if let min, count < min { problems.append("\(key): the example has \(count) items but min is \(min)") }
      if let max, count > max { problems.append("\(key): the example has \(count) items but max is \(max)") }
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
