import Foundation
import SampleKit
import SampleSystem
import Testing

/// One service on its own, as `sample-services SERVICE --peer …` runs it.
@Suite("one service on its own")
struct ServiceLauncherTests {
  @Test("a service with its peers answers; a missing, unknown or extra peer is refused, naming the flag")
  func launch() async throws {
    let users = try await ServiceLauncher.start("user-service", port: 0, database: nil, peers: [:])
    let orders = try await ServiceLauncher.start(
      "order-service", port: 0, database: nil,
      peers: [
        "notification-service": "http://127.0.0.1:9", "inventory-service": "http://127.0.0.1:9",
      ])
    let gateway = try await ServiceLauncher.start(
      "api-gateway", port: 0, database: nil,
      peers: ["user-service": users.baseURL, "order-service": orders.baseURL, "order-saga": "http://127.0.0.1:9"])
    let health = try await Downstream(name: "api-gateway", baseURL: gateway.baseURL).send("GET", "/health")
    #expect(health.status == 200)
    for service in [gateway, orders, users] { await service.stop() }

    let missing = await #expect(throws: ServiceLauncher.LaunchError.self) {
      _ = try await ServiceLauncher.start("api-gateway", port: 0, database: nil, peers: [:])
    }
    #expect(missing?.description.contains("--peer user-service=http://HOST:PORT --peer order-service=") == true)
    let unknown = await #expect(throws: ServiceLauncher.LaunchError.self) {
      _ = try await ServiceLauncher.start("billing-service", port: 0, database: nil, peers: [:])
    }
    #expect(unknown?.description.contains("choose one of api-gateway") == true)
    let extra = await #expect(throws: ServiceLauncher.LaunchError.self) {
      _ = try await ServiceLauncher.start("user-service", port: 0, database: nil, peers: ["x": "http://a"])
    }
    #expect(extra?.description.contains("does not call x") == true)
    let untunable = await #expect(throws: ServiceLauncher.LaunchError.self) {
      _ = try await ServiceLauncher.start(
        "user-service", port: 0, database: nil, peers: [:], tuning: .init(timeout: .seconds(1)))
    }
    #expect(untunable?.description.contains("only order-saga and order-service do") == true)
  }
}
