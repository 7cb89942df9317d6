import AccordClient
import AccordFixtures
import AccordModel
import Foundation
import Testing

/// Peers that stall, send too much, or do not speak HTTP: each call ends, with an error that names the peer, the
/// URL and the limit.
@Suite struct AccordHTTPClientTests {
  @Test func aPeerThatSendsItsHeadAndStallsTimesOut() async throws {
    let server = try await RawServer(
      answer: Array("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Type: text/plain\r\n\r\npartial".utf8))
    let clock = ContinuousClock()
    let started = clock.now
    await #expect(throws: HTTPCallError(.timedOut(.milliseconds(300)), peer: "the provider", url: server.url + "/x")) {
      _ = try await AccordHTTPClient.send(
        OutgoingRequest(url: server.url + "/x"), peer: "the provider", timeout: .milliseconds(300))
    }
    // Bounded: the call ended because of the deadline, long before any test timeout.
    #expect(clock.now - started < .seconds(20))
    await server.stop()
  }

  @Test func aBodyOverTheLimitIsRefusedNamingTheLimit() async throws {
    let body = String(repeating: "x", count: 5000)
    let server = try await RawServer(
      answer: Array("HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8))
    do {
      _ = try await AccordHTTPClient.send(
        OutgoingRequest(url: server.url + "/big"), peer: "the contract URL", timeout: .seconds(10), maximumSize: 4096)
      Issue.record("expected an error")
    } catch {
      #expect(error.reason == .tooLarge(4096))
      #expect(
        error.description
          == "the contract URL at \(server.url)/big answered with a body larger than 4 KiB, the most Accord reads")
    }
    let chunked = try await RawServer(
      answer: Array(
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + "1000\r\n" + String(repeating: "y", count: 4096)
          + "\r\n1000\r\n" + String(repeating: "y", count: 4096) + "\r\n0\r\n\r\n").utf8))
    await #expect(throws: HTTPCallError(.tooLarge(4096), peer: "the broker", url: chunked.url)) {
      _ = try await AccordHTTPClient.send(
        OutgoingRequest(url: chunked.url), peer: "the broker", timeout: .seconds(10), maximumSize: 4096)
    }
    await server.stop()
    await chunked.stop()
  }

  @Test func aPeerThatDoesNotSpeakHTTPIsSaidSo() async throws {
    let server = try await RawServer(answer: Array("SSH-2.0-OpenSSH_9.2\r\n".utf8), close: true)
    do {
      _ = try await AccordHTTPClient.send(
        OutgoingRequest(url: server.url + "/"), peer: "the provider", timeout: .seconds(10))
      Issue.record("expected an error")
    } catch {
      #expect(error.reason == .notHTTP, "\(error)")
      #expect(error.description.contains("did not answer with HTTP"))
    }
    await server.stop()
  }

  @Test func aClosedPortIsUnreachable() async throws {
    let refusing = try RefusingPort()
    defer { refusing.close() }
    let url = refusing.url
    do {
      _ = try await AccordHTTPClient.send(OutgoingRequest(url: url), peer: "the provider", timeout: .seconds(10))
      Issue.record("expected an error")
    } catch {
      #expect(error.reason == .unreachable, "\(error)")
    }
  }

  @Test(arguments: [
    ("http://127.0.0.1:99999/x", "the port 99999 is not 1–65535"),
    ("ftp://127.0.0.1/x", "not an http(s) URL with a host"),
    ("not a url", "not an http(s) URL with a host"),
  ])
  func urlsThatCannotBeCalledAreRefusedBeforeAnyCall(url: String, detail: String) async {
    await #expect(throws: HTTPCallError(.invalidURL, peer: "the provider", url: url, detail: detail)) {
      _ = try await AccordHTTPClient.send(OutgoingRequest(url: url), peer: "the provider", timeout: .seconds(1))
    }
  }

  @Test func aMethodThatIsNotATokenIsRefused() async {
    let method = "GET / HTTP/1.1\r\nHost: x\r\n\r\nDELETE"
    await #expect(throws: HTTPCallError.self) {
      _ = try await AccordHTTPClient.send(
        OutgoingRequest(method: method, url: "http://127.0.0.1:1/"), peer: "the provider", timeout: .seconds(1))
    }
  }

  @Test func hugeTimeoutsDoNotTrap() {
    #expect(Duration.seconds(Int64.max).clampedNanoseconds == Int64.max)
    #expect(Duration.seconds(1).clampedNanoseconds == 1_000_000_000)
  }
}
