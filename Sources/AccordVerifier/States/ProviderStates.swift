import AccordModel

/// Provider states as Swift closures, for verifying a provider in its own `swift test`.
///
/// ```swift
/// let states = ProviderStates([
///   "user 42 exists": { params in
///     try await store.insert(User(id: params["id"]?.intValue ?? 42, name: "Alice"))
///     return [:]
///   },
///   "no user is called Bob": { _ in await store.removeAll(named: "Bob"); return [:] },
/// ])
/// ```
public struct ProviderStates: ProviderStateHandler {
  public typealias SetUp = @Sendable ([String: JSONValue]) async throws -> [String: JSONValue]
  public typealias TearDown = @Sendable ([String: JSONValue]) async throws -> Void

  private var setUps: [String: SetUp]
  private var tearDowns: [String: TearDown]

  public init(_ setUps: [String: SetUp] = [:], tearDowns: [String: TearDown] = [:]) {
    self.setUps = setUps
    self.tearDowns = tearDowns
  }

  public func setUp(_ state: ProviderState) async throws -> [String: JSONValue] {
    guard let handler = setUps[state.name] else {
      let known = setUps.keys.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
      throw StateError(
        message: "no handler for provider state \"\(state.name)\"; add one to ProviderStates"
          + (known.isEmpty ? "" : " (there are handlers for \(known))"))
    }
    return try await handler(state.params)
  }

  public func tearDown(_ state: ProviderState) async throws {
    try await tearDowns[state.name]?(state.params)
  }
}
