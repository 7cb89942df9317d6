/// A contract between a consumer and a provider: the Pact file's content.
///
/// ```swift
/// let contract = try ContractDecoder().decode(data, source: "contracts/Web-UserService.json").contract
/// let data = ContractEncoder().encode(contract)  // V4 JSON, stable key order
/// ```
public struct Contract: Sendable, Hashable {
  public var consumer: ContractParty
  public var provider: ContractParty
  public var interactions: [Interaction]
  /// The `metadata` object as read, without `pactSpecification`, which ``specification`` holds.
  public var metadata: [String: JSONValue]
  /// The specification version the file was written in (writing always gives V4).
  public var specification: PactSpecification
  /// Top-level attributes this version does not model, kept as read.
  public var extra: [String: JSONValue]

  public init(
    consumer: ContractParty, provider: ContractParty, interactions: [Interaction] = [],
    metadata: [String: JSONValue] = [:], specification: PactSpecification = .v4, extra: [String: JSONValue] = [:]
  ) {
    self.consumer = consumer
    self.provider = provider
    self.interactions = interactions
    self.metadata = metadata
    self.specification = specification
    self.extra = extra
  }
}

/// A party to a contract: the consumer or the provider.
public struct ContractParty: Sendable, Hashable, ExpressibleByStringLiteral {
  public var name: String
  /// Attributes besides `name`, kept as read.
  public var extra: [String: JSONValue]

  public init(_ name: String, extra: [String: JSONValue] = [:]) {
    self.name = name
    self.extra = extra
  }

  public init(stringLiteral name: String) {
    self.init(name)
  }
}

/// Versions of the Pact specification. Matching follows the file's version where versions differ
/// (V1 compares query strings as text).
public enum PactSpecification: String, Sendable, Hashable, Comparable, CaseIterable {
  case v1 = "1.0.0"
  case v1Point1 = "1.1.0"
  case v2 = "2.0.0"
  case v3 = "3.0.0"
  case v4 = "4.0"

  /// Reads `"3.0.0"`, `"3"`, `"4.0"`, `"v4"`, …; `nil` for a version that does not exist.
  public init?(versionString: String) {
    var text = versionString.lowercased()
    if text.hasPrefix("v") { text.removeFirst() }
    let parts = text.split(separator: ".").map(String.init)
    switch (parts.first, parts.count > 1 ? parts[1] : "0") {
    case ("1", "0"): self = .v1
    case ("1", "1"): self = .v1Point1
    case ("2", _): self = .v2
    case ("3", _): self = .v3
    case ("4", _): self = .v4
    default: return nil
    }
  }

  private var order: Int { PactSpecification.allCases.firstIndex(of: self)! }

  public static func < (lhs: PactSpecification, rhs: PactSpecification) -> Bool { lhs.order < rhs.order }
}
