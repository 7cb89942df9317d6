import Foundation
import NIOCore
import SampleKit

/// The saga's client of inventory-service (the code its contract tests run against a mock).
public struct InventoryClient: Sendable {
  public var downstream: Downstream

  public init(baseURL: String, timeout: TimeAmount = .seconds(5)) {
    downstream = Downstream(name: "inventory-service", baseURL: baseURL, timeout: timeout)
  }

  public struct Item: Codable, Sendable, Hashable {
    public var sku: String
    public var quantity: Int

    public init(sku: String, quantity: Int) {
      self.sku = sku
      self.quantity = quantity
    }
  }

  public enum Reservation: Sendable, Equatable {
    case reserved(id: String)
    case outOfStock(sku: String)
  }

  public func reserve(orderId: Int, items: [Item], key: String) async throws -> Reservation {
    struct Ask: Encodable, Sendable { var orderId: Int, items: [Item] }
    struct Reserved: Decodable { var reservationId: String }
    struct Short: Decodable { var sku: String }
    let answer = try await StepError.send(
      downstream, "POST", "/reservations", json: Ask(orderId: orderId, items: items), key: key)
    switch answer.status {
    case 201: return .reserved(id: try answer.decode(Reserved.self).reservationId)
    case 409: return .outOfStock(sku: try answer.decode(Short.self).sku)
    default: throw StepError.unexpected(answer, downstream)
    }
  }

  public func release(reservationId: String, key: String) async throws {
    let answer = try await StepError.send(downstream, "POST", "/reservations/\(reservationId)/release", key: key)
    guard answer.status == 200 else { throw StepError.unexpected(answer, downstream) }
  }
}

/// The saga's client of payment-service.
public struct PaymentClient: Sendable {
  public var downstream: Downstream

  public init(baseURL: String, timeout: TimeAmount = .seconds(5)) {
    downstream = Downstream(name: "payment-service", baseURL: baseURL, timeout: timeout)
  }

  public enum Charge: Sendable, Equatable {
    case charged(id: String)
    case declined(reason: String)
  }

  public func charge(orderId: Int, amount: Double, cardToken: String, key: String) async throws -> Charge {
    struct Ask: Encodable, Sendable { var orderId: Int, amount: Double, cardToken: String }
    struct Charged: Decodable { var paymentId: String }
    struct Declined: Decodable { var error: String }
    let answer = try await StepError.send(
      downstream, "POST", "/payments", json: Ask(orderId: orderId, amount: amount, cardToken: cardToken), key: key)
    switch answer.status {
    case 201: return .charged(id: try answer.decode(Charged.self).paymentId)
    case 402: return .declined(reason: try answer.decode(Declined.self).error)
    default: throw StepError.unexpected(answer, downstream)
    }
  }

  public func refund(paymentId: String, key: String) async throws {
    let answer = try await StepError.send(downstream, "POST", "/payments/\(paymentId)/refund", key: key)
    guard answer.status == 200 else { throw StepError.unexpected(answer, downstream) }
  }
}

/// The saga's client of shipping-service.
public struct ShippingClient: Sendable {
  public var downstream: Downstream

  public init(baseURL: String, timeout: TimeAmount = .seconds(5)) {
    downstream = Downstream(name: "shipping-service", baseURL: baseURL, timeout: timeout)
  }

  public enum Schedule: Sendable, Equatable {
    case scheduled(id: String)
    case unavailable(reason: String)
  }

  public func schedule(orderId: Int, address: String, key: String) async throws -> Schedule {
    struct Ask: Encodable, Sendable { var orderId: Int, address: String }
    struct Scheduled: Decodable { var shipmentId: String }
    struct Unavailable: Decodable { var error: String }
    let answer = try await StepError.send(
      downstream, "POST", "/shipments", json: Ask(orderId: orderId, address: address), key: key)
    switch answer.status {
    case 201: return .scheduled(id: try answer.decode(Scheduled.self).shipmentId)
    case 503: return .unavailable(reason: try answer.decode(Unavailable.self).error)
    default: throw StepError.unexpected(answer, downstream)
    }
  }

  public func cancel(shipmentId: String, key: String) async throws {
    let answer = try await StepError.send(downstream, "POST", "/shipments/\(shipmentId)/cancel", key: key)
    guard answer.status == 200 else { throw StepError.unexpected(answer, downstream) }
  }
}
