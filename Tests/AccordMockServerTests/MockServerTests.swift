import AccordModel
import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

@testable import AccordMockServer

@Suite struct MockServerTests {
  static let user = Interaction(
    description: "a request for user 42",
    exchange: .http(
      request: HTTPRequest(method: "GET", path: "/users/42", headers: ["Accept": "application/json"]),
      response: HTTPResponse(
        status: 200, headers: ["Content-Type": "application/json"], body: .json(["id": 42, "name": "Alice"]))))

  static func get(_ url: String, headers: [(String, String)] = []) async throws -> (status: Int, body: String) {
    var request = HTTPClientRequest(url: url)
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
    let body = try await response.body.collect(upTo: 1 << 20)
    return (Int(response.status.code), String(buffer: body))
  }

  @Test func servesTheInteractionsResponse() async throws {
    let server = try await MockServer.start(serving: [Self.user])
    let response = try await Self.get(server.baseURL + "/users/42", headers: [("Accept", "application/json")])
    await server.stop()
    #expect(response.status == 200)
    #expect(try JSONValue(parsing: response.body) == ["id": 42, "name": "Alice"])
    #expect(server.report().isSuccess)
    #expect(server.port > 0)
  }

  @Test func explainsAMismatchAndReportsIt() async throws {
    let server = try await MockServer.start(serving: [Self.user])
    let response = try await Self.get(server.baseURL + "/users/43")
    await server.stop()
    #expect(response.status == 500)
    let body = try JSONValue(parsing: response.body)
    #expect(body["closestInteraction"] == "a request for user 42")
    #expect(body["error"] == "Accord mock server: no interaction matches GET /users/43")
    #expect(body["mismatches"]?[0]?["message"] == "expected /users/42 but got /users/43")
    let report = server.report()
    #expect(!report.isSuccess)
    #expect(
      report.description == """
        GET /users/43 matched no interaction; the closest is "a request for user 42":
            path: expected /users/42 but got /users/43
            header 'Accept': expected "application/json" but the header is missing
        interaction "a request for user 42" was never requested (expected GET /users/42)
        """)
  }

  @Test func startsAndStopsQuickly() async throws {
    let clock = ContinuousClock()
    var durations: [Duration] = []
    for _ in 0..<10 {
      let start = clock.now
      let server = try await MockServer.start(serving: [Self.user])
      _ = try await Self.get(server.baseURL + "/users/42", headers: [("Accept", "application/json")])
      await server.stop()
      durations.append(clock.now - start)
    }
    print("mock server start + request + stop:", durations.map { "\($0)" }.joined(separator: ", "))
  }
}
