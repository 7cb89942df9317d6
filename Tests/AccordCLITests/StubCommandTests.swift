import AccordFixtures
import AsyncHTTPClient
import Foundation
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
}
