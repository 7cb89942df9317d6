import Foundation
import SampleKit

/// A user as the gateway reads it from user-service: only the fields it uses.
public struct GatewayUser: Codable, Sendable, Hashable {
  public var id: Int
  public var name: String
  public var email: String

  public init(id: Int, name: String, email: String) {
    self.id = id
    self.name = name
    self.email = email
  }
}

/// An order as the gateway reads it from order-service.
public struct GatewayOrder: Codable, Sendable, Hashable {
  public var id: Int
  public var total: Double
  public var status: String

  public init(id: Int, total: Double, status: String) {
    self.id = id
    self.total = total
    self.status = status
  }
}

/// A downstream answer the gateway did not expect.
public struct DownstreamFailure: Error, CustomStringConvertible, Sendable {
  public var service: String
  public var status: Int
  public var description: String { "\(service) answered \(status)" }
}

/// The gateway's client of user-service (the code its contract tests run against a mock).
public struct UserServiceClient: Sendable {
  public var downstream: Downstream

  public init(baseURL: String) { downstream = Downstream(name: "user-service", baseURL: baseURL) }

  /// The user, or `nil` when user-service has no such user.
  public func user(id: Int) async throws -> GatewayUser? {
    let answer = try await downstream.send("GET", "/users/\(id)")
    switch answer.status {
    case 200: return try answer.decode(GatewayUser.self)
    case 404: return nil
    default: throw DownstreamFailure(service: downstream.name, status: answer.status)
    }
  }
}

/// The gateway's client of order-service.
public struct OrderServiceClient: Sendable {
  public var downstream: Downstream

  public init(baseURL: String) { downstream = Downstream(name: "order-service", baseURL: baseURL) }

  public func orders(userId: Int) async throws -> [GatewayOrder] {
    struct List: Decodable { var orders: [GatewayOrder] }
    let answer = try await downstream.send("GET", "/orders?userId=\(userId)")
    guard answer.status == 200 else { throw DownstreamFailure(service: downstream.name, status: answer.status) }
    return try answer.decode(List.self).orders
  }

  public func order(id: Int) async throws -> GatewayOrder? {
    let answer = try await downstream.send("GET", "/orders/\(id)")
    switch answer.status {
    case 200: return try answer.decode(GatewayOrder.self)
    case 404: return nil
    default: throw DownstreamFailure(service: downstream.name, status: answer.status)
    }
  }
}
