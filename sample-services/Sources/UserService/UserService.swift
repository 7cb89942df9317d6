import Foundation
import Hummingbird
import SampleKit

/// `user-service`: the shop's customers.
///
/// - `GET /users/{id}` → `{"id", "name", "email", "tier"}`, or 404
/// - `POST /users` `{"name", "email", "tier"?}` → 201 with the user
/// - `GET /health`, `POST /_accord/provider-states`
///
/// ```swift
/// let service = try UserService(store: UserStore())
/// let running = try await RunningService.start(name: UserService.name, router: service.router())
/// ```
public struct UserService: Sendable {
  public static let name = "user-service"
  public let store: UserStore
  /// The JSON key of a user's name. The demo's breaking change renames it ("fullName").
  public var nameField: String

  public init(store: UserStore, nameField: String = "name") {
    self.store = store
    self.nameField = nameField
  }

  public func router() -> Router<BasicRequestContext> {
    let router = Router()
    let store = self.store
    let nameField = self.nameField
    router.get("users/:id") { _, context in
      guard let id = context.parameters.get("id", as: Int.self) else {
        throw ServiceError(.badRequest, "the user id must be a whole number, as in /users/42")
      }
      guard let user = try await store.user(id: id) else {
        throw ServiceError(.notFound, "there is no user \(id)")
      }
      return try Self.response(user, nameField: nameField)
    }
    router.post("users") { request, context in
      let new = try await JSONResponse.decode(NewUser.self, from: request, context: context)
      guard !new.name.isEmpty, new.email.contains("@") else {
        throw ServiceError(.badRequest, "a user needs a name and an email address with an @")
      }
      return try Self.response(try await store.create(new), nameField: nameField, status: .created)
    }
    ServiceRoutes.add(to: router, service: Self.name) { state in try await setUp(state) }
    return router
  }

  static func response(_ user: User, nameField: String, status: HTTPResponse.Status = .ok) throws -> Response {
    var object = try JSONSerialization.jsonObject(with: JSONResponse.encoder.encode(user)) as! [String: Any]
    if nameField != "name" {
      object[nameField] = object.removeValue(forKey: "name")
    }
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    return Response(
      status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
  }

  /// The provider states its consumers' contracts name.
  func setUp(_ state: ProviderStateRequest) async throws {
    guard state.isSetup else { return }
    switch state.state {
    case "a user exists":
      let id = state.int("id") ?? 42
      try await store.save(
        User(
          id: id, name: state.string("name") ?? "Alice", email: state.string("email") ?? "alice@example.com",
          tier: state.string("tier") ?? "gold"))
    case "no user exists":
      try await store.delete(id: state.int("id") ?? 404)
    default:
      throw ServiceRoutes.unknown(state, service: Self.name)
    }
  }
}
