import Accord
import AccordModel
import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A consumer test must fail, at the DSL call, when the client does not do what the interaction says.
@Suite struct FailureReportingTests {
  @Test func aWrongRequestFailsNamingTheFieldExpectedAndActual() async throws {
    let pact = Pact(consumer: "Web", provider: "Users", contractsDirectory: TemporaryContracts.directory())
    let log = IssueLog()
    let line = #line + 3
    try await withKnownIssue {
      try await pact
        .interaction("a request to create a user")
        .withRequest(.post, "/users", headers: ["Content-Type": "application/json"], body: ["name": "Bob"])
        .willRespond(201, body: ["id": .integer(7), "name": "Bob", "roles": []])
        .run { baseURL in
          // The client sends the wrong field name.
          var request = URLRequest(url: baseURL.appendingPathComponent("users"))
          request.httpMethod = "POST"
          request.setValue("application/json", forHTTPHeaderField: "Content-Type")
          request.httpBody = Data(#"{"nom":"Bob"}"#.utf8)
          let (data, response) = try await URLSession(configuration: .ephemeral).data(for: request)
          try UserClient.check(response, data)
        }
    } matching: { issue in
      log.add(
        issue.comments.map(\.rawValue).joined() + (issue.error.map { "\($0)" } ?? ""), line: issue.sourceLocation?.line)
      return true
    }
    let recorded = log.all.joined(separator: "\n")
    #expect(recorded.contains(#"POST /users does not match interaction "a request to create a user":"#))
    #expect(recorded.contains(#"$.name: expected "Bob" but the key is missing"#))
    #expect(recorded.contains(#"$.nom: unexpected key (the request must only contain keys the contract expects)"#))
    #expect(!recorded.contains("was never requested"), "the mismatch explains the missing request")
    #expect(log.all.count == 1, "one mismatching request fails the test once: \(log.all)")
    #expect(log.sourceLines == [line], "the failure points at the .interaction(…) call")
    try Pact.writeContracts()
    #expect(!FileManager.default.fileExists(atPath: pact.contractFile.path), "a failing test records nothing")
  }

  @Test func aMissingRequestFailsTheTest() async throws {
    let pact = Pact(consumer: "Web", provider: "Users", contractsDirectory: TemporaryContracts.directory())
    let log = IssueLog()
    try await withKnownIssue {
      try await pact.interaction("a request for user 42")
        .withRequest(.get, "/users/42")
        .willRespond(200)
        .run { _ in }
    } matching: { issue in
      log.add(issue.comments.map(\.rawValue).joined(), line: issue.sourceLocation?.line)
      return true
    }
    #expect(
      log.all == [
        "interaction \"a request for user 42\" was never requested (GET /users/42); the test's code did not send it"
      ])
  }

  @Test func anInteractionWithoutARequestSaysWhatToAdd() async throws {
    let pact = Pact(consumer: "Web", provider: "Users", contractsDirectory: TemporaryContracts.directory())
    let log = IssueLog()
    try await withKnownIssue {
      try await pact.interaction("half written").willRespond(200).run { _ in }
    } matching: { issue in
      log.add(issue.comments.map(\.rawValue).joined() + (issue.error.map { "\($0)" } ?? ""), line: nil)
      return true
    }
    #expect(log.all.contains("interaction \"half written\" has no request; add .withRequest(…) before .run"))
  }

  @Test func twoDifferentInteractionsWithOneNameConflict() async throws {
    let pact = Pact(consumer: "Web", provider: "Users", contractsDirectory: TemporaryContracts.directory())
    func request(_ name: String) async throws {
      try await pact.interaction("a request for the current user")
        .given("a user is logged in")
        .withRequest(.get, "/me")
        .willRespond(200, body: ["name": .string(name)])
        .run { baseURL in
          _ = try await URLSession(configuration: .ephemeral).data(from: baseURL.appendingPathComponent("me"))
        }
    }
    try await request("Alice")
    try await request("Alice")  // identical: collapses silently
    let log = IssueLog()
    try await withKnownIssue {
      try await request("Bob")
    } matching: { issue in
      log.add(issue.comments.map(\.rawValue).joined(), line: nil)
      return true
    }
    #expect(
      log.all == [
        "two different interactions are called \"a request for the current user\" given \"a user is logged in\" in "
          + "Web-Users.json; give one of them another description or provider state"
      ])
    try Pact.writeContracts()
    let contract = try ContractDecoder().decode(Data(contentsOf: pact.contractFile)).contract
    #expect(contract.interactions.count == 1)
  }

  @Test func recordingAgainWhatIsWrittenLeavesTheFileAloneUntilSomeoneElseChangesIt() async throws {
    let pact = Pact(consumer: "Web", provider: "Pings", contractsDirectory: TemporaryContracts.directory())
    func ping() async throws {
      try await pact.interaction("a ping").withRequest(.get, "/ping").willRespond(204).run { baseURL in
        _ = try await URLSession(configuration: .ephemeral).data(from: baseURL.appendingPathComponent("ping"))
      }
      try Pact.writeContracts()
    }
    func inode() throws -> Int? {
      try FileManager.default.attributesOfItem(atPath: pact.contractFile.path)[.systemFileNumber] as? Int
    }
    try await ping()
    let written = try inode()
    try await ping()
    #expect(try inode() == written, "the same recording again: the file is not rewritten")
    // Another writer leaves the file without the interaction: the next recording puts it back.
    try ContractEncoder().encode(Contract(consumer: "Web", provider: "Pings", interactions: [])).write(
      to: pact.contractFile)
    try await ping()
    let contract = try ContractDecoder().decode(Data(contentsOf: pact.contractFile)).contract
    #expect(contract.interactions.map(\.description) == ["a ping"])
  }
}
