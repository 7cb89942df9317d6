import AccordModel

/// Compares query strings: every expected parameter with its values in order, no unexpected parameters.
/// Under specification V1 the query is compared as text, pair by pair.
struct QueryMatcher: Sendable {
  let expected: Query
  let rules: [String: RuleList]
  let specification: PactSpecification

  func mismatches(_ actual: Query) -> [Mismatch] {
    if specification == .v1 {
      guard expected.pairs != actual.pairs else { return [] }
      let expectedText = expected.pairs.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
      let actualText = actual.pairs.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
      return [
        Mismatch(
          kind: .query, path: "", expected: expectedText, actual: actualText,
          message: "expected the query \"\(expectedText)\" but got \"\(actualText)\"")
      ]
    }
    var mismatches: [Mismatch] = []
    for (name, expectedValues) in expected.parameters {
      let shown = JSONValue.array(expectedValues.map(JSONValue.string))
      guard let actualValues = actual[name] else {
        mismatches.append(
          Mismatch(
            kind: .query, path: name, expected: expectedValues.joined(separator: ","),
            message: "expected \(shown) but the parameter is missing"))
        continue
      }
      let actualShown = JSONValue.array(actualValues.map(JSONValue.string))
      if let list = rules[name] {
        for value in actualValues {
          for failure in RuleEvaluator.failures(
            of: list, expected: .string(expectedValues.first ?? ""), actual: .string(value), cascaded: false,
            fromText: true)
          {
            mismatches.append(
              Mismatch(
                kind: .query, path: name, expected: expectedValues.joined(separator: ","), actual: value,
                message: failure))
          }
        }
        if case .type(let min, let max) = list.rules.first {
          if let min, actualValues.count < min {
            mismatches.append(
              Mismatch(
                kind: .query, path: name, message: "expected at least \(min) values but got \(actualValues.count)"))
          }
          if let max, actualValues.count > max {
            mismatches.append(
              Mismatch(
                kind: .query, path: name, message: "expected at most \(max) values but got \(actualValues.count)"))
          }
        }
      } else if expectedValues != actualValues {
        mismatches.append(
          Mismatch(
            kind: .query, path: name, expected: expectedValues.joined(separator: ","),
            actual: actualValues.joined(separator: ","), message: "expected \(shown) but got \(actualShown)"))
      }
    }
    for (name, values) in actual.parameters where expected[name] == nil {
      mismatches.append(
        Mismatch(
          kind: .query, path: name, actual: values.joined(separator: ","),
          message:
            "unexpected parameter with value \(JSONValue.array(values.map(JSONValue.string))); the contract does not expect it"
        ))
    }
    return mismatches
  }
}
