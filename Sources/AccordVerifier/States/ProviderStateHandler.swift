import AccordModel

/// Puts the provider into the state an interaction needs, and takes it out again.
///
/// Setup may return values (such as the id of a record it created) for `ProviderState` generators: a request path
/// `/users/${id}` becomes `/users/<the id returned>`.
public protocol ProviderStateHandler: Sendable {
  func setUp(_ state: ProviderState) async throws -> [String: JSONValue]
  func tearDown(_ state: ProviderState) async throws
}
