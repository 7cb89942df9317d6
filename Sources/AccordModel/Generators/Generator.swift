/// A generator from the Pact specification: replaces an example value with a fresh one when a request is replayed
/// or a response is served.
///
/// ```swift
/// var generators = Generators()
/// generators[.body, "$.id"] = .randomInt(min: 1, max: 1000)
/// generators[.path, "$"] = .providerState(expression: "/users/${id}", dataType: nil)
/// ```
public enum Generator: Sendable, Hashable {
  case randomInt(min: Int, max: Int)
  case randomDecimal(digits: Int)
  case randomHexadecimal(digits: Int)
  case randomString(size: Int)
  /// A string matching the regular expression.
  case regex(String)
  case uuid(format: UUIDFormat)
  /// A date, time or date-time in a Java-style pattern, optionally moved by an expression like `today + 1 day`.
  case date(format: String?, expression: String?)
  case time(format: String?, expression: String?)
  case dateTime(format: String?, expression: String?)
  case randomBoolean
  /// A value built from provider-state parameters: `/users/${id}`.
  case providerState(expression: String, dataType: GeneratorDataType?)
  /// The example URL rewritten to point at the mock server: the part the regex's first group captures is kept.
  case mockServerURL(example: String, regex: String)
  /// A generator this version does not know; kept so that nothing in a contract is lost, never applied.
  case unknown(type: String, attributes: [String: JSONValue])

  /// The name used in Pact files (`"type": "…"`).
  public var typeName: String {
    switch self {
    case .randomInt: return "RandomInt"
    case .randomDecimal: return "RandomDecimal"
    case .randomHexadecimal: return "RandomHexadecimal"
    case .randomString: return "RandomString"
    case .regex: return "Regex"
    case .uuid: return "Uuid"
    case .date: return "Date"
    case .time: return "Time"
    case .dateTime: return "DateTime"
    case .randomBoolean: return "RandomBoolean"
    case .providerState: return "ProviderState"
    case .mockServerURL: return "MockServerURL"
    case .unknown(let type, _): return type
    }
  }
}

/// How a UUID generator writes its value.
public enum UUIDFormat: String, Sendable, Hashable, CaseIterable {
  /// `936da01f9abd4d9d80c702af85c822a8`
  case simple
  /// `936da01f-9abd-4d9d-80c7-02af85c822a8`
  case lowerCaseHyphenated = "lower-case-hyphenated"
  /// `936DA01F-9ABD-4D9D-80C7-02AF85C822A8`
  case upperCaseHyphenated = "upper-case-hyphenated"
  /// `urn:uuid:936da01f-9abd-4d9d-80c7-02af85c822a8`
  case urn = "URN"
}

/// The JSON type a provider-state value is converted to.
public enum GeneratorDataType: String, Sendable, Hashable, CaseIterable {
  case string = "STRING"
  case integer = "INTEGER"
  case decimal = "DECIMAL"
  case float = "FLOAT"
  case boolean = "BOOLEAN"
  case raw = "RAW"
}

/// All generators of one request, response or message, keyed like ``MatchingRules``.
public struct Generators: Sendable, Hashable {
  public var categories: [RuleCategory: [String: Generator]]

  public init(_ categories: [RuleCategory: [String: Generator]] = [:]) {
    self.categories = categories.filter { !$0.value.isEmpty }
  }

  public var isEmpty: Bool { categories.values.allSatisfy(\.isEmpty) }

  public subscript(category: RuleCategory) -> [String: Generator] {
    get { categories[category] ?? [:] }
    set { categories[category] = newValue.isEmpty ? nil : newValue }
  }

  public subscript(category: RuleCategory, key: String) -> Generator? {
    get { categories[category]?[key] }
    set {
      categories[category, default: [:]][key] = newValue
      if categories[category]?.isEmpty == true { categories[category] = nil }
    }
  }
}
