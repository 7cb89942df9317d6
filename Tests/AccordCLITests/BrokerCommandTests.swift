import AccordBroker
import AccordBrokerSQLite
import AccordClient
import AccordModel
import Foundation
import Testing

@Suite("accord broker")
struct BrokerCommandTests {
  func folder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("accord-broker-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  /// Starts `accord broker` on a free port; returns the process and its base URL.
  func start(_ database: String) async throws -> (AccordProcess.Background, String) {
    let broker = try AccordProcess.Background(["broker", "--port", "0", "--database", database])
    let printed = try await broker.wait(for: "Accord broker on ")
    let line = printed.split(separator: "\n").first { $0.contains("Accord broker on ") } ?? ""
    let url = line.split(separator: " ").first { $0.hasPrefix("http://") }.map(String.init) ?? ""
    return (broker, url)
  }

  func pact(_ consumer: String) -> JSONValue {
    [
      "consumer": ["name": .string(consumer)], "provider": ["name": "users"],
      "interactions": [
        ["description": "a request", "request": ["method": "GET", "path": "/"], "response": ["status": 200]]
      ],
    ]
  }

  @Test("stops cleanly on SIGINT, exit status 0")
  func stopsCleanly() async throws {
    let path = try folder().appendingPathComponent("b.sqlite").path
    let (broker, url) = try await start("sqlite:\(path)")
    #expect(url.hasPrefix("http://127.0.0.1:"))
    let heartbeat = try await AccordHTTPClient.send(
      OutgoingRequest(url: url + "/diagnostic/status/heartbeat"), peer: "the broker", timeout: .seconds(10))
    #expect(heartbeat.status == 200)
    await broker.stop()
    #expect(broker.process.terminationStatus == 0)
  }

  @Test("a credential setting that yields no credential stops the broker starting: exit 64 naming it")
  func failsClosed() async throws {
    let path = try folder().appendingPathComponent("b.sqlite").path
    for (variable, value) in [("ACCORD_BROKER_WRITE_TOKENS", ""), ("ACCORD_BROKER_READ_TOKENS", " ,")] {
      let output = try await AccordProcess.run(
        ["broker", "--port", "0", "--database", "sqlite:\(path)"], timeout: 30, environment: [variable: value])
      #expect(output.status == 64, "\(variable)=\(value.debugDescription): \(output.stderr)")
      #expect(output.stderr.contains(variable) && output.stderr.contains("--allow-anonymous"), "\(output.stderr)")
    }
    #expect(!FileManager.default.fileExists(atPath: path), "a refused start opened the database")
    // No setting at all: open, with a warning; --allow-anonymous says it is meant.
    let open = try AccordProcess.Background(
      ["broker", "--port", "0", "--database", "sqlite:\(path)"], environment: Self.noCredentials)
    let printed = try await open.wait(for: "Accord broker on ")
    await open.stop()
    #expect(printed.contains("warning: open: anyone can publish"), "\(printed)")
    let meant = try AccordProcess.Background(
      ["broker", "--port", "0", "--database", "sqlite:\(path)", "--allow-anonymous"], environment: Self.noCredentials)
    let quiet = try await meant.wait(for: "Accord broker on ")
    await meant.stop()
    #expect(!quiet.contains("warning:") && quiet.contains("open: anyone can publish"), "\(quiet)")
  }

  static let noCredentials: [String: String?] = [
    "ACCORD_BROKER_WRITE_TOKENS": nil, "ACCORD_BROKER_READ_TOKENS": nil, "ACCORD_BROKER_AUTH_FILE": nil,
    "PACT_BROKER_BASIC_AUTH_USERNAME": nil, "PACT_BROKER_BASIC_AUTH_PASSWORD": nil,
    "PACT_BROKER_BASIC_AUTH_READ_ONLY_USERNAME": nil, "PACT_BROKER_BASIC_AUTH_READ_ONLY_PASSWORD": nil,
  ]

  @Test("a bad --database names the flag and the forms it takes")
  func badDatabase() async throws {
    let output = try await AccordProcess.run(["broker", "--database", "mysql://x"])
    #expect(output.status == 64)
    #expect(output.stderr.contains("sqlite:PATH"))
  }

  /// Every publish the broker acknowledged (2xx) survives SIGKILL during 50 concurrent publishes, and the database
  /// passes SQLite's integrity check afterwards.
  @Test("acknowledged publishes survive SIGKILL")
  func durability() async throws {
    let path = try folder().appendingPathComponent("b.sqlite").path
    let (broker, url) = try await start("sqlite:\(path)")
    @Sendable func publish(_ index: Int) async -> String? {
      let consumer = "consumer-\(index)"
      let request = OutgoingRequest(
        method: "PUT", url: url + "/pacts/provider/users/consumer/\(consumer)/version/1.0.\(index)",
        headers: ["Content-Type": "application/json"], body: pact(consumer).data())
      guard let answer = try? await AccordHTTPClient.send(request, peer: "the broker", timeout: .seconds(10)),
        (200..<300).contains(answer.status)
      else { return nil }
      return consumer
    }
    // Ten first, so that some are surely acknowledged; then 50 at once, killed while they are under way.
    var acknowledged: [String] = []
    for index in 0..<10 { if let consumer = await publish(index) { acknowledged.append(consumer) } }
    #expect(acknowledged.count == 10)
    acknowledged += await withTaskGroup(of: String?.self) { group in
      for index in 10..<60 {
        group.addTask { await publish(index) }
        if index == 35 { kill(broker.process.processIdentifier, SIGKILL) }
      }
      var done: [String] = []
      for await consumer in group { if let consumer { done.append(consumer) } }
      return done
    }
    broker.process.waitUntilExit()
    #expect(broker.process.terminationReason == .uncaughtSignal)
    let store = try SQLiteBrokerStore(path: path)
    #expect(try await store.integrityCheck() == ["ok"])
    for consumer in acknowledged {
      let index = consumer.split(separator: "-").last!
      #expect(
        try await store.pact(provider: "users", consumer: consumer, consumerVersion: "1.0.\(index)") != nil,
        "\(consumer) was acknowledged but is gone")
    }
  }
}
