import Foundation
import SampleKit

/// The shop's web front end's client of api-gateway: what the browser-facing code calls.
///
/// ```swift
/// let client = WebClient(baseURL: "http://127.0.0.1:8080", token: "web-token")
/// let dashboard = try await client.dashboard(userId: 42)
/// print(dashboard.greeting)
/// ```
public struct WebClient: Sendable {
  public var gateway: Downstream
  public var token: String

  public init(baseURL: String, token: String) {
    gateway = Downstream(name: "api-gateway", baseURL: baseURL)
    self.token = token
  }

  public struct Dashboard: Decodable, Sendable, Equatable {
    public struct User: Decodable, Sendable, Equatable {
      public var id: Int
      public var name: String
    }
    public struct Order: Decodable, Sendable, Equatable {
      public var id: Int
      public var total: Double
      public var status: String
    }
    public var user: User
    public var orders: [Order]

    /// What the page shows at the top.
    public var greeting: String {
      "Hello \(user.name), you have \(orders.count) order\(orders.count == 1 ? "" : "s")"
    }
  }

  public enum Failure: Error, Equatable {
    case notSignedIn
    case notFound
    case unavailable(status: Int)
  }

  public func dashboard(userId: Int) async throws -> Dashboard {
    // No token, no Authorization header: the gateway says what to send.
    let headers = token.isEmpty ? [] : [("Authorization", "Bearer \(token)")]
    let answer = try await gateway.send("GET", "/api/dashboard/\(userId)", headers: headers)
    switch answer.status {
    case 200: return try answer.decode(Dashboard.self)
    case 401: throw Failure.notSignedIn
    case 404: throw Failure.notFound
    default: throw Failure.unavailable(status: answer.status)
    }
  }
}
