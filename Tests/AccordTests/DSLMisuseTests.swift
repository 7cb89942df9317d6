import Accord
import AccordModel
import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// What a contract cannot hold fails the test at the DSL call, instead of being dropped from the contract.
@Suite struct DSLMisuseTests {
  /// Runs `build` (which makes one interaction and runs it with no request sent) and returns the single failure.
  func failure(
    _ name: String = #function, _ build: (Pact) async throws -> Void
  ) async throws -> (messages: [String], lines: [Int]) {
    let pact = Pact(consumer: "Web", provider: "Users", contractsDirectory: TemporaryContracts.directory(name))
    let log = IssueLog()
    try await withKnownIssue {
      try await build(pact)
    } matching: { issue in
      log.add(
        issue.comments.map(\.rawValue).joined() + (issue.error.map { "\($0)" } ?? ""), line: issue.sourceLocation?.line)
      return true
    }
    try Pact.writeContracts()
    #expect(!FileManager.default.fileExists(atPath: pact.contractFile.path), "nothing is recorded")
    return (log.all, log.sourceLines)
  }

  @Test func differentMatchersInsideAQueryListFail() async throws {
    let line = #line + 2
    let result = try await failure { pact in
      try await pact.interaction("ids")
        .withRequest(.get, "/items", query: ["id": [.integer(1), .regex("[a-z]+", example: "a")]])
        .willRespond(200)
        .run { _ in }
    }
    #expect(result.messages.count == 1)
    #expect(result.messages.first?.contains("query parameter 'id' has different matchers for different values") == true)
    #expect(result.lines == [line])
  }

  @Test func oneMatcherSharedByEveryQueryValueIsKept() async throws {
    let pact = Pact(consumer: "Web", provider: "Users", contractsDirectory: TemporaryContracts.directory())
    try await pact.interaction("ids")
      .withRequest(.get, "/items", query: ["id": .eachLike(.integer(1), min: 1, count: 2)])
      .willRespond(200)
      .run { baseURL in
        _ = try await URLSession(configuration: .ephemeral).data(
          from: URL(string: baseURL.absoluteString + "/items?id=5&id=6")!)
      }
  }

  @Test func aMatcherInsideAHeaderObjectFails() async throws {
    let result = try await failure { pact in
      try await pact.interaction("header")
        .withRequest(.get, "/", headers: ["X-Meta": ["a": .integer(1)]])
        .willRespond(200)
        .run { _ in }
    }
    #expect(result.messages.first?.contains("header 'X-Meta' has a matcher inside it") == true, "\(result.messages)")
  }

  @Test func nestedMatchersAndGeneratorsInXMLFail() async throws {
    let nested = try await failure { pact in
      try await pact.interaction("xml")
        .withRequest(.get, "/")
        .willRespond(200, body: .xml("<a b=\"1\"/>", matching: ["$.a['@b']": ["x": .integer(1)]]))
        .run { _ in }
    }
    #expect(nested.messages.first?.contains("the XML matcher at $.a['@b'] has matchers inside it") == true)
    let generated = try await failure("generated") { pact in
      try await pact.interaction("xml")
        .withRequest(.get, "/")
        .willRespond(200, body: .xml("<a b=\"1\"/>", matching: ["$.a['@b']": .randomInteger(min: 1, max: 9)]))
        .run { _ in }
    }
    #expect(generated.messages.first?.contains("generators are not applied to XML bodies") == true)
  }

  @Test func anInteractionWithoutAResponseFails() async throws {
    let result = try await failure { pact in
      try await pact.interaction("no answer").withRequest(.get, "/").run { _ in }
    }
    #expect(result.messages == [#"interaction "no answer" has no response; add .willRespond(…) before .run"#])
  }

  @Test func anExampleThatDoesNotSatisfyItsOwnMatcherFails() async throws {
    let regex = try await failure { pact in
      try await pact.interaction("status")
        .withRequest(.get, "/orders/1")
        .willRespond(200, body: ["status": .regex("pending|paid", example: "weird")])
        .run { _ in }
    }
    #expect(regex.messages.count == 1)
    #expect(
      regex.messages.first?.contains(
        #"interaction "status": the example does not satisfy its own matcher ($.status: expected a value matching /pending|paid/ but got "weird" (string))"#
      )
        == true, "\(regex.messages)")
    let date = try await failure("date") { pact in
      try await pact.interaction("date")
        .withRequest(.get, "/orders/1")
        .willRespond(200, body: ["at": .datetime("yyyy-MM-dd'T'HH:mm:ss", example: "yesterday")])
        .run { _ in }
    }
    #expect(date.messages.first?.contains("does not satisfy its own matcher") == true)
    let message = try await failure("message") { pact in
      try await pact.message("event").withContent(["id": .integer(7), "kind": .regex("a|b", example: "c")])
        .verify { _ in }
    }
    #expect(
      message.messages.first?.contains(#"message "event": the example does not satisfy its own matcher ($.kind:"#)
        == true)
  }
}
