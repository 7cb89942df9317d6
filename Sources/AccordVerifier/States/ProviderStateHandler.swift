import AccordModel

/// Puts the provider into the state an interaction needs, and takes it out again.
///
/// Setup may return values (such as the id of a record it created) for `ProviderState` generators: a request path
/// `/users/${id}` becomes `/users/<the id returned>`.
public protocol ProviderStateHandler: Sendable {
  func setUp(_ state: ProviderState) async throws -> [String: JSONValue]
  func tearDown(_ state: ProviderState) async throws
  /// Whether interactions without provider states are set up too, with the state `""` and no parameters, as the
  /// Pact verifiers do for a provider-states URL (providers that reset their store on every call rely on it).
  var setsUpStatelessInteractions: Bool { get }
}

extension ProviderStateHandler {
  public var setsUpStatelessInteractions: Bool { false }
}
