extension Downstream {
  /// Sets up a provider state of this downstream service, through its provider-states route: how a service whose
  /// provider states are its downstreams' states (the gateway, the saga) sets them up for a verifier.
  ///
  /// ```swift
  /// try await users.arrange("a user exists", ["id": .int(42), "name": .string("Alice")], action: state.action)
  /// ```
  public func arrange(_ state: String, _ params: [String: StateParameter], action: String) async throws {
    struct Change: Encodable, Sendable {
      var state: String
      var params: [String: StateParameter]
      var action: String
    }
    let answer = try await send(
      "POST", "/_accord/provider-states", json: Change(state: state, params: params, action: action))
    guard (200..<300).contains(answer.status) else {
      throw ServiceError(.badGateway, "\(name) refused provider state \"\(state)\" (\(answer.status))")
    }
  }
}
