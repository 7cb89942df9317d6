import AccordFixtures
import AsyncHTTPClient
import Foundation
import NIOHTTP1
import Testing

/// `accord stub` serves a contract's responses and explains requests that match none.
@Suite struct StubCommandTests {
  @Test func servesTheContractAndExplainsMismatches() async throws {
    let contract = Fixtures.root.appendingPathComponent("pact-files/v4/SwiftPeerConsumer-UserService.json").path
    let stub = try AccordProcess.Background(["stub", "--contract", contract])
    defer { stub.interrupt() }
    let banner = try await stub.wait(for: "interactions on http://")
    let url = try #require(banner.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
    #expect(banner.contains("Accord stub for SwiftPeerConsumer → UserService: 3 interactions on http://127.0.0.1:"))

    var request = HTTPClientRequest(url: url + "/users/123?fields=full")
    request.headers.add(name: "Accept", value: "application/json")
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
    #expect(response.status.code == 200)
    let body = try await response.body.collect(upTo: 1 << 20)
    #expect(String(buffer: body).contains("\"name\":\"Alice\""))

    let wrong = try await HTTPClient.shared.execute(HTTPClientRequest(url: url + "/users/124"), timeout: .seconds(10))
    #expect(wrong.status.code == 500)
    let explanation = String(buffer: try await wrong.body.collect(upTo: 1 << 20))
    #expect(explanation.contains("no interaction matches GET /users/124"))
    _ = try await stub.wait(for: "GET /users/124 → 500")
    #expect(stub.text.contains(#"GET /users/123?fields=full → "a request for user 123""#))
  }

  @Test func printsRequestPathsEscaped() async throws {
    let contract = Fixtures.root.appendingPathComponent("pact-files/v4/SwiftPeerConsumer-UserService.json").path
    let stub = try AccordProcess.Background(["stub", "--contract", contract])
    defer { stub.interrupt() }
    let banner = try await stub.wait(for: "interactions on http://")
    let url = try #require(banner.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
    // %0A would start a forged line; %1B[2J would clear the terminal.
    let forged = try await HTTPClient.shared.execute(
      HTTPClientRequest(url: url + "/users/1%0AGET%20/admin%20%E2%86%92%20%22ok%22%1B%5B2J"), timeout: .seconds(10))
    #expect(forged.status.code == 500)
    let printed = try await stub.wait(for: "→ 500")
    #expect(printed.contains(#"GET /users/1\nGET /admin → "ok"\u{1B}[2J → 500"#), "\(printed)")
    #expect(!printed.contains("\u{1B}"))
    #expect(!printed.contains("\nGET /admin"))
  }

  @Test func refusesAContractWithoutHTTPInteractions() throws {
    let contract = Fixtures.root.appendingPathComponent("pact-files/v4/SwiftPeerConsumer-UserEvents.json").path
    let output = try AccordProcess.run(["stub", "--contract", contract])
    #expect(output.status == 1)
    #expect(output.stderr == "accord stub: error: the contracts have no HTTP interactions to serve\n")
  }

  /// Two interactions for the same request, told apart by their provider states.
  static func statefulContract() throws -> String {
    let pact: [String: Any] = [
      "consumer": ["name": "web"], "provider": ["name": "users"],
      "interactions": [
        [
          "description": "user 1", "providerStates": [["name": "user 1 exists"]],
          "request": ["method": "GET", "path": "/users/1"],
          "response": ["status": 200, "headers": ["Content-Type": "application/json"], "body": ["id": 1]],
        ],
        [
          "description": "no user 1", "providerStates": [["name": "no users"]],
          "request": ["method": "GET", "path": "/users/1"], "response": ["status": 404],
        ],
        [
          "description": "health", "request": ["method": "GET", "path": "/health"], "response": ["status": 204],
        ],
      ],
      "metadata": ["pactSpecification": ["version": "3.0.0"]],
    ]
    let file = NSTemporaryDirectory() + "accord-stub-\(UUID().uuidString).json"
    try JSONSerialization.data(withJSONObject: pact).write(to: URL(fileURLWithPath: file))
    return file
  }

  static func start(_ arguments: [String]) async throws -> (AccordProcess.Background, String) {
    let stub = try AccordProcess.Background(["stub"] + arguments)
    let banner = try await stub.wait(for: "interactions on http://")
    let url = try #require(banner.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
    return (stub, url)
  }

