import AccordModel

/// Reading members of what clients send, each mistake a ``BrokerError/invalid(_:)`` that names the JSON path.
///
/// ```swift
/// let branch = try body.string("branch", path: "$")   // nil when absent or null; a number is an error
/// ```
extension JSONValue {
  /// A string member, or `nil` when absent or null; any other type is an error naming `path.key`.
  public func string(_ key: String, path: String) throws(BrokerError) -> String? {
    guard let value = self[key], !value.isNull else { return nil }
    guard let text = value.stringValue else { throw .invalid("\(path).\(key) must be a string") }
    return text
  }

  /// A boolean member, or `nil` when absent or null; any other type is an error naming `path.key`.
  public func bool(_ key: String, path: String) throws(BrokerError) -> Bool? {
    guard let value = self[key], !value.isNull else { return nil }
    guard let flag = value.boolValue else { throw .invalid("\(path).\(key) must be true or false") }
    return flag
  }
}
