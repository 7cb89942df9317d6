import AccordMatching
import AccordModel
import Foundation

/// Issue 2: matching a 1 MB JSON body of 10,000 items under an `eachLike`-style rule with nested rules.
enum MatchingBenchmarks {
  static func largeBody() -> Benchmark {
    let example: JSONValue = [
      "items": [
        [
          "id": 1, "sku": "AB-12345", "name": "Widget", "price": 9.99, "inStock": true, "size": ["w": 10, "h": 20],
        ]
      ]
    ]
    let rules: [String: RuleList] = [
      "$.items": RuleList([.type(min: 1)]),
      "$.items[*].id": RuleList([.integer]),
      "$.items[*].sku": RuleList([.regex(#"^[A-Z]{2}-\d{5}$"#)]),
      "$.items[*].name": RuleList([.type()]),
      "$.items[*].price": RuleList([.decimal]),
      "$.items[*].inStock": RuleList([.boolean]),
      "$.items[*].size.*": RuleList([.integer]),
    ]
    let expected = PactResponse(
      status: 200, headers: ["Content-Type": "application/json"], body: .json(example),
      matchingRules: MatchingRules([.body: rules]))
    let items = (0..<10_000).map { index -> JSONValue in
      [
        "id": .int(index), "sku": .string(String(format: "ZX-%05d", index)), "name": .string("Item \(index)"),
        "price": .double(Double(index % 1000) + 0.25), "inStock": .bool(index % 2 == 0),
        "size": ["w": .int(index % 97), "h": .int(index % 89)],
      ]
    }
    let actualData = JSONValue.object(["items": .array(items)]).data()
    let matcher = ResponseMatcher(expected: expected)
    let actual = PactResponse(status: 200, headers: ["Content-Type": "application/json"], body: Body(data: actualData))
    let mismatches = matcher.mismatches(for: actual)
    precondition(mismatches.isEmpty, "the benchmark body should match: \(mismatches.prefix(3))")
    let megabytes = String(format: "%.2f", Double(actualData.count) / 1_048_576)
    return Benchmark(
      name: "match-json-1mb",
      summary: "parse and match a \(megabytes) MiB body: 10,000 items under eachLike, nested regex/integer rules",
      goal: Goal(value: 20, unit: .milliseconds)
    ) {
      try await Sampler.median {
        let result = matcher.mismatches(for: actual)
        if !result.isEmpty { throw BenchmarkFailure(message: "unexpected mismatches: \(result.prefix(3))") }
      }
    }
  }
}
