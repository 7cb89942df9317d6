import AccordModel

/// A value in a contract: an example, optionally with matching rules and a generator, nested like JSON.
///
/// Literals are examples matched by equality; the static members add rules. A template compiles to the example
/// the mock server sends and the rules the provider is verified against.
///
/// ```swift
/// let user: Template = [
///   "id": .integer(42),                              // any integer
///   "name": .like("Alice"),                          // any string
///   "email": .regex(#"[^@]+@[^@]+"#, example: "alice@example.com"),
///   "roles": .eachLike("admin", min: 1),             // an array of one or more strings
///   "manager": nil,                                  // exactly null
/// ]
/// ```
public indirect enum Template: Sendable, Hashable {
  /// A literal value, matched by equality.
  case value(JSONValue)
  case object([String: Template])
  case array([Template])
  /// An example with rules at its path (combined with AND or OR) and an optional generator.
  case matching(Template, rules: [MatchingRule], combine: RuleLogic = .and, generator: Generator? = nil)
  /// `count` copies of an example item, matched item by item with `min`/`max` items.
  case each(Template, min: Int?, max: Int?, count: Int)
  /// An array that must contain items like each variant, in any order.
  case containing([Template])
}

extension Template: ExpressibleByStringLiteral, ExpressibleByStringInterpolation, ExpressibleByIntegerLiteral,
  ExpressibleByFloatLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByNilLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
  public init(stringLiteral value: String) { self = .value(.string(value)) }
  public init(integerLiteral value: Int) { self = .value(.int(value)) }
  public init(floatLiteral value: Double) { self = .value(.double(value)) }
  public init(booleanLiteral value: Bool) { self = .value(.bool(value)) }
  public init(nilLiteral: ()) { self = .value(.null) }
  public init(arrayLiteral elements: Template...) { self = .array(elements) }
  public init(dictionaryLiteral elements: (String, Template)...) {
    self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
  }
}

extension Template {
  /// The example value, with every matcher replaced by its example.
  public var example: JSONValue {
    switch self {
    case .value(let value): return value
    case .object(let members): return .object(JSONObject(members.mapValues(\.example)))
    case .array(let items): return .array(items.map(\.example))
    case .matching(let example, _, _, _): return example.example
    case .each(let item, _, _, let count): return .array(Array(repeating: item.example, count: count))
    case .containing(let variants): return .array(variants.map(\.example))
    }
  }

  /// Whether the template or anything in it carries a rule or generator.
  public var hasRules: Bool {
    switch self {
    case .value: return false
    case .object(let members): return members.values.contains(where: \.hasRules)
    case .array(let items): return items.contains(where: \.hasRules)
    case .matching, .each, .containing: return true
    }
  }
}
