import AccordFixtures
import AccordMatching
import AccordModel
import Foundation
import Testing

/// Runs every matching case of the Pact specification (v1, v1.1, v2, v3; request, response and message) through
/// the engine and checks its `match` value.
@Suite struct ConformanceTests {
  struct Case {
    let name: String
    let specification: PactSpecification
    let part: String
    let document: JSONValue
  }

  static let root = Fixtures.root.appendingPathComponent("pact-specification")

  static let versions: [(String, PactSpecification)] = [("v1", .v1), ("v1.1", .v1Point1), ("v2", .v2), ("v3", .v3)]

  static func loadCases() throws -> [Case] {
    var cases: [Case] = []
    for (directory, specification) in versions {
      let base = root.appendingPathComponent(directory).appendingPathComponent("testcases")
      for part in ["request", "response", "message"] {
        let partURL = base.appendingPathComponent(part)
        guard let enumerator = FileManager.default.enumerator(at: partURL, includingPropertiesForKeys: nil) else {
          continue
        }
        for case let url as URL in enumerator where url.pathExtension == "json" {
          let document = try JSONValue(parsing: Data(contentsOf: url))
          let relative = url.path.replacingOccurrences(of: root.path + "/", with: "")
          cases.append(Case(name: relative, specification: specification, part: part, document: document))
        }
      }
    }
    return cases.sorted { $0.name < $1.name }
  }

  static func mismatches(for testCase: Case) throws -> [Mismatch] {
    let decoder = ContractDecoder()
    let expected = testCase.document["expected"] ?? .object([:])
    let actual = testCase.document["actual"] ?? .object([:])
    let options = MatchOptions(specification: testCase.specification)
    switch testCase.part {
    case "request":
      return RequestMatcher(
        expected: try decoder.request(expected, specification: testCase.specification), options: options
      )
      .mismatches(for: try decoder.request(actual, specification: testCase.specification))
    case "response":
      return ResponseMatcher(
        expected: try decoder.response(expected, specification: testCase.specification), options: options
      )
      .mismatches(for: try decoder.response(actual, specification: testCase.specification))
    default:
      return MessageMatcher(
        expected: try decoder.message(expected, specification: testCase.specification), options: options
      )
      .mismatches(for: try decoder.message(actual, specification: testCase.specification))
    }
  }

  @Test func everySpecificationCaseMatchesAsSpecified() throws {
    let cases = try Self.loadCases()
    #expect(cases.count == 577, "expected the 577 cases of v1–v3 in \(Self.root.path)")
    var passed = 0
    var failures: [String] = []
    for testCase in cases {
      let wanted = testCase.document["match"]?.boolValue ?? false
      let mismatches = try Self.mismatches(for: testCase)
      if mismatches.isEmpty == wanted {
        passed += 1
      } else {
        let detail = wanted ? mismatches.map { "    \($0)" }.joined(separator: "\n") : "    (no mismatch found)"
        failures.append("\(testCase.name): expected match=\(wanted)\n\(detail)")
      }
    }
    print("Pact specification conformance: \(passed)/\(cases.count)")
    for failure in failures {
      print("FAILED \(failure)")
      Issue.record("\(failure)")
    }
  }
}

/// The Pact specification's V4 method cases (`pact-reference`'s `v4/request/method`): an HTTP interaction's method
/// matches whatever its case, in a V4 pact whose interaction has a request only.
@Suite struct V4MethodCaseTests {
  static let cases: [(expected: String, actual: String, match: Bool)] = [
    ("POST", "post", true), ("POST", "POST", true), ("POST", "GET", false),
  ]

  @Test("a method in another case matches; another method does not")
  func methodCase() throws {
    for (expected, actual, match) in Self.cases {
      func pact(_ method: String) -> JSONValue {
        [
          "consumer": ["name": "c"], "provider": ["name": "p"],
          "interactions": [
            [
              "type": "Synchronous/HTTP", "description": "a request",
              "request": ["method": .string(method), "path": "/", "query": [:], "headers": [:]],
            ]
          ],
          "metadata": ["pactSpecification": ["version": "4.0"]],
        ]
      }
      let decoder = ContractDecoder()
      let expectedContract = try decoder.decode(pact(expected)).contract
      let actualContract = try decoder.decode(pact(actual)).contract
      guard case .http(let wanted, _) = expectedContract.interactions.first?.exchange,
        case .http(let got, _) = actualContract.interactions.first?.exchange
      else {
        Issue.record("the V4 interactions did not decode as HTTP")
        return
      }
      let mismatches = RequestMatcher(expected: wanted, options: MatchOptions(specification: .v4))
        .mismatches(for: got)
      #expect(mismatches.isEmpty == match, "\(expected) against \(actual): \(mismatches)")
    }
  }
}
