import Foundation
import NIOCore
import SampleKit

/// A checkout as a client sends it through the gateway to order-saga.
public struct GatewayCheckoutRequest: Codable, Sendable, Equatable {
  public var orderId: Int
  public var items: [Item]
  public var amount: Double
  public var cardToken: String
  public var address: String

  public struct Item: Codable, Sendable, Equatable {
    public var sku: String
    public var quantity: Int

    public init(sku: String, quantity: Int) {
      self.sku = sku
      self.quantity = quantity
    }
  }

  public init(orderId: Int, items: [Item], amount: Double, cardToken: String, address: String) {
    self.orderId = orderId
    self.items = items
    self.amount = amount
    self.cardToken = cardToken
    self.address = address
  }
}

/// A checkout as the gateway reads it from order-saga: where the saga stands and its step log.
public struct GatewayCheckout: Codable, Sendable, Equatable {
  public var sagaId: String
  /// "running", "compensating", "completed" or "compensated".
  public var status: String
  public var failedStep: String?
  public var reason: String?
  public var steps: [Step]

  public struct Step: Codable, Sendable, Equatable {
    public var step: String
    public var event: String
    public var at: String
  }
}

/// The gateway's client of order-saga.
public struct CheckoutServiceClient: Sendable {
  public var downstream: Downstream

  public init(baseURL: String, timeout: TimeAmount = .seconds(30)) {
    downstream = Downstream(name: "order-saga", baseURL: baseURL, timeout: timeout)
  }

  /// What order-saga answered a checkout.
  public enum Started: Sendable, Equatable {
    /// 201 completed, 409 compensated, or 202 still under way.
    case checkout(status: Int, GatewayCheckout)
    /// 400 or 422: the checkout as sent is wrong (the client's mistake, passed on to it).
    case refused(status: Int, message: String)
  }

  /// Starts (or, with a key sent before, finds) a checkout.
  public func start(_ checkout: GatewayCheckoutRequest, key: String) async throws -> Started {
    let answer = try await downstream.send("POST", "/checkouts", json: checkout, headers: [("Idempotency-Key", key)])
    switch answer.status {
    case 201, 202, 409: return .checkout(status: answer.status, try answer.decode(GatewayCheckout.self))
    case 400, 422:
      struct Problem: Decodable { var error: String }
      let message = (try? answer.decode(Problem.self).error) ?? "order-saga refused the checkout"
      return .refused(status: answer.status, message: message)
    default: throw DownstreamFailure(service: downstream.name, status: answer.status)
    }
  }

  /// The checkout with this id (the key it was started with), or `nil` when order-saga has none.
  public func checkout(id: String) async throws -> GatewayCheckout? {
    let answer = try await downstream.send("GET", "/checkouts/" + Downstream.pathSegment(id))
    switch answer.status {
    case 200: return try answer.decode(GatewayCheckout.self)
    case 404: return nil
    default: throw DownstreamFailure(service: downstream.name, status: answer.status)
    }
  }
}
