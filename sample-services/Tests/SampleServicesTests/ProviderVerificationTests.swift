import AccordClient
import AccordModel
import AccordVerifier
import ApiGateway
import Foundation
import InventoryService
import NotificationService
import OrderSaga
import OrderService
import PaymentService
import SampleKit
import SampleSystem
import ShippingService
import Testing
import UserService

/// Every provider verified against its consumers' contracts in `contracts/`: each service runs for real (in this
/// process, on a free port, its store in memory), its provider states set up through its own
/// `/_accord/provider-states` endpoint, as `accord verify` and `pact verifier` do it.
@Suite("sample providers verify their consumers' contracts")
struct ProviderVerificationTests {
  static let contracts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("contracts").path

  static func contract(_ consumer: String, _ provider: String) -> FileContractSource {
    FileContractSource(path: contracts + "/\(consumer)-\(provider).json")
  }

  static func verify(_ service: RunningService, _ sources: [FileContractSource]) async throws -> VerificationReport {
    let options = VerificationOptions(
      providerBaseURL: service.baseURL,
      stateHandler: HTTPProviderStates(url: service.baseURL + "/_accord/provider-states"))
    return try await Verifier(sources: sources, options: options).verify()
  }

  @Test("user-service")
  func userService() async throws {
    let service = try await RunningService.start(
      name: UserService.name, router: UserService(store: UserStore()).router())
    let report = try await Self.verify(service, [Self.contract("api-gateway", "user-service")])
    await service.stop()
    #expect(report.succeeded, "\(HumanReport(report))")
    #expect(report.results.count == 2)
  }

  @Test("user-service with a renamed field fails, naming the field")
  func userServiceBroken() async throws {
    let service = try await RunningService.start(
      name: UserService.name, router: UserService(store: UserStore(), nameField: "fullName").router())
    let report = try await Self.verify(service, [Self.contract("api-gateway", "user-service")])
    await service.stop()
    #expect(!report.succeeded)
    let text = "\(HumanReport(report))"
    #expect(text.contains("a request for user 42") && text.contains("$.name"), "\(text)")
  }

  @Test("order-service: HTTP")
  func orderService() async throws {
    let service = try await RunningService.start(
      name: OrderService.name, router: OrderService(store: OrderStore()).router())
    let report = try await Self.verify(service, [Self.contract("api-gateway", "order-service")])
    await service.stop()
    #expect(report.succeeded, "\(HumanReport(report))")
    #expect(report.results.count == 2)
  }

  @Test("order-service: its events, made by its real code")
  func orderEvents() async throws {
    let orders = OrderService(store: try OrderStore())
    let producers = MessageProducers(messages: [
      "an OrderPlaced event": { _ in try Self.message(try await orders.message(for: "an OrderPlaced event")) },
      "an OrderCancelled event": { _ in try Self.message(try await orders.message(for: "an OrderCancelled event")) },
    ])
    let options = VerificationOptions(messageProducer: producers)
    let report = try await Verifier(
      sources: [
        Self.contract("notification-service", "order-service"), Self.contract("inventory-service", "order-service"),
      ],
      options: options
    ).verify()
    #expect(report.succeeded, "\(HumanReport(report))")
    #expect(report.results.count == 4)
  }

  @Test("order-service: its events over its messages endpoint (as accord verify --messages-url)")
  func orderEventsOverHTTP() async throws {
    let service = try await RunningService.start(
      name: OrderService.name, router: OrderService(store: OrderStore()).router())
    let options = VerificationOptions(messageProducer: HTTPMessageProducer(url: service.baseURL + "/_accord/messages"))
    let report = try await Verifier(
      sources: [
        Self.contract("notification-service", "order-service"), Self.contract("inventory-service", "order-service"),
      ],
      options: options
    ).verify()
    await service.stop()
    #expect(report.succeeded, "\(HumanReport(report))")
  }

  @Test("inventory-service, payment-service and shipping-service")
  func sagaProviders() async throws {
    let inventory = try await RunningService.start(
      name: InventoryService.name, router: try InventoryService().router())
    let payments = try await RunningService.start(name: PaymentService.name, router: try PaymentService().router())
    let shipping = try await RunningService.start(name: ShippingService.name, router: try ShippingService().router())
    let reports = [
      try await Self.verify(inventory, [Self.contract("order-saga", "inventory-service")]),
      try await Self.verify(payments, [Self.contract("order-saga", "payment-service")]),
      try await Self.verify(shipping, [Self.contract("order-saga", "shipping-service")]),
    ]
    for service in [inventory, payments, shipping] { await service.stop() }
    for report in reports {
      #expect(report.succeeded, "\(HumanReport(report))")
      #expect(report.results.count == 3)
    }
  }

  @Test("api-gateway, with user-service and order-service behind it")
  func gateway() async throws {
    let users = try await RunningService.start(name: UserService.name, router: UserService(store: UserStore()).router())
    let orders = try await RunningService.start(
      name: OrderService.name, router: OrderService(store: OrderStore()).router())
    let gateway = try await RunningService.start(
      name: ApiGateway.name,
      router: ApiGateway(
        .init(userServiceURL: users.baseURL, orderServiceURL: orders.baseURL, checkoutServiceURL: "http://127.0.0.1:9")
      ).router())
    var options = VerificationOptions(
      providerBaseURL: gateway.baseURL,
      stateHandler: HTTPProviderStates(url: gateway.baseURL + "/_accord/provider-states"))
    options.requestTimeout = .seconds(10)
    let report = try await Verifier(sources: [Self.contract("web-client", "api-gateway")], options: options).verify()
    for service in [gateway, orders, users] { await service.stop() }
    #expect(report.succeeded, "\(HumanReport(report))")
    #expect(report.results.count == 2)
  }

  @Test("order-saga, with inventory, payment and shipping behind it")
  func saga() async throws {
    let system = try await SampleSystem.start(directory: nil)
    let saga = try #require(system.services.first { $0.name == OrderSaga.name })
    let report = try await Self.verify(saga, [Self.contract("api-gateway", "order-saga")])
    await system.stop()
    #expect(report.succeeded, "\(HumanReport(report))")
    #expect(report.results.count == 3)
  }

  static func message(_ event: OrderEvent) throws -> AccordModel.Message {
    let data = try JSONResponse.encoder.encode(event)
    return Message(
      contents: Body(data: data, contentType: ContentType("application/json")),
      metadata: event.metadata.mapValues { .string($0) })
  }
}
