import AccordModel

/// Compares an expected JSON document with an actual one under body rules, collecting every mismatch.
///
/// Without rules, values must be equal, arrays must have the same items in the same order, and objects must have
/// the expected keys (requests: only those). Under a rule, arrays are matched item by item against the first
/// example item; `values`/`eachValue`/`eachKey` ignore an object's key names; `arrayContains` looks for each
/// variant anywhere in the array.
struct JSONBodyMatcher {
  let rules: RuleIndex
  let allowUnexpectedKeys: Bool
  private(set) var mismatches: [Mismatch] = []
  private var location: [PathSegment] = []
  private var injected: [RuleIndex.Entry] = []

  init(rules: RuleIndex, allowUnexpectedKeys: Bool, location: [PathSegment] = []) {
    self.rules = rules
    self.allowUnexpectedKeys = allowUnexpectedKeys
    self.location = location
  }

  mutating func compare(_ expected: JSONValue, _ actual: JSONValue) {
    let selection = rules.select(location, extra: injected)
    switch (expected, actual) {
    case (.object(let expectedMembers), .object(let actualMembers)):
      if let selection { checkContainer(selection, expected, actual) }
      compareObjects(expectedMembers, actualMembers, selection)
    case (.array(let expectedItems), .array(let actualItems)):
      if let selection { checkContainer(selection, expected, actual) }
      compareArrays(expectedItems, actualItems, selection)
    default:
      if let selection {
        for failure in RuleEvaluator.failures(
          of: selection.list, expected: expected, actual: actual, cascaded: selection.cascaded)
        {
          record(failure, expected, actual)
        }
      } else if !RuleEvaluator.valuesEqual(expected, actual) {
        if expected.hasSameType(as: actual) {
          record("expected \(RuleEvaluator.describe(expected)) but got \(RuleEvaluator.describe(actual))", expected, actual)
        } else {
          record("expected \(expected.summary) but got \(actual.summary)", expected, actual)
        }
      }
    }
  }

  /// Rules that say something about the container itself: sizes, emptiness, null.
  private mutating func checkContainer(_ selection: RuleIndex.Selection, _ expected: JSONValue, _ actual: JSONValue) {
    var failures: [String] = []
    var anyPassed = false
    for rule in selection.list.rules {
      let failure: String?
      switch rule {
      case .type, .notEmpty, .null, .unknown, .arrayContains, .eachKey, .eachValue:
        failure = RuleEvaluator.failure(of: rule, expected: expected, actual: actual, cascaded: selection.cascaded)
      default:
        // Value rules (regex, integer, date, …) on a container apply to the values inside it.
        failure = nil
      }
      if let failure { failures.append(failure) } else { anyPassed = true }
    }
    if selection.list.combine == .or, anyPassed { return }
    if selection.list.combine == .or, failures.count > 1 { failures = [failures.joined(separator: ", or ")] }
    for failure in failures { record(failure, expected, actual) }
  }

  private mutating func compareObjects(
    _ expected: [String: JSONValue], _ actual: [String: JSONValue], _ selection: RuleIndex.Selection?
  ) {
    let direct = selection.flatMap { $0.cascaded ? nil : $0.list.rules } ?? []
    let eachKey = direct.compactMap { if case .eachKey(let each) = $0 { return each } else { return nil } }
    let eachValue = direct.compactMap { if case .eachValue(let each) = $0 { return each } else { return nil } }
    let ignoresKeys = !eachKey.isEmpty || !eachValue.isEmpty || direct.contains(.values)

    guard ignoresKeys else {
      for key in expected.keys.sorted(by: utf8Ordered) {
        location.append(.key(key))
        if let actualValue = actual[key] {
          compare(expected[key]!, actualValue)
        } else {
          record("expected \(RuleEvaluator.describe(expected[key]!)) but the key is missing", expected[key]!, nil)
        }
        location.removeLast()
      }
      if !allowUnexpectedKeys {
        for key in actual.keys.sorted(by: utf8Ordered) where expected[key] == nil {
          location.append(.key(key))
          record("unexpected key (the request must only contain keys the contract expects)", nil, actual[key]!)
          location.removeLast()
        }
      }
      return
    }

    let template = expected.keys.sorted(by: utf8Ordered).first.map { expected[$0]! }
    for each in eachKey {
      for key in actual.keys.sorted(by: utf8Ordered) {
        let example = JSONValue.string(each.value ?? expected.keys.first ?? key)
        location.append(.key(key))
        for failure in RuleEvaluator.failures(
          of: RuleList(each.rules), expected: example, actual: .string(key), cascaded: false)
        {
          record("key \(JSONValue.string(key)): \(failure)", example, .string(key))
        }
        location.removeLast()
      }
    }
    let pushed = pushEachValue(eachValue, wildcard: .anyField)
    for key in actual.keys.sorted(by: utf8Ordered) {
      guard let example = expected[key] ?? template else { continue }
      location.append(.key(key))
      compare(example, actual[key]!)
      location.removeLast()
    }
    if pushed { injected.removeLast() }
  }