  static func status(_ url: String, headers: [(String, String)] = [], method: HTTPMethod = .GET) async throws
    -> HTTPClientResponse
  {
    var request = HTTPClientRequest(url: url)
    request.method = method
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    return try await HTTPClient.shared.execute(request, timeout: .seconds(10))
  }

  @Test func providerStatesPickTheInteraction() async throws {
    let file = try Self.statefulContract()
    defer { try? FileManager.default.removeItem(atPath: file) }
    let (byHeader, url) = try await Self.start(["--file", file, "--provider-state-header-name", "X-Provider-State"])
    defer { byHeader.interrupt() }
    #expect(try await Self.status(url + "/users/1").status.code == 200, "the first in contract order")
    #expect(try await Self.status(url + "/users/1", headers: [("X-Provider-State", "no users")]).status.code == 404)
    #expect(try await Self.status(url + "/users/1", headers: [("X-Provider-State", "unknown")]).status.code == 200)

    let (filtered, only) = try await Self.start(["--file", file, "--provider-state", "^no "])
    defer { filtered.interrupt() }
    #expect(try await Self.status(only + "/users/1").status.code == 404)
    #expect(try await Self.status(only + "/health").status.code == 500, "no state: left out")
    let (withEmpty, both) = try await Self.start(["--file", file, "--provider-state", "^no ", "--empty-provider-state"])
    defer { withEmpty.interrupt() }
    #expect(try await Self.status(both + "/health").status.code == 204)
  }

  @Test func corsLetsABrowserCall() async throws {
    let file = try Self.statefulContract()
    defer { try? FileManager.default.removeItem(atPath: file) }
    let (stub, url) = try await Self.start(["--file", file, "--cors"])
    defer { stub.interrupt() }
    let preflight = try await Self.status(
      url + "/users/1",
      headers: [
        ("Origin", "http://localhost:3000"), ("Access-Control-Request-Method", "GET"),
        ("Access-Control-Request-Headers", "authorization"),
      ], method: .OPTIONS)
    #expect(preflight.status.code == 204)
    #expect(preflight.headers.first(name: "Access-Control-Allow-Origin") == "http://localhost:3000")
    #expect(preflight.headers.first(name: "Access-Control-Allow-Headers") == "authorization")
    #expect(preflight.headers.first(name: "Access-Control-Allow-Methods")?.contains("DELETE") == true)
    let get = try await Self.status(url + "/users/1", headers: [("Origin", "http://localhost:3000")])
    #expect(get.status.code == 200)
    #expect(get.headers.first(name: "Access-Control-Allow-Origin") == "http://localhost:3000")
    #expect(get.headers.first(name: "Access-Control-Allow-Credentials") == "true")
    let unmatched = try await Self.status(url + "/nothing")
    #expect(unmatched.status.code == 500)
    #expect(unmatched.headers.first(name: "Access-Control-Allow-Origin") == "*")

    let (plain, plainURL) = try await Self.start(["--file", file])
    defer { plain.interrupt() }
    let noCORS = try await Self.status(plainURL + "/users/1", headers: [("Origin", "http://x")], method: .OPTIONS)
    #expect(noCORS.status.code == 500)
    #expect(noCORS.headers.first(name: "Access-Control-Allow-Origin") == nil)
  }

  @Test(arguments: [
    (["--file", "x", "--empty-provider-state"], "--empty-provider-state goes with --provider-state REGEX"),
    (["--file", "x", "--provider-state", "("], #"--provider-state "(" is not a valid regular expression"#),
    (
      ["--broker-url", "http://127.0.0.1:1"],
      "give the contracts to serve: --contract PATH, --contract-url URL, or --broker-url URL with --provider-name NAME"
    ),
    (
      ["--file", "x", "--provider-state-header-name", "X State"],
      #"--provider-state-header-name "X State" is not a header name; give one like X-Provider-State"#
    ),
  ])
  func mistakesNameTheFlag(arguments: [String], message: String) throws {
    let output = try AccordProcess.run(["stub"] + arguments)
    #expect(output.status == 64)
    #expect(output.stderr.contains("Error: \(message)"), "\(output.stderr)")
  }
}
