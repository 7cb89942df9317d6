import AccordMatching
import AccordModel

/// Mismatch descriptions for a JSON response body under body rules.
func responseBodyMismatches(
  _ expected: JSONValue, _ actual: JSONValue, rules: [String: RuleList] = [:]
) -> [String] {
  let expectedResponse = PactResponse(status: 200, body: .json(expected), matchingRules: MatchingRules([.body: rules]))
  return ResponseMatcher(expected: expectedResponse).mismatches(for: PactResponse(status: 200, body: .json(actual)))
    .map(\.description)
}

/// Mismatch descriptions for a JSON request body under body rules (unexpected keys not allowed).
func requestBodyMismatches(
  _ expected: JSONValue, _ actual: JSONValue, rules: [String: RuleList] = [:]
) -> [String] {
  let expectedRequest = PactRequest(
    method: "POST", path: "/", body: .json(expected), matchingRules: MatchingRules([.body: rules]))
  return RequestMatcher(expected: expectedRequest).mismatches(
    for: PactRequest(method: "POST", path: "/", body: .json(actual))
  )
  .map(\.description)
}

/// Mismatch descriptions for one value under one rule list at `$.v`.
func valueMismatches(_ list: RuleList, expected: JSONValue, actual: JSONValue) -> [String] {
  responseBodyMismatches(["v": expected], ["v": actual], rules: ["$.v": list])
}
