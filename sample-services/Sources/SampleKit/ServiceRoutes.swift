import Hummingbird

/// The routes every sample service has: `GET /health`, and `POST /_accord/provider-states` for contract verifiers
/// (given to `accord verify --provider-states-url` or `pact verifier --state-change-url`).
///
/// ```swift
/// ServiceRoutes.add(to: router, service: "user-service") { state in
///   if state.state == "user 42 exists" { try await store.insert(User(id: 42, name: "Alice")) }
/// }
/// ```
public enum ServiceRoutes {
  public typealias StateHandler = @Sendable (ProviderStateRequest) async throws -> Void

  public static func add<Context: RequestContext>(
    to router: Router<Context>, service: String, states: @escaping StateHandler
  ) {
    router.get("health") { _, _ in
      try JSONResponse.make(["status": "ok", "service": service])
    }
    router.post("_accord/provider-states") { request, context in
      let state = try await JSONResponse.decode(ProviderStateRequest.self, from: request, context: context)
      // A verifier may call for an interaction with no provider state; there is nothing to set up.
      if !state.state.isEmpty { try await states(state) }
      return try JSONResponse.make([String: String]())
    }
  }

  /// The error for a provider state the service does not know.
  public static func unknown(_ state: ProviderStateRequest, service: String) -> ServiceError {
    ServiceError(.badRequest, "\(service) has no provider state \"\(state.state)\"; add it to its state handler")
  }
}