  private mutating func compareArrays(
    _ expected: [JSONValue], _ actual: [JSONValue], _ selection: RuleIndex.Selection?
  ) {
    let direct = selection.flatMap { $0.cascaded ? nil : $0.list.rules } ?? []
    for rule in direct {
      if case .arrayContains(let variants) = rule {
        return matchVariants(variants, expected, actual)
      }
    }
    let eachValue = direct.compactMap { if case .eachValue(let each) = $0 { return each } else { return nil } }
    let byTemplate = selection.map { $0.list.rules.contains { $0 != .equality } } ?? false

    if byTemplate {
      guard let template = expected.first else { return }
      let pushed = pushEachValue(eachValue, wildcard: .anyIndex)
      for (index, item) in actual.enumerated() {
        location.append(.index(index))
        compare(template, item)
        location.removeLast()
      }
      if pushed { injected.removeLast() }
      return
    }

    if expected.isEmpty, !actual.isEmpty {
      record("expected an empty array but got \(JSONValue.array(actual).summary)", .array(expected), .array(actual))
      return
    }
    for index in 0..<min(expected.count, actual.count) {
      location.append(.index(index))
      compare(expected[index], actual[index])
      location.removeLast()
    }
    if expected.count != actual.count {
      record(
        "expected \(expected.count) item\(expected.count == 1 ? "" : "s") but got \(actual.count)",
        .array(expected), .array(actual))
    }
  }

  /// `eachValue` rules apply to every member or item: injected as a rule at `location[*]`.
  private mutating func pushEachValue(_ eachValue: [EachRule], wildcard: DocPath.Token) -> Bool {
    guard !eachValue.isEmpty else { return false }
    let tokens: [DocPath.Token] = location.map { segment in
      switch segment {
      case .key(let key): return .field(key)
      case .index(let index): return .index(index)
      }
    }
    let list = RuleList(eachValue.flatMap(\.rules))
    injected.append(RuleIndex.Entry(path: DocPath(tokens: tokens + [wildcard]), list: list))
    return true
  }

  private mutating func matchVariants(_ variants: [ArrayContainsVariant], _ expected: [JSONValue], _ actual: [JSONValue]) {
    let candidates = variants.isEmpty ? expected.indices.map { ArrayContainsVariant(index: $0) } : variants
    for variant in candidates {
      guard variant.index < expected.count else {
        record("arrayContains variant \(variant.index) has no example item in the contract", nil, .array(actual))
        continue
      }
      let example = expected[variant.index]
      let variantRules = RuleIndex(variant.rules)
      let found = actual.indices.contains { index in
        var matcher = JSONBodyMatcher(rules: variantRules, allowUnexpectedKeys: allowUnexpectedKeys)
        matcher.compare(example, actual[index])
        return matcher.mismatches.isEmpty
      }
      if !found {
        record(
          "expected an item matching \(example.serialized().truncatedForMessage) (variant \(variant.index)) but no item did",
          example, .array(actual))
      }
    }
  }

  private mutating func record(_ message: String, _ expected: JSONValue?, _ actual: JSONValue?) {
    mismatches.append(
      Mismatch(
        kind: .body, path: location.jsonPath, expected: expected?.serialized(), actual: actual?.serialized(),
        message: message))
  }
}
