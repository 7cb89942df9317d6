/// One way a value differs from a schema: where in the value, where in the document, and how.
public struct SchemaViolation: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable {
    /// The value is of another JSON type (including null where the schema does not allow null).
    case type
    /// The value is not among the schema's `enum` (or `const`).
    case `enum`
    /// A string does not have the schema's `format`.
    case format
    /// A length, size, bound, multiple or pattern the value does not keep.
    case constraint
    /// A property the schema requires is missing.
    case required
    /// A property the schema does not define: forbidden (`additionalProperties: false`), or, in a response, one
    /// the provider does not promise to send.
    case undeclaredProperty
    /// `oneOf`, `anyOf` or `not` is not satisfied.
    case composition
    /// The schema could not be followed (a `$ref` to nothing, a nesting past the limit).
    case unresolvable
  }

  public var kind: Kind
  /// Where in the value, as a JSON path from its root (`$.items[0].id`).
  public var valuePath: String
  /// Where in the document, as a JSON path from its root (`$.components.schemas.Item.properties.id`).
  public var schemaPath: String
  public var message: String
}
