import AccordModel
import Crypto
import Foundation

/// A contract as the broker keeps it: the JSON a consumer published, the names in it, and the SHA-256 of what
/// verification depends on.
///
/// The SHA leaves out what does not change a verification's outcome: the `metadata` other than the Pact
/// specification version, the broker's own `_links`, and interaction `_id`s. So two builds that publish the same
/// interactions share one content, and a verification of one counts for the other.
///
/// ```swift
/// let content = try PactContent(json: try JSONValue(parsing: data), path: "contracts[0].content")
/// content.sha  // "9f86d08…"
/// ```
public struct PactContent: Sendable, Hashable {
  public var consumer: String
  public var provider: String
  public var json: JSONValue
  public var sha: String

  /// Reads a published contract. `path` names where it was in the request, for errors.
  public init(json: JSONValue, path: String) throws(BrokerError) {
    guard case .object(let members) = json else {
      throw .invalid("\(path) is not a JSON object; publish the contents of a pact file")
    }
    guard let consumer = members["consumer"]?["name"]?.stringValue else {
      throw .invalid("\(path) has no consumer.name; is this a pact file?")
    }
    guard let provider = members["provider"]?["name"]?.stringValue else {
      throw .invalid("\(path) has no provider.name; is this a pact file?")
    }
    try Names.check(consumer, what: "\(path).consumer.name")
    try Names.check(provider, what: "\(path).provider.name")
    if members["interactions"] == nil, members["messages"] == nil {
      throw .invalid("\(path) has neither interactions nor messages; is this a pact file?")
    }
    if let version = Self.specificationVersion(json), !["1", "2", "3", "4"].contains(version) {
      throw .invalid(
        "\(path).metadata.pactSpecification.version is \(PrintSafe.quoted(version)); this broker reads Pact "
          + "specification versions 1 to 4")
    }
    self.consumer = consumer
    self.provider = provider
    var stored = members
    stored["_links"] = nil
    self.json = .object(stored)
    self.sha = Self.sha(of: .object(stored))
  }

  /// The major version of `metadata.pactSpecification.version` (or `pact-specification`), if given.
  static func specificationVersion(_ json: JSONValue) -> String? {
    let metadata = json["metadata"]
    guard
      let text = (metadata?["pactSpecification"]?["version"] ?? metadata?["pact-specification"]?["version"])?
        .stringValue
    else { return nil }
    return String(text.prefix { $0 != "." })
  }

  /// SHA-256 (hex) of the verification-relevant part of a contract.
  public static func sha(of json: JSONValue) -> String {
    guard case .object(var members) = json else { return hex(SHA256.hash(data: json.data())) }
    members["_links"] = nil
    if let version = members["metadata"]?["pactSpecification"] ?? members["metadata"]?["pact-specification"] {
      members["metadata"] = .object(["pactSpecification": version])
    } else {
      members["metadata"] = nil
    }
    for key in ["interactions", "messages"] {
      guard case .array(let items) = members[key] else { continue }
      members[key] = .array(
        items.map { item in
          guard case .object(var fields) = item else { return item }
          fields["_id"] = nil
          return .object(fields)
        })
    }
    return hex(SHA256.hash(data: JSONValue.object(members).data()))
  }

  private static func hex(_ digest: SHA256.Digest) -> String {
    digest.map { byte in
      let text = String(byte, radix: 16)
      return byte < 16 ? "0" + text : text
    }.joined()
  }
}
