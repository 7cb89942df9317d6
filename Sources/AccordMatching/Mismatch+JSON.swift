import AccordModel

extension Mismatch {
  /// The mismatch as JSON, for the mock server's 500 bodies and reports.
  public var json: JSONValue {
    var object: JSONObject = [
      "kind": .string(kind.rawValue), "location": .string(location), "message": .string(message),
    ]
    if !path.isEmpty { object["path"] = .string(path) }
    if let expected { object["expected"] = .string(expected) }
    if let actual { object["actual"] = .string(actual) }
    return .object(object)
  }
}
