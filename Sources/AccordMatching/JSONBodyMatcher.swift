import AccordModel

/// Compares an expected JSON document with an actual one under body rules, collecting every mismatch.
///
/// Without rules, values must be equal, arrays must have the same items in the same order, and objects must have
/// the expected keys (requests: only those). Under a rule, arrays are matched item by item against the first
/// example item; `values`/`eachValue`/`eachKey` ignore an object's key names; `arrayContains` looks for each
/// variant anywhere in the array.
struct JSONBodyMatcher {
  let allowUnexpectedKeys: Bool
  private(set) var mismatches: [Mismatch] = []
  private var cursor: RuleCursor
  private var location: [PathSegment] = []

  init(rules: RuleIndex, allowUnexpectedKeys: Bool) {
    self.cursor = RuleCursor(rules)
    self.allowUnexpectedKeys = allowUnexpectedKeys
  }

  mutating func compare(_ expected: JSONValue, _ actual: JSONValue) {
    let selection = cursor.selection()
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
          record(
            "expected \(RuleEvaluator.describe(expected)) but got \(RuleEvaluator.describe(actual))", expected, actual)
        } else {
          record("expected \(expected.summary) but got \(actual.summary)", expected, actual)
        }
      }
    }
  }

  private mutating func descend(_ segment: PathSegment) {
    location.append(segment)
    cursor.descend(segment)
  }

  private mutating func ascend() {
    location.removeLast()
    cursor.ascend()
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

  private mutating func compareObjects(_ expected: JSONObject, _ actual: JSONObject, _ selection: RuleIndex.Selection?)
  {
    let direct = selection.flatMap { $0.cascaded ? nil : $0.list.rules } ?? []
    guard direct.contains(where: Self.ignoresKeys) else {
      // Both objects are sorted by key: walk them together.
      let expectedMembers = expected.members
      let actualMembers = actual.members
      var expectedPosition = 0
      var actualPosition = 0
      while expectedPosition < expectedMembers.count || actualPosition < actualMembers.count {
        if expectedPosition < expectedMembers.count, actualPosition < actualMembers.count,
          expectedMembers[expectedPosition].key == actualMembers[actualPosition].key
        {
          descend(.key(expectedMembers[expectedPosition].key))
          compare(expectedMembers[expectedPosition].value, actualMembers[actualPosition].value)
          ascend()
          expectedPosition += 1
          actualPosition += 1
        } else if actualPosition == actualMembers.count
          || (expectedPosition < expectedMembers.count
            && utf8Ordered(expectedMembers[expectedPosition].key, actualMembers[actualPosition].key))
        {
          let (key, value) = expectedMembers[expectedPosition]
          location.append(.key(key))
          record("expected \(RuleEvaluator.describe(value)) but the key is missing", value, nil)
          location.removeLast()
          expectedPosition += 1
        } else {
          if !allowUnexpectedKeys {
            location.append(.key(actualMembers[actualPosition].key))
            record(
              "unexpected key (the request must only contain keys the contract expects)", nil,
              actualMembers[actualPosition].value)
            location.removeLast()
          }
          actualPosition += 1
        }
      }
      return
    }

    for rule in direct {
      guard case .eachKey(let each) = rule else { continue }
      for (key, _) in actual {
        let example = JSONValue.string(each.value ?? expected.first?.key ?? key)
        location.append(.key(key))
        for failure in RuleEvaluator.failures(
          of: RuleList(each.rules), expected: example, actual: .string(key), cascaded: false)
        {
          record("key \(JSONValue.string(key)): \(failure)", example, .string(key))
        }
        location.removeLast()
      }
    }
    let injected = inject(direct, wildcard: .anyField)
    // `values` and `eachValue` compare every value with the example; `eachKey` alone says nothing about values, so
    // a key the example does not have is checked only by rules that apply to its value.
    let valuesByExample = direct.contains { rule in
      switch rule {
      case .values, .eachValue: return true
      default: return false
      }
    }
    for (key, value) in actual {
      let own = expected[key]
      guard let example = own ?? expected.first?.value else { continue }
      descend(.key(key))
      if own != nil || valuesByExample || cursor.selection() != nil { compare(example, value) }
      ascend()
    }
    if injected { cursor.removeInjected() }
  }

  private static func ignoresKeys(_ rule: MatchingRule) -> Bool {
    switch rule {
    case .values, .eachKey, .eachValue: return true
    default: return false
    }
  }

  private mutating func compareArrays(_ expected: [JSONValue], _ actual: [JSONValue], _ selection: RuleIndex.Selection?)
  {
    let direct = selection.flatMap { $0.cascaded ? nil : $0.list.rules } ?? []
    for rule in direct {
      if case .arrayContains(let variants) = rule { return matchVariants(variants, expected, actual) }
    }
    let byTemplate = selection.map { $0.list.rules.contains { $0 != .equality } } ?? false
    if byTemplate {
      guard let template = expected.first else { return }
      let injected = inject(direct, wildcard: .anyIndex)
      if cursor.treatsIndicesAlike() {
        // Every item gets the same rules: descend once, and only the reported location changes.
        cursor.descend(.index(0))
        for (index, item) in actual.enumerated() {
          location.append(.index(index))
          compare(template, item)
          location.removeLast()
        }
        cursor.ascend()
      } else {
        for (index, item) in actual.enumerated() {
          descend(.index(index))
          compare(template, item)
          ascend()
        }
      }
      if injected { cursor.removeInjected() }
      return
    }

    if expected.isEmpty, !actual.isEmpty {
      record("expected an empty array but got \(JSONValue.array(actual).summary)", .array(expected), .array(actual))
      return
    }
    for index in 0..<min(expected.count, actual.count) {
      descend(.index(index))
      compare(expected[index], actual[index])
      ascend()
    }
    if expected.count != actual.count {
      record(
        "expected \(expected.count) item\(expected.count == 1 ? "" : "s") but got \(actual.count)",
        .array(expected), .array(actual))
    }
  }

  /// `eachValue` rules apply to every member or item: injected as a rule at `location[*]`.
  private mutating func inject(_ direct: [MatchingRule], wildcard: DocPath.Token) -> Bool {
    let rules = direct.flatMap { rule -> [MatchingRule] in
      if case .eachValue(let each) = rule { return each.rules }
      return []
    }
    guard !rules.isEmpty else { return false }
    cursor.inject(RuleList(rules), wildcard: wildcard, location: location)
    return true
  }

  private mutating func matchVariants(
    _ variants: [ArrayContainsVariant], _ expected: [JSONValue], _ actual: [JSONValue]
  ) {
    let candidates = variants.isEmpty ? expected.indices.map { ArrayContainsVariant(index: $0) } : variants
    for variant in candidates {
      guard variant.index < expected.count else {
        record("arrayContains variant \(variant.index) has no example item in the contract", nil, .array(actual))
        continue
      }
      let example = expected[variant.index]
      let variantRules = RuleIndex(variant.rules)
      let found = actual.contains { item in
        var matcher = JSONBodyMatcher(rules: variantRules, allowUnexpectedKeys: allowUnexpectedKeys)
        matcher.compare(example, item)
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
