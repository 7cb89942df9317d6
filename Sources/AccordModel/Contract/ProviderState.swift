/// A state the provider must be in before an interaction is replayed, with optional parameters.
///
/// ```swift
/// let state = ProviderState("user 42 exists", params: ["id": 42])
/// ```
public struct ProviderState: Sendable, Hashable {
  public var name: String
  public var params: [String: JSONValue]

  public init(_ name: String, params: [String: JSONValue] = [:]) {
    self.name = name
    self.params = params
  }
}
