import AccordDemo
import Foundation
import Synchronization
import Testing

/// `accord demo` on the committed contracts: everything verified and deployed, the breaking change caught and
/// refused with the consumer, the interaction and the field named.
@Suite("accord demo")
struct DemoTests {
  static let contracts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("contracts").path

  @Test("the whole loop, and the breaking change caught and refused")
  func wholeLoop() async throws {
    let lines = Mutex<[String]>([])
    let outcome = try await Demo(options: .init(contractsDirectory: Self.contracts)) { line in
      lines.withLock { $0.append(line) }
    }.run()
    let output = lines.withLock { $0.joined(separator: "\n") }
    #expect(outcome.succeeded, "\(output)")

    let released = outcome.rows.filter { $0.version == Demo.version }
    #expect(
      Set(released.map(\.service)) == [
        "api-gateway", "inventory-service", "notification-service", "order-saga", "order-service", "payment-service",
        "shipping-service", "user-service", "web-client",
      ])
    #expect(released.allSatisfy { $0.deployable == true && $0.deployed }, "\(output)")
    // Providers are verified against every consumer, HTTP and messages alike.
    let orders = try #require(released.first { $0.service == "order-service" }?.verified)
    #expect(orders.consumers == ["api-gateway", "inventory-service", "notification-service"])
    #expect(orders.passed == 6 && orders.total == 6)

    let failure = try #require(outcome.breakingFailures.first { $0.interaction == "a request for user 42" })
    #expect(failure.consumer == "api-gateway")
    #expect(failure.mismatches.contains { $0.hasPrefix("$.name:") }, "\(failure.mismatches)")
    #expect(outcome.breakingDeployable == false)
    #expect(output.contains("api-gateway — \"a request for user 42\""))
    #expect(output.contains("✔ refused: can-i-deploy user-service 2.0.0 to production: no"))
    #expect(output.contains(outcome.brokerURL))
    // Who uses the renamed field: api-gateway; and user-service's `tier` no consumer relies on.
    #expect(outcome.renamedFieldUsers == ["api-gateway 1.0.0"])
    // The webhook told the consumer's team, once, naming both versions.
    #expect(outcome.chatMessages.count == 1)
    #expect(
      outcome.chatMessages.first?.hasPrefix(
        "user-service 2.0.0 (branch rename-name) failed to verify api-gateway 1.0.0: http://") == true)
    #expect(output.contains("GET /users/{id}  $.name  ← api-gateway 1.0.0"))
    #expect(output.contains("no consumer relies on: ") && output.contains("GET /users/{id} $.tier"))
    #expect(!output.contains("$.fullName"), "the failed 2.0.0 verification does not speak for user-service")
  }

  @Test("no contracts directory: the error says where to run it")
  func missingContracts() async throws {
    let error = await #expect(throws: DemoError.self) {
      _ = try await Demo(options: .init(contractsDirectory: "/nonexistent/contracts")) { _ in }.run()
    }
    #expect(error?.description.contains("/nonexistent/contracts") == true)
    #expect(error?.description.contains("--contracts") == true)
  }

  @Test("a contract file that is not JSON is named, with how to write it again")
  func brokenContract() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("accord-demo-test-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try Data("{\"consumer\": \u{1B}[31m".utf8).write(to: directory.appendingPathComponent("bad.json"))
    let error = await #expect(throws: DemoError.self) {
      _ = try await Demo(options: .init(contractsDirectory: directory.path)) { _ in }.run()
    }
    let text = error?.description ?? ""
    #expect(text.contains("bad.json") && text.contains("swift test --filter ConsumerTests"))
  }
}
