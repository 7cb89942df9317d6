import AccordFixtures
import AccordModel
import Foundation
import NIOCore
import Testing

@testable import AccordMockServer

/// Requests that once got the wrong answer, grew memory or held a connection forever.
@Suite struct HostileRequestTests {
  static let post = Interaction(
    description: "create an order",
    exchange: .http(
      request: PactRequest(
        method: "POST", path: "/orders", headers: ["Content-Type": "application/json"], body: .json(["id": 1])),
      response: PactResponse(status: 201)))

  @Test func aContractMethodInLowerCaseMatchesTheRequest() async throws {
    let interaction = Interaction(
      description: "lower-case method",
      exchange: .http(request: PactRequest(method: "post", path: "/items"), response: PactResponse(status: 201)))
    let server = try await MockServer.start(serving: [interaction])
    let answer = try await MockServerTests.post(server.baseURL + "/items", body: Data())
    await server.stop()
    #expect(answer.status == 201, "\(answer.body)")
  }

  @Test func aMalformedChunkedBodyIsA400() async throws {
    let server = try await MockServer.start(serving: [Self.post])
    let answer = try await RawClient.exchange(
      Array(
        "POST /orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n"
          .utf8), port: server.port)
    await server.stop()
    #expect(answer.hasPrefix("HTTP/1.1 400"), "\(answer)")
    #expect(!answer.hasPrefix("HTTP/1.1 5"), "\(answer)")
  }

  @Test func anUnknownTransferEncodingIsA501() async throws {
    let server = try await MockServer.start(serving: [Self.post])
    let answer = try await RawClient.exchange(
      Array(
        "POST /orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n0\r\n\r\n"
          .utf8),
      port: server.port)
    await server.stop()
    #expect(answer.hasPrefix("HTTP/1.1 501"), "\(answer)")
    #expect(!answer.contains("over 33554432 bytes"))
  }

  @Test func aConnectionThatSendsNoHeadIsClosed() async throws {
    var options = MockServer.Options()
    options.headTimeout = .milliseconds(200)
    let server = try await MockServer.start(serving: [Self.post], options: options)
    // Half a request line, then nothing.
    let answer = try await RawClient.exchange(Array("POST /ord".utf8), port: server.port, timeout: .seconds(20))
    await server.stop()
    #expect(answer == "", "the server closed the connection without an answer")
  }

  @Test func anIdleKeptAliveConnectionIsClosed() async throws {
    var options = MockServer.Options()
    options.idleTimeout = .milliseconds(200)
    let server = try await MockServer.start(serving: [Self.post], options: options)
    let answer = try await RawClient.exchange(
      Array("GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n".utf8), port: server.port, timeout: .seconds(20))
    await server.stop()
    #expect(answer.hasPrefix("HTTP/1.1 500"), "answered, then closed when idle: \(answer.prefix(40))")
  }

  @Test func aStubKeepsOnlyRecentRequestsButReportsEveryMatch() async throws {
    var options = MockServer.Options()
    options.requestLog = .recent(5, bodyBytes: 8)
    let get = Interaction(
      description: "health",
      exchange: .http(request: PactRequest(method: "GET", path: "/health"), response: PactResponse(status: 200)))
    let server = try await MockServer.start(serving: [get, Self.post], options: options)
    _ = try await MockServerTests.get(server.baseURL + "/health")
    for number in 0..<20 {
      _ = try await MockServerTests.get(server.baseURL + "/other/\(number)")
    }
    await server.stop()
    let received = server.receivedRequests
    #expect(received.count == 5)
    #expect(received.last?.request.path == "/other/19")
    #expect(received.first?.request.path == "/other/15")
    // "health" was matched long ago and is no longer kept, yet it is not reported missing.
    #expect(server.report().missing.map(\.description) == ["create an order"])
  }

