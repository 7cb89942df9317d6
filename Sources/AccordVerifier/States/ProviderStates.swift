import AccordModel

/// Provider states as Swift closures, for verifying a provider in its own `swift test`.
///
/// Each state has a setup, and may have a teardown (run after the interaction, also when it failed or threw).
/// A setup that creates something can return values for `ProviderState` generators.
///
/// ```swift
/// let states = ProviderStates()
///   .given("user 42 exists") { params in store.insert(User(id: params["id"]?.intValue ?? 42, name: "Alice")) }
///   .given("no user is called Bob", tearDown: { _ in store.restore() }) { _ in store.removeAll(named: "Bob") }
///   .given("a new user", providing: { _ in ["id": .int(store.create("Eve"))] })
/// ```
public struct ProviderStates: ProviderStateHandler {
  /// A setup that returns values for `ProviderState` generators (`/users/${id}`).
  public typealias SetUp = @Sendable ([String: JSONValue]) async throws -> [String: JSONValue]
  public typealias TearDown = @Sendable ([String: JSONValue]) async throws -> Void

  private var setUps: [String: SetUp]
  private var tearDowns: [String: TearDown]

  /// States from a dictionary of setups that return generator values (`[:]` when there are none).
  public init(_ setUps: [String: SetUp] = [:], tearDowns: [String: TearDown] = [:]) {
    self.setUps = setUps
    self.tearDowns = tearDowns
  }

  /// Adds a state whose setup returns nothing.
  public func given(
    _ name: String, tearDown: TearDown? = nil, _ setUp: @escaping @Sendable ([String: JSONValue]) async throws -> Void
  ) -> ProviderStates {
    given(
      name, tearDown: tearDown,
      providing: { params in
        try await setUp(params)
        return [:]
      })
  }

  /// Adds a state whose setup returns values for `ProviderState` generators.
  public func given(_ name: String, tearDown: TearDown? = nil, providing setUp: @escaping SetUp) -> ProviderStates {
    var copy = self
    copy.setUps[name] = setUp
    copy.tearDowns[name] = tearDown
    return copy
  }

  public func setUp(_ state: ProviderState) async throws -> [String: JSONValue] {
    guard let handler = setUps[state.name] else {
      let known = setUps.keys.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
      throw StateError(
        message: "no handler for provider state \"\(state.name)\"; add one with ProviderStates.given"
          + (known.isEmpty ? "" : " (there are handlers for \(known))"))
    }
    return try await handler(state.params)
  }

  public func tearDown(_ state: ProviderState) async throws {
    try await tearDowns[state.name]?(state.params)
  }
}
