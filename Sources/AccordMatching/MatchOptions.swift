import AccordModel

/// Choices that change how matching behaves.
///
/// ```swift
/// let matcher = RequestMatcher(expected: request, options: MatchOptions(specification: .v1))
/// ```
public struct MatchOptions: Sendable, Hashable {
  /// The specification the contract was written in; V1 compares query strings as text.
  public var specification: PactSpecification

  public init(specification: PactSpecification = .v4) {
    self.specification = specification
  }
}