  @Test func aHugeMismatchIsQuotedOnlyInPartAndAStubKeepsOnlyTheStartOfTheBody() async throws {
    // The body differs at $.id, whose actual value is a 300 KB string: the 500 names the mismatch without
    // echoing the whole value, and a stub keeps 8 bytes of the body, not the body.
    var options = MockServer.Options()
    options.requestLog = .recent(5, bodyBytes: 8)
    let server = try await MockServer.start(serving: [Self.post], options: options)
    let huge = String(repeating: "x", count: 300_000)
    let answer = try await MockServerTests.post(server.baseURL + "/orders", body: Data(#"{"id":"\#(huge)"}"#.utf8))
    await server.stop()
    #expect(answer.status == 500)
    #expect(answer.body.utf8.count < 20_000, "the answer quotes the mismatch in part: \(answer.body.utf8.count) bytes")
    #expect(answer.body.contains("more bytes)"), "and says how much it left out")
    let kept = try #require(server.receivedRequests.last)
    #expect(kept.request.body?.data.count == 8)
    guard case .unmatched(_, let mismatches) = kept.outcome else {
      Issue.record("unmatched")
      return
    }
    #expect(mismatches.allSatisfy { ($0.actual?.utf8.count ?? 0) < 5_000 })
  }

  @Test func aLargeUnmatchedBodyIsParsedOnceNotOncePerInteraction() async throws {
    // 100 interactions on other paths, and a 4 MB body that matches none: answered with the closest one.
    let interactions = (0..<100).map { number in
      Interaction(
        description: "order \(number)",
        exchange: .http(
          request: PactRequest(
            method: "POST", path: "/orders/\(number)", headers: ["Content-Type": "application/json"],
            body: .json(["items": .array((0..<10).map { .int($0) })])),
          response: PactResponse(status: 201)))
    }
    let server = try await MockServer.start(serving: interactions)
    let items = JSONValue.array((0..<400_000).map { .int($0) })
    let body = JSONValue.object(["items": items]).data()
    #expect(body.count > 2_000_000)
    let answer = try await MockServerTests.post(server.baseURL + "/orders", body: body)
    await server.stop()
    #expect(answer.status == 500)
    #expect(answer.body.contains("closestInteraction"))
  }
}

/// The pipeline that answers requests (MockRequestHandler): framing, refusals and order.
@Suite struct RequestPipelineTests {
  static let get = Interaction(
    description: "an item",
    exchange: .http(
      request: PactRequest(method: "GET", path: "/items/1"),
      response: PactResponse(
        status: 200, headers: ["Content-Type": "application/json", "Content-Length": "999"],
        body: .json(["id": 1]))))

  @Test func anUploadAnnouncedOverTheLimitIsRefusedAtOnceAndTheConnectionClosed() async throws {
    let server = try await MockServer.start(serving: [HostileRequestTests.post])
    // 100 MB announced, 10 bytes sent: the 413 comes without waiting for the rest.
    let answer = try await RawClient.exchange(
      Array("POST /orders HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n0123456789".utf8),
      port: server.port, timeout: .seconds(20))
    await server.stop()
    #expect(answer.hasPrefix("HTTP/1.1 413"), "\(answer.prefix(200))")
    #expect(answer.contains("over 33554432 bytes"))
    #expect(answer.lowercased().contains("connection: close"))
  }

  @Test func aChunkedUploadOverTheLimitIsRefusedWhenItPassesIt() async throws {
    let server = try await MockServer.start(serving: [HostileRequestTests.post])
    let chunk = String(repeating: "x", count: 1 << 20)
    let chunked = String(repeating: "100000\r\n\(chunk)\r\n", count: 33)
    let answer = try await RawClient.exchange(
      Array("POST /orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n\(chunked)".utf8),
      port: server.port, timeout: .seconds(20))
    await server.stop()
    #expect(answer.hasPrefix("HTTP/1.1 413"), "\(answer.prefix(200))")
  }

  @Test func aHeadRequestGetsTheLengthButNoBody() async throws {
    let head = Interaction(
      description: "an item's head",
      exchange: .http(
        request: PactRequest(method: "HEAD", path: "/items/1"),
        response: PactResponse(status: 200, headers: ["Content-Type": "application/json"], body: .json(["id": 1]))))
    let server = try await MockServer.start(serving: [head, Self.get])
    // HEAD then GET on one connection: were a body sent for the HEAD, the GET's answer would be misread.
    let answer = try await RawClient.exchange(
      Array(
        "HEAD /items/1 HTTP/1.1\r\nHost: x\r\n\r\nGET /items/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8),
      port: server.port)
    await server.stop()
    let answers = answer.components(separatedBy: "HTTP/1.1 ")
    #expect(answers.count == 3, "\(answer)")
    #expect(answers[1].lowercased().contains("content-length: 8"), "\(answers[1])")
    #expect(answers[1].hasSuffix("\r\n\r\n"), "no body after the HEAD answer's head: \(answers[1])")
    #expect(answers[2].hasSuffix(#"{"id":1}"#), "\(answers[2])")
  }

  @Test func aContractsStaleContentLengthIsReplacedByTheBodysLength() async throws {
    let server = try await MockServer.start(serving: [Self.get])
    let answer = try await RawClient.exchange(
      Array("GET /items/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8), port: server.port)
    await server.stop()
    #expect(answer.lowercased().contains("content-length: 8\r\n"), "\(answer)")
    #expect(!answer.contains("999"))
  }

  @Test func pipelinedRequestsAreAnsweredInOrderAlsoWhenALargeOneIsMatchedOffTheLoop() async throws {
    let server = try await MockServer.start(serving: [HostileRequestTests.post, Self.get])
    let large = #"{"id":"\#(String(repeating: "x", count: 400_000))"}"#
    let requests =
      "POST /orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(large.utf8.count)"
      + "\r\n\r\n\(large)GET /items/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    let answer = try await RawClient.exchange(Array(requests.utf8), port: server.port, timeout: .seconds(20))
    await server.stop()
    let statuses = answer.components(separatedBy: "HTTP/1.1 ").dropFirst().map { $0.prefix(3) }
    #expect(statuses == ["500", "200"], "\(answer.prefix(300))")
    #expect(server.receivedRequests.map(\.request.method) == ["POST", "GET"])
  }

  @Test func aClientThatHalfClosesAfterAnIncompleteRequestIsClosedNotKeptWaiting() async throws {
    let server = try await MockServer.start(serving: [HostileRequestTests.post])
    let exchange = await Task.detached {
      RawSocket.exchange(
        Array("POST /orders HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{\"id\"".utf8), port: server.port,
        timeout: 15)
    }.value
    await server.stop()
    #expect(exchange.closed, "closed, not left open until a deadline")
  }
}
