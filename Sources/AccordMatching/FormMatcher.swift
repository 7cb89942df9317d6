import AccordModel

/// Compares `application/x-www-form-urlencoded` bodies: like a query, with body rules at `$.name`.
struct FormMatcher {
  let rules: RuleIndex
  let allowUnexpectedKeys: Bool

  func mismatches(_ expected: Query, _ actual: Query) -> [Mismatch] {
    var mismatches: [Mismatch] = []
    for (name, expectedValues) in expected.parameters {
      let path: [PathSegment] = [.key(name)]
      guard let actualValues = actual[name] else {
        mismatches.append(
          Mismatch(
            kind: .body, path: path.jsonPath, expected: expectedValues.joined(separator: ","),
            message: "expected form field \"\(name)\" but it is missing"))
        continue
      }
      if let selection = rules.select(path) ?? rules.select(path + [.index(0)]) {
        for (index, value) in actualValues.enumerated() {
          let itemPath = path + [.index(index)]
          let itemSelection = rules.select(itemPath) ?? selection
          for failure in RuleEvaluator.failures(
            of: itemSelection.list, expected: .string(expectedValues.first ?? ""), actual: .string(value),
            cascaded: false, fromText: true)
          {
            mismatches.append(Mismatch(kind: .body, path: itemPath.jsonPath, actual: value, message: failure))
          }
        }
      } else if expectedValues != actualValues {
        mismatches.append(
          Mismatch(
            kind: .body, path: path.jsonPath, expected: expectedValues.joined(separator: ","),
            actual: actualValues.joined(separator: ","),
            message:
              "expected \(JSONValue.array(expectedValues.map(JSONValue.string))) but got \(JSONValue.array(actualValues.map(JSONValue.string)))"
          ))
      }
    }
    if !allowUnexpectedKeys {
      for (name, values) in actual.parameters where expected[name] == nil {
        mismatches.append(
          Mismatch(
            kind: .body, path: [PathSegment.key(name)].jsonPath, actual: values.joined(separator: ","),
            message: "unexpected form field \"\(name)\""))
      }
    }
    return mismatches
  }
}
