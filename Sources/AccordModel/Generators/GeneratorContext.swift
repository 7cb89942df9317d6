import Foundation

/// What generators may draw on: values returned by provider-state setup, the mock server's URL, the clock.
///
/// ```swift
/// var context = GeneratorContext(providerState: ["id": 42])
/// let request = interactionRequest.applyingGenerators(context)
/// ```
public struct GeneratorContext: Sendable {
  /// Values for `ProviderState` generators (`${id}`), as returned by the provider's state setup.
  public var providerState: [String: JSONValue]
  /// The base URL for `MockServerURL` generators, e.g. `http://127.0.0.1:54321`.
  public var mockServerURL: String?
  /// The time date generators start from.
  public var now: Date

  /// Finds a regex's first match in a text and its groups (group 0 the whole match), or `nil` for no match: the
  /// matcher's engine (AccordMatching's `RegexCapture.firstMatch`), with its ASCII classes and time limit, so a
  /// contract's regex means the same in a generator as in a matcher. `MockServerURL` generators need it.
  public var captures: (@Sendable (_ pattern: String, _ text: String) -> Result<[String?]?, GeneratorError>)?

  public init(
    providerState: [String: JSONValue] = [:], mockServerURL: String? = nil, now: Date = Date(),
    captures: (@Sendable (_ pattern: String, _ text: String) -> Result<[String?]?, GeneratorError>)? = nil
  ) {
    self.providerState = providerState
    self.mockServerURL = mockServerURL
    self.now = now
    self.captures = captures
  }
}
