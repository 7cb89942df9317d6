/// The part of a request, response or message a rule or generator applies to.
public enum RuleCategory: String, Sendable, Hashable, CaseIterable {
  case method
  case path
  case query
  case header
  case body
  case status
  case metadata

  // Hash the case, not the raw string: categories are looked up for every part of every interaction.
  public func hash(into hasher: inout Hasher) {
    let ordinal: Int
    switch self {
    case .method: ordinal = 0
    case .path: ordinal = 1
    case .query: ordinal = 2
    case .header: ordinal = 3
    case .body: ordinal = 4
    case .status: ordinal = 5
    case .metadata: ordinal = 6
    }
    hasher.combine(ordinal)
  }
}

/// All matching rules of one request, response or message, by category.
///
/// Body and metadata rules are keyed by path expression (`$.items[*].id`); header and query rules by name;
/// path and status rules by `$`.
///
/// ```swift
/// var rules = MatchingRules()
/// rules[.body, "$.id"] = RuleList([.integer])
/// rules[.header, "Location"] = RuleList([.regex("^/users/\\d+$")])
/// ```
public struct MatchingRules: Sendable, Hashable {
  public var categories: [RuleCategory: [String: RuleList]]

  public init(_ categories: [RuleCategory: [String: RuleList]] = [:]) {
    self.categories = categories.filter { !$0.value.isEmpty }
  }

  public var isEmpty: Bool { categories.values.allSatisfy(\.isEmpty) }

  public subscript(category: RuleCategory) -> [String: RuleList] {
    get { categories[category] ?? [:] }
    set { categories[category] = newValue.isEmpty ? nil : newValue }
  }

  public subscript(category: RuleCategory, key: String) -> RuleList? {
    get { categories[category]?[key] }
    set {
      categories[category, default: [:]][key] = newValue
      if categories[category]?.isEmpty == true { categories[category] = nil }
    }
  }

  /// Adds a rule to the list at `key`, creating the list if needed.
  public mutating func add(_ rule: MatchingRule, to category: RuleCategory, at key: String, combine: RuleLogic = .and) {
    categories[category, default: [:]][key, default: RuleList([], combine: combine)].rules.append(rule)
  }

  /// The rules of one category whose key matches `name` without regard to case (for headers).
  public func rule(for category: RuleCategory, caseInsensitiveName name: String) -> RuleList? {
    guard let entries = categories[category] else { return nil }
    if let exact = entries[name] { return exact }
    let lowered = name.lowercased()
    return entries.first { $0.key.lowercased() == lowered }?.value
  }
}
