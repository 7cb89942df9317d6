import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The consumer's real client code, as the README examples test it: a small client for a user service.
struct User: Codable, Equatable {
  var id: Int
  var name: String
  var roles: [String]
}

struct UserClient {
  var baseURL: URL
  var session = URLSession(configuration: .ephemeral)

  func user(id: Int) async throws -> User {
    var request = URLRequest(url: baseURL.appendingPathComponent("users/\(id)"))
    request.setValue("application/json", forHTTPHeaderField: "Accept")
    let (data, response) = try await session.data(for: request)
    try Self.check(response, data)
    return try JSONDecoder().decode(User.self, from: data)
  }

  func createUser(name: String) async throws -> User {
    var request = URLRequest(url: baseURL.appendingPathComponent("users"))
    request.httpMethod = "POST"
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    request.httpBody = try JSONEncoder().encode(["name": name])
    let (data, response) = try await session.data(for: request)
    try Self.check(response, data)
    return try JSONDecoder().decode(User.self, from: data)
  }

  struct Failure: Error, CustomStringConvertible {
    var status: Int
    var body: String
    var description: String { "HTTP \(status): \(body)" }
  }

  static func check(_ response: URLResponse, _ data: Data) throws {
    let status = (response as? HTTPURLResponse)?.statusCode ?? 0
    guard (200..<300).contains(status) else {
      throw Failure(status: status, body: String(decoding: data, as: UTF8.self))
    }
  }
}
