/// A JSON document, typed: no `Any`, no `NSNumber`.
///
/// Integers and decimals are kept apart, as the Pact matchers `integer` and `decimal` need:
/// `1` parses as ``int(_:)`` and `1.0` as ``double(_:)``.
///
/// ```swift
/// let user: JSONValue = ["id": 42, "name": "Alice", "roles": ["admin"], "manager": nil]
/// user["roles"]?[0]?.stringValue  // "admin"
/// ```
public enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)
}

extension JSONValue {
  /// The member `key` of an object, or `nil` for a missing key or a value that is not an object.
  public subscript(key: String) -> JSONValue? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  /// The element at `index` of an array, or `nil` when out of range or not an array.
  public subscript(index: Int) -> JSONValue? {
    if case .array(let elements) = self, elements.indices.contains(index) { return elements[index] }
    return nil
  }

  public var stringValue: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  public var intValue: Int? {
    switch self {
    case .int(let value): return value
    case .double(let value) where value.rounded() == value && abs(value) < 9.0e15: return Int(value)
    default: return nil
    }
  }

  public var doubleValue: Double? {
    switch self {
    case .int(let value): return Double(value)
    case .double(let value): return value
    default: return nil
    }
  }

  public var boolValue: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  public var arrayValue: [JSONValue]? {
    if case .array(let value) = self { return value }
    return nil
  }

  public var objectValue: JSONObject? {
    if case .object(let value) = self { return value }
    return nil
  }

  public var isNull: Bool {
    if case .null = self { return true }
    return false
  }

  public var isNumber: Bool {
    switch self {
    case .int, .double: return true
    default: return false
    }
  }

  public var isContainer: Bool {
    switch self {
    case .array, .object: return true
    default: return false
    }
  }

  /// The JSON type as a person names it: "string", "integer", "decimal", "boolean", "null", "array", "object".
  public var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "boolean"
    case .int: return "integer"
    case .double: return "decimal"
    case .string: return "string"
    case .array: return "array"
    case .object: return "object"
    }
  }

  /// Whether two values are of the same JSON type, where integers and decimals are both numbers.
  public func hasSameType(as other: JSONValue) -> Bool {
    switch (self, other) {
    case (.null, .null), (.bool, .bool), (.string, .string), (.array, .array), (.object, .object): return true
    case (.int, .int), (.int, .double), (.double, .int), (.double, .double): return true
    default: return false
    }
  }

  /// The value as plain text: strings without quotes, everything else as compact JSON.
  public var plainText: String {
    if case .string(let value) = self { return value }
    return serialized()
  }

  /// A short description for messages: `"123" (string)`, `42 (integer)`, `an object with 3 keys`.
  public var summary: String {
    switch self {
    case .null: return "null"
    case .bool(let value): return "\(value) (boolean)"
    case .int, .double: return "\(serialized()) (\(typeName))"
    case .string: return "\(serialized().truncatedForMessage) (string)"
    case .array(let elements):
      return elements.isEmpty ? "an empty array" : "an array of \(elements.count) item\(elements.count == 1 ? "" : "s")"
    case .object(let members):
      return members.isEmpty ? "an empty object" : "an object with \(members.count) key\(members.count == 1 ? "" : "s")"
    }
  }
}

extension String {
  /// Long values are cut in messages so that one mismatch stays one line.
  package var truncatedForMessage: String {
    count > 120 ? String(prefix(117)) + "…" : self
  }
}
