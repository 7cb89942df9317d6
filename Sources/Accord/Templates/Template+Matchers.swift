import AccordModel

/// Matchers: an example plus what any actual value must satisfy.
extension Template {
  /// Any value of the example's JSON type (for arrays and objects, recursively).
  public static func like(_ example: Template) -> Template { .matching(example, rules: [.type()]) }

  /// Any integer.
  public static func integer(_ example: Int = 1) -> Template { .matching(.value(.int(example)), rules: [.integer]) }

  /// Any number with a fractional part, such as `4.5`.
  public static func decimal(_ example: Double = 1.5) -> Template {
    .matching(.value(.double(example)), rules: [.decimal])
  }

  /// Any number.
  public static func number(_ example: Double = 1) -> Template { .matching(.value(.double(example)), rules: [.number]) }

  /// Any boolean.
  public static func boolean(_ example: Bool = true) -> Template {
    .matching(.value(.bool(example)), rules: [.boolean])
  }

  /// Any string.
  public static func string(_ example: String = "string") -> Template { .like(.value(.string(example))) }

  /// A string matching the regular expression as a whole (Java syntax, as in Pact).
  public static func regex(_ pattern: String, example: String) -> Template {
    .matching(.value(.string(example)), rules: [.regex(pattern)])
  }

  /// A string containing `substring`.
  public static func includes(_ substring: String, example: String? = nil) -> Template {
    .matching(.value(.string(example ?? substring)), rules: [.include(substring)])
  }

  /// A date in a Java-style pattern (`yyyy-MM-dd` by default).
  public static func date(_ format: String = "yyyy-MM-dd", example: String) -> Template {
    .matching(.value(.string(example)), rules: [.date(format: format)])
  }

  /// A time in a Java-style pattern (`HH:mm:ss` by default).
  public static func time(_ format: String = "HH:mm:ss", example: String) -> Template {
    .matching(.value(.string(example)), rules: [.time(format: format)])
  }

  /// A date and time in a Java-style pattern, such as `yyyy-MM-dd'T'HH:mm:ssXXX`.
  public static func datetime(_ format: String = "yyyy-MM-dd'T'HH:mm:ssXXX", example: String) -> Template {
    .matching(.value(.string(example)), rules: [.dateTime(format: format)])
  }

  /// Exactly null.
  public static var null: Template { .matching(.value(.null), rules: [.null]) }

  /// Exactly this value, even inside a `like` or `eachLike` (equality stops type matching from cascading).
  public static func equal(to example: Template) -> Template { .matching(example, rules: [.equality]) }

  /// An array of items like `example`: at least `min` (1 by default), at most `max`. The contract's example has
  /// `count` items (`min`, or 1).
  public static func eachLike(_ example: Template, min: Int = 1, max: Int? = nil, count: Int? = nil) -> Template {
    .each(example, min: min, max: max, count: Swift.max(count ?? min, 1))
  }

  /// An array containing an item like each variant, in any order, among any other items.
  public static func arrayContaining(_ variants: Template...) -> Template { .containing(variants) }

  /// A value of the example's type that is not empty (not `""`, `[]`, `{}` or null).
  public static func notEmpty(_ example: Template) -> Template { .matching(example, rules: [.notEmpty]) }

  /// A semantic version such as `1.2.3`.
  public static func semver(_ example: String = "1.0.0") -> Template {
    .matching(.value(.string(example)), rules: [.semver])
  }

  /// A UUID (any case, hyphenated); the provider's value is free, the mock server sends a fresh one.
  public static func uuid(_ example: String = "936da01f-9abd-4d9d-80c7-02af85c822a8") -> Template {
    .matching(
      .value(.string(example)),
      rules: [.regex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")],
      generator: .uuid(format: .lowerCaseHyphenated))
  }

  /// An object whose keys are free: each value is matched against the example's values.
  public static func values(_ example: [String: Template]) -> Template { .matching(.object(example), rules: [.values]) }

  /// An object whose every key matches `key` (a template with rules, such as `.regex`) and every value is like
  /// the example's.
  public static func eachKey(_ key: Template, example: [String: Template]) -> Template {
    let keyRules = key.rootRules
    return .matching(.object(example), rules: [.eachKey(EachRule(rules: keyRules, value: key.example.plainText))])
  }

  /// An object or array whose every value is like `value` (a template with rules).
  public static func eachValue(_ value: Template, example: Template) -> Template {
    .matching(example, rules: [.eachValue(EachRule(rules: value.rootRules, value: value.example.plainText))])
  }

  /// The example must satisfy one of `rules` (OR).
  public static func oneOf(_ example: Template, rules: [MatchingRule]) -> Template {
    .matching(example, rules: rules, combine: .or)
  }

  /// The rules a template puts at its own path (for `eachKey`/`eachValue`, which take rules, not templates).
  var rootRules: [MatchingRule] {
    switch self {
    case .matching(_, let rules, _, _): return rules
    case .each(_, let min, let max, _): return [.type(min: min, max: max)]
    default: return [.equality]
    }
  }
}
