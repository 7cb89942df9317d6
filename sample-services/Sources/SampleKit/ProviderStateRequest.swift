import Foundation

/// What a contract verifier posts to a service's provider-states endpoint (`POST /_accord/provider-states`), as the
/// Pact verifiers send it: `{"state": "user 42 exists", "params": {"id": 42}, "action": "setup"}`.
public struct ProviderStateRequest: Decodable, Sendable {
  public var state: String
  public var params: [String: StateParameter]
  public var action: String

  public var isSetup: Bool { action != "teardown" }

  enum CodingKeys: String, CodingKey { case state, params, action }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    state = try container.decodeIfPresent(String.self, forKey: .state) ?? ""
    params = try container.decodeIfPresent([String: StateParameter].self, forKey: .params) ?? [:]
    action = try container.decodeIfPresent(String.self, forKey: .action) ?? "setup"
  }

  public func int(_ name: String) -> Int? { params[name]?.int }
  public func string(_ name: String) -> String? { params[name]?.string }
}

/// One provider-state parameter: a string, number or boolean (nested values are ignored).
public enum StateParameter: Codable, Sendable, Hashable {
  case string(String)
  case number(Double)
  case bool(Bool)
  case other

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else {
      self = .other
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .string(let text): try container.encode(text)
    case .number(let value):
      if let whole = Int(exactly: value) { try container.encode(whole) } else { try container.encode(value) }
    case .bool(let value): try container.encode(value)
    case .other: try container.encodeNil()
    }
  }

  public static func int(_ value: Int) -> StateParameter { .number(Double(value)) }

  public var int: Int? {
    switch self {
    case .number(let value): return Int(exactly: value)
    case .string(let text): return Int(text)
    default: return nil
    }
  }

  public var string: String? {
    switch self {
    case .string(let text): return text
    case .number(let value): return value.rounded() == value ? String(Int(value)) : String(value)
    case .bool(let value): return String(value)
    case .other: return nil
    }
  }
}
