import AccordBrokerServer
import AccordBrokerTestSupport
import AccordModel
import Foundation
import Logging
import Synchronization
import Testing

/// `GET /metrics`, request ids, and JSON logs.
@Suite("broker operations")
struct OperationsTests {
  @Test("metrics count publications, verifications and requests by route")
  func metrics() async throws {
    try await BrokerAPI.with { api in
      let published = try await api.publish("web", "1.0.0", [Fixtures.pact("web", "users")])
      #expect((200..<300).contains(published.status))
      let pactURL = try #require(
        published.json["_embedded"]?["contracts"]?.arrayValue?.first?["_links"]?["pb:pact-version"]?["href"]?
          .stringValue ?? published.json["_links"]?["pb:contracts"]?.arrayValue?.first?["href"]?.stringValue)
      let pact = try await api.call("GET", String(pactURL.dropFirst(api.baseURL.count)))
      let resultsURL = try #require(pact.json["_links"]?["pb:publish-verification-results"]?["href"]?.stringValue)
      let verified = try await api.call(
        "POST", String(resultsURL.dropFirst(api.baseURL.count)),
        json: ["success": false, "providerApplicationVersion": "9"])
      #expect(verified.status == 201, "\(verified.text)")

      let metrics = try await api.call("GET", "/metrics")
      #expect(metrics.status == 200)
      #expect(metrics.contentType?.hasPrefix("text/plain") == true)
      #expect(metrics.text.contains("accord_broker_publications_total 1"))
      #expect(metrics.text.contains("accord_broker_contracts_published_total 1"))
      #expect(metrics.text.contains(#"accord_broker_verifications_total{success="false"} 1"#))
      #expect(
        metrics.text.contains(
          #"accord_broker_request_duration_seconds_count{method="POST",route="/contracts/publish",status="200"} 1"#)
          || metrics.text.contains(#"route="/contracts/publish",status="201"} 1"#))
    }
  }

  @Test("a client's request id is echoed; a hostile one is replaced")
  func requestIDs() async throws {
    try await BrokerAPI.with { api in
      let kept = try await api.call("GET", "/", headers: ["X-Request-Id": "build-42.step_3"])
      #expect(kept.headers["X-Request-Id"]?.first == "build-42.step_3")
      let replaced = try await api.call(
        "GET", "/", headers: ["X-Request-Id": "a b<script>" + String(repeating: "x", count: 100)])
      let id = try #require(replaced.headers["X-Request-Id"]?.first)
      #expect(!id.contains("<") && id.count <= 64)
    }
  }

  @Test("JSON logs: one object per line, with the metadata as fields")
  func jsonLogs() throws {
    let lines = Mutex<[String]>([])
    var logger = Logger(label: "test") { label in
      JSONLogHandler(label: label) { line in lines.withLock { $0.append(line) } }
    }
    logger[metadataKey: "request_id"] = "r-1"
    logger.info("request", metadata: ["status": .stringConvertible(200), "duration_ms": .stringConvertible(1.5)])
    logger.debug("not at info")
    let written = lines.withLock { $0 }
    #expect(written.count == 1)
    let object = try JSONValue(parsing: try #require(written.first))
    #expect(object["request_id"]?.stringValue == "r-1")
    #expect(object["status"] == .int(200))
    #expect(object["duration_ms"] == .double(1.5))
    #expect(object["message"]?.stringValue == "request" && object["level"]?.stringValue == "info")
    #expect(object["time"]?.stringValue?.hasPrefix("20") == true)
  }
}
