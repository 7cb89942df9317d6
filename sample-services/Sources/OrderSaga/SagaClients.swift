import Foundation
import SampleKit

/// The saga's client of inventory-service (the code its contract tests run against a mock).
public struct InventoryClient: Sendable {
  public var downstream: Downstream

  public init(baseURL: String) { downstream = Downstream(name: "inventory-service", baseURL: baseURL) }

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
    let answer = try await SagaStep.send(
      downstream, "POST", "/reservations", json: Ask(orderId: orderId, items: items), key: key)
    switch answer.status {
    case 201: return .reserved(id: try answer.decode(Reserved.self).reservationId)
    case 409: return .outOfStock(sku: try answer.decode(Short.self).sku)
    default: throw SagaStep.unexpected(answer, downstream)
    }
  }

  public func release(reservationId: String, key: String) async throws {
    let answer = try await SagaStep.send(downstream, "POST", "/reservations/\(reservationId)/release", key: key)
    guard answer.status == 200 else { throw SagaStep.unexpected(answer, downstream) }
  }
}

/// The saga's client of payment-service.
public struct PaymentClient: Sendable {
  public var downstream: Downstream

  public init(baseURL: String) { downstream = Downstream(name: "payment-service", baseURL: baseURL) }

  public enum Charge: Sendable, Equatable {
    case charged(id: String)
    case declined(reason: String)
  }

  public func charge(orderId: Int, amount: Double, cardToken: String, key: String) async throws -> Charge {
    struct Ask: Encodable, Sendable { var orderId: Int, amount: Double, cardToken: String }
    struct Charged: Decodable { var paymentId: String }
    struct Declined: Decodable { var error: String }
    let answer = try await SagaStep.send(
      downstream, "POST", "/payments", json: Ask(orderId: orderId, amount: amount, cardToken: cardToken), key: key)
    switch answer.status {
    case 201: return .charged(id: try answer.decode(Charged.self).paymentId)
    case 402: return .declined(reason: try answer.decode(Declined.self).error)
    default: throw SagaStep.unexpected(answer, downstream)
    }
  }

  public func refund(paymentId: String, key: String) async throws {
    let answer = try await SagaStep.send(downstream, "POST", "/payments/\(paymentId)/refund", key: key)
    guard answer.status == 200 else { throw SagaStep.unexpected(answer, downstream) }
  }
}

/// The saga's client of shipping-service.
public struct ShippingClient: Sendable {
  public var downstream: Downstream

  public init(baseURL: String) { downstream = Downstream(name: "shipping-service", baseURL: baseURL) }

  public enum Schedule: Sendable, Equatable {
    case scheduled(id: String)
    case unavailable(reason: String)
  }

  public func schedule(orderId: Int, address: String, key: String) async throws -> Schedule {
    struct Ask: Encodable, Sendable { var orderId: Int, address: String }
    struct Scheduled: Decodable { var shipmentId: String }
    struct Unavailable: Decodable { var error: String }
    let answer = try await SagaStep.send(
      downstream, "POST", "/shipments", json: Ask(orderId: orderId, address: address), key: key)
    switch answer.status {
    case 201: return .scheduled(id: try answer.decode(Scheduled.self).shipmentId)
    case 503: return .unavailable(reason: try answer.decode(Unavailable.self).error)
    default: throw SagaStep.unexpected(answer, downstream)
    }
  }

  public func cancel(shipmentId: String, key: String) async throws {
    let answer = try await SagaStep.send(downstream, "POST", "/shipments/\(shipmentId)/cancel", key: key)
    guard answer.status == 200 else { throw SagaStep.unexpected(answer, downstream) }
  }
}

/// One call of a saga step: sent with its idempotency key, and sent again (same key) when no answer came, so a
/// step is applied once however often it is tried.
enum SagaStep {
  static let attempts = 3

  static func send(
    _ downstream: Downstream, _ method: String, _ path: String, json: (any Encodable & Sendable)? = nil, key: String
  ) async throws -> Downstream.Answer {
    var lastError: (any Error)?
    for attempt in 1...attempts {
      do {
        return try await downstream.send(method, path, json: json, headers: [("Idempotency-Key", key)])
      } catch {
        lastError = error
        if attempt < attempts { try await Task.sleep(for: .milliseconds(50 * attempt)) }
      }
    }
    throw SagaFailure(
      message: "\(downstream.name) did not answer \(method) \(path): \(lastError.map { "\($0)" } ?? "")")
  }

  static func unexpected(_ answer: Downstream.Answer, _ downstream: Downstream) -> SagaFailure {
    SagaFailure(
      message:
        "\(downstream.name) answered \(answer.status): \(String(decoding: answer.body.prefix(200), as: UTF8.self))")
  }
}

/// A step that could not be completed or compensated: the saga needs a person.
public struct SagaFailure: Error, CustomStringConvertible, Sendable {
  public var message: String
  public var description: String { message }
}
