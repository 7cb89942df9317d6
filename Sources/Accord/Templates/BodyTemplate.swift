import AccordModel
import Foundation

/// A request, response or message body: JSON (the default, from a dictionary or array literal), text, a form, XML
/// or bytes, each with its rules.
///
/// ```swift
/// body: ["id": .integer(42)]                                   // JSON
/// body: .text(.regex("hello .*", example: "hello world"))
/// body: .form(["name": "Mary", "age": .integer(3)])
/// body: .xml("<user id=\"42\"/>", matching: ["$.user['@id']": .regex(#"\d+"#, example: "42")])
/// body: .binary(pngData, contentType: "image/png")
/// ```
public enum BodyTemplate: Sendable, ExpressibleByDictionaryLiteral, ExpressibleByArrayLiteral {
  case json(Template, contentType: String = "application/json")
  case text(Template, contentType: String = "text/plain")
  case form([String: Template])
  /// XML as written; rules by XML path (`$.root.child['@attribute']`, `$.root.child['#text']`).
  case xml(String, contentType: String = "application/xml", matching: [String: Template] = [:])
  /// Bytes; with `matchContentType`, any body of that content type matches, not only these bytes.
  case binary(Data, contentType: String, matchContentType: Bool = true)

  public init(dictionaryLiteral elements: (String, Template)...) {
    self = .json(.object(Dictionary(elements, uniquingKeysWith: { _, last in last })))
  }

  public init(arrayLiteral elements: Template...) {
    self = .json(.array(elements))
  }

  /// An example that does not satisfy its own matcher, as the DSL reports it.
  static func exampleProblem(_ problem: String) -> DSLMisuse {
    DSLMisuse("the example does not satisfy its own matcher (\(problem)); change the example or the matcher")
  }

  /// The body, its rules and generators (paths under `$`), as a contract holds them, and what the contract cannot
  /// hold: matchers or generators the body would lose, examples that do not satisfy their own matchers.
  func compileChecked() -> (
    body: Body, rules: [String: RuleList], generators: [String: Generator], problems: [DSLMisuse]
  ) {
    switch self {
    case .json(let template, let contentType):
      let compiled = CompiledTemplate(template)
      return (
        .json(compiled.example, contentType: ContentType(contentType) ?? .json), compiled.rules, compiled.generators,
        compiled.problems.map(Self.exampleProblem)
      )
    case .text(let template, let contentType):
      let compiled = CompiledTemplate(template)
      return (
        .text(compiled.example.plainText, contentType: ContentType(contentType)), compiled.rules, compiled.generators,
        compiled.problems.map(Self.exampleProblem)
      )
    case .form(let fields):
      var query = Query()
      var rules: [String: RuleList] = [:]
      var generators: [String: Generator] = [:]
      var problems: [DSLMisuse] = []
      for name in fields.keys.sorted() {
        let compiled = CompiledTemplate(fields[name]!, root: [.field(name)])
        problems += compiled.problems.map(Self.exampleProblem)
        if case .array(let values) = compiled.example {
          for value in values { query.add(name, value.plainText) }
        } else {
          query.add(name, compiled.example.plainText)
        }
        rules.merge(compiled.rules) { _, new in new }
        generators.merge(compiled.generators) { _, new in new }
      }
      return (.text(query.encoded, contentType: .formURLEncoded), rules, generators, problems)
    case .xml(let text, let contentType, let matching):
      var rules: [String: RuleList] = [:]
      var problems: [DSLMisuse] = []
      for (path, template) in matching.sorted(by: { $0.key < $1.key }) {
        let compiled = CompiledTemplate(template)
        if compiled.rules.keys.contains(where: { $0 != "$" }) {
          problems.append(
            DSLMisuse(
              "the XML matcher at \(path) has matchers inside it; give each XML path one matcher, such as "
                + "\"\(path)\": .regex(…)"))
        }
        if !compiled.generators.isEmpty {
          problems.append(
            DSLMisuse("the XML matcher at \(path) has a generator; generators are not applied to XML bodies"))
        }
        problems += compiled.problems.map(Self.exampleProblem)
        if let list = compiled.rootRules { rules[path] = list }
      }
      return (.text(text, contentType: ContentType(contentType) ?? .xml), rules, [:], problems)
    case .binary(let data, let contentType, let matchContentType):
      let rules = matchContentType ? ["$": RuleList([.contentType(contentType)])] : [:]
      return (Body(data: data, contentType: ContentType(contentType)), rules, [:], [])
    }
  }
}
