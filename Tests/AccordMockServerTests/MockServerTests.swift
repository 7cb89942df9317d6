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
      request: PactRequest(method: "GET", path: "/users/42", headers: ["Accept": "application/json"]),
      response: PactResponse(
        status: 200, headers: ["Content-Type": "application/json"], body: .json(["id": 42, "name": "Alice"]))))

  static func get(_ url: String, headers: [(String, String)] = []) async throws -> (status: Int, body: String) {
    var request = HTTPClientRequest(url: url)
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
    let body = try await response.body.collect(upTo: 1 << 20)
    return (Int(response.status.code), String(buffer: body))
  }

  static func post(_ url: String, body: Data) async throws -> (status: Int, body: String) {
    var request = HTTPClientRequest(url: url)
    request.method = .POST
    request.headers.add(name: "Content-Type", value: "application/json")
    request.body = .bytes(ByteBuffer(bytes: body))
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
    let answer = try await response.body.collect(upTo: 1 << 24)
    return (Int(response.status.code), String(buffer: answer))
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

  @Test func leasedServersAreStartedAheadAndEachHasItsOwnPort() async throws {
    let pool = ListenerPool()
    let first = try await MockServer.leased(serving: [Self.user], options: MockServer.Options(), from: pool)
    let answer = try await Self.get(first.baseURL + "/users/42", headers: [("Accept", "application/json")])
    #expect(answer.status == 200)
    #expect(first.openConnections == 1)  // HTTPClient keeps it alive
    await first.stop()
    // The kept-alive connection is closing behind stop(): a request sent now is recorded nowhere.
    _ = try? await Self.get(first.baseURL + "/users/42", headers: [("Accept", "application/json")])

    let order = Interaction(
      description: "a request for order 7",
      exchange: .http(request: PactRequest(method: "GET", path: "/orders/7"), response: PactResponse(status: 204)))
    let second = try await MockServer.leased(serving: [order], options: MockServer.Options(), from: pool)
    #expect(second.port != first.port)
    #expect(try await Self.get(second.baseURL + "/orders/7").status == 204)
    #expect(try await Self.get(second.baseURL + "/users/42").status == 500)
    await second.stop()

    #expect(first.receivedRequests.count == 1)
    #expect(first.report().isSuccess)
    #expect(second.receivedRequests.map(\.request.path) == ["/orders/7", "/users/42"])
    await pool.drain()
    #expect(first.openConnections == 0)
    #expect(first.listenerStopped)
    #expect(second.listenerStopped)
  }

  @Test func aServerWithOtherOptionsIsNotLeased() async throws {
    let pool = ListenerPool()
    let server = try await MockServer.leased(
      serving: [Self.user], options: MockServer.Options(logLevel: .error), from: pool)
    await server.stop()
    #expect(server.listenerStopped, "a server that was not leased stops its own listener")
  }

  @Test func serversStartServeAndStopOneAfterAnother() async throws {
    var ports: [Int] = []
    for _ in 0..<10 {
      let server = try await MockServer.start(serving: [Self.user])
      let answer = try await Self.get(server.baseURL + "/users/42", headers: [("Accept", "application/json")])
      await server.stop()
      #expect(answer.status == 200)
      #expect(server.report().isSuccess)
      #expect(server.listenerStopped)
      ports.append(server.port)
    }
    #expect(ports.allSatisfy { $0 > 0 })
  }
}
