/// One matcher from the Pact specification (V2–V4), as data. Evaluation lives in `AccordMatching`.
///
/// ```swift
/// let rule = MatchingRule.regex(#"^\d{5}$"#)
/// let list = RuleList([.type(min: 1, max: nil)])
/// ```
public indirect enum MatchingRule: Sendable, Hashable {
  /// Values must be equal. Resets cascading type rules below it.
  case equality
  /// A string (or the text of a number or boolean) must match the regular expression as a whole.
  case regex(String)
  /// Same JSON type as the example; for arrays, `min` and `max` bound the number of items.
  case type(min: Int? = nil, max: Int? = nil)
  /// The value's text must contain the substring.
  case include(String)
  case integer
  case decimal
  case number
  /// `true`/`false`, or the strings "true"/"false".
  case boolean
  case null
  /// A date, time or date-time in a Java-style pattern such as `yyyy-MM-dd'T'HH:mm:ssZ`; `nil` means ISO 8601.
  case date(format: String?)
  case time(format: String?)
  case dateTime(format: String?)
  /// The body's detected content type must be this one (for binary bodies).
  case contentType(String)
  /// The map's keys are ignored: each actual value is matched against the example's values.
  case values
  /// An array must contain an item matching each variant, in any order.
  case arrayContains([ArrayContainsVariant])
  /// The response status must be in this class or list.
  case statusCode(HTTPStatusClass)
  /// Same type as the example and not empty.
  case notEmpty
  /// A semantic version such as `1.2.3-beta.1`.
  case semver
  /// Every key of a map must match these rules.
  case eachKey(EachRule)
  /// Every value of a map or array must match these rules.
  case eachValue(EachRule)
  /// A matcher this version does not know. Kept so that nothing in a contract is lost; it never matches.
  case unknown(name: String, attributes: [String: JSONValue])

  /// The name used in Pact files (`"match": "…"`).
  public var name: String {
    switch self {
    case .equality: return "equality"
    case .regex: return "regex"
    case .type: return "type"
    case .include: return "include"
    case .integer: return "integer"
    case .decimal: return "decimal"
    case .number: return "number"
    case .boolean: return "boolean"
    case .null: return "null"
    case .date: return "date"
    case .time: return "time"
    case .dateTime: return "datetime"
    case .contentType: return "contentType"
    case .values: return "values"
    case .arrayContains: return "arrayContains"
    case .statusCode: return "statusCode"
    case .notEmpty: return "notEmpty"
    case .semver: return "semver"
    case .eachKey: return "eachKey"
    case .eachValue: return "eachValue"
    case .unknown(let name, _): return name
    }
  }

  /// Whether the rule also applies below the path it is defined at. `values`, `eachKey`, `eachValue` and
  /// `arrayContains` shape one collection and do not cascade.
  public var cascades: Bool {
    switch self {
    case .values, .eachKey, .eachValue, .arrayContains: return false
    default: return true
    }
  }
}

/// One expected item of an `arrayContains` rule: the example at `index` with its own rules and generators.
public struct ArrayContainsVariant: Sendable, Hashable {
  public var index: Int
  /// Body rules for the item, with paths relative to the item (`$`, `$.id`).
  public var rules: [String: RuleList]
  public var generators: [String: Generator]

  public init(index: Int, rules: [String: RuleList] = [:], generators: [String: Generator] = [:]) {
    self.index = index
    self.rules = rules
    self.generators = generators
  }
}

/// The rules of an `eachKey` or `eachValue` matcher, with the example value it was written with.
public struct EachRule: Sendable, Hashable {
  public var rules: [MatchingRule]
  public var value: String?

  public init(rules: [MatchingRule], value: String? = nil) {
    self.rules = rules
    self.value = value
  }
}

/// How the rules of one path combine.
public enum RuleLogic: String, Sendable, Hashable {
  case and = "AND"
  case or = "OR"
}

/// The rules defined at one path, combined with AND (all must match) or OR (one must match).
public struct RuleList: Sendable, Hashable {
  public var rules: [MatchingRule]
  public var combine: RuleLogic

  public init(_ rules: [MatchingRule], combine: RuleLogic = .and) {
    self.rules = rules
    self.combine = combine
  }
}
