/// One way a consumer's interaction asks for what the provider's document does not offer, with where it is on both
/// sides.
public struct Incompatibility: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// No path template of the document fits the request's path.
    case unknownPath = "unknown-path"
    /// The path is there, the method is not.
    case unknownMethod = "unknown-method"
    /// A required parameter (query, header, cookie) the request does not send.
    case missingParameter = "missing-parameter"
    /// A parameter whose value the parameter's schema rejects.
    case invalidParameter = "invalid-parameter"
    /// The request's body is not in a media type the operation accepts (or the operation takes none).
    case requestContentType = "request-content-type"
    /// The operation requires a body the request does not send.
    case missingRequestBody = "missing-request-body"
    /// The request's body is one the schema rejects.
    case requestBody = "request-body"
    /// The operation does not declare the response's status (nor a range or `default` that covers it).
    case responseStatus = "response-status"
    /// The response's media type is not one the operation's response declares (or it declares no body).
    case responseContentType = "response-content-type"
    /// The response's body is one the schema rejects: a type, `enum`, `format` or constraint it breaks.
    case responseBody = "response-body"
    /// The consumer expects a response property the schema does not define.
    case undeclaredResponseProperty = "undeclared-response-property"
  }

  public var kind: Kind
  public var message: String
  /// Where in the contract, as a JSON path (`$.interactions[2].response.body.items[0].price`).
  public var consumerPath: String
  /// Where in the document, as a JSON path (`$.components.schemas.Item.properties.price`).
  public var providerPath: String

  public init(kind: Kind, message: String, consumerPath: String, providerPath: String) {
    self.kind = kind
    self.message = message
    self.consumerPath = consumerPath
    self.providerPath = providerPath
  }
}

/// The operation an interaction maps to.
public struct OperationReference: Sendable, Hashable {
  public var method: String
  /// The path template as the document writes it (`/users/{id}`).
  public var path: String
  public var operationId: String?
  /// `$.paths['/users/{id}'].get`
  public var location: String
}

/// What the comparison found for one interaction.
public struct InteractionComparison: Sendable {
  /// The interaction's position in the contract.
  public var index: Int
  public var description: String
  /// `nil` when no operation fits.
  public var operation: OperationReference?
  public var incompatibilities: [Incompatibility]
  /// Set for an interaction the comparison does not check (a message); why.
  public var skipped: String?

  public var isCompatible: Bool { incompatibilities.isEmpty }
}

/// A consumer contract compared with a provider's OpenAPI document.
public struct ComparisonReport: Sendable {
  public var consumer: String
  public var provider: String
  /// The document's source (file name).
  public var document: String
  public var interactions: [InteractionComparison]

  /// Every HTTP interaction fits an operation with nothing incompatible.
  public var isCompatible: Bool { interactions.allSatisfy(\.isCompatible) }

  public var incompatibilities: [Incompatibility] { interactions.flatMap(\.incompatibilities) }
}
