/// A JSON value with the path it was found at, for decoding with errors that say where.
struct JSONNode {
  let value: JSONValue
  let path: [PathSegment]
  let source: String

  var jsonPath: String { path.jsonPath }

  func child(_ key: String) -> JSONNode? {
    guard let member = value[key] else { return nil }
    return JSONNode(value: member, path: path + [.key(key)], source: source)
  }

  /// The first present member among `keys` (for attributes with historical spellings).
  func child(anyOf keys: [String]) -> JSONNode? {
    for key in keys { if let node = child(key) { return node } }
    return nil
  }

  func element(_ index: Int, _ value: JSONValue) -> JSONNode {
    JSONNode(value: value, path: path + [.index(index)], source: source)
  }

  func member(_ key: String, _ value: JSONValue) -> JSONNode {
    JSONNode(value: value, path: path + [.key(key)], source: source)
  }

  func error(_ message: String) -> ContractError {
    ContractError(source: source, path: jsonPath, message: message)
  }

  func object(_ what: String) throws(ContractError) -> JSONObject {
    guard case .object(let members) = value else { throw error("expected \(what) (a JSON object) but found \(value.summary)") }
    return members
  }

  func array(_ what: String) throws(ContractError) -> [JSONValue] {
    guard case .array(let elements) = value else { throw error("expected \(what) (a JSON array) but found \(value.summary)") }
    return elements
  }

  func string(_ what: String) throws(ContractError) -> String {
    guard case .string(let text) = value else { throw error("expected \(what) (a string) but found \(value.summary)") }
    return text
  }

  /// The members of an object in a stable order (UTF-8 order of keys), as nodes.
  func members(_ what: String) throws(ContractError) -> [(key: String, node: JSONNode)] {
    return try object(what).map { ($0.key, member($0.key, $0.value)) }
  }

  func elements(_ what: String) throws(ContractError) -> [JSONNode] {
    try array(what).enumerated().map { element($0.offset, $0.element) }
  }

  func requiredChild(_ key: String, _ what: String) throws(ContractError) -> JSONNode {
    guard let node = child(key) else {
      throw error("missing \"\(key)\": expected \(what)")
    }
    return node
  }

  /// The members not in `known`, to keep as extra attributes.
  func extra(known: Set<String>) -> [String: JSONValue] {
    guard case .object(let members) = value else { return [:] }
    return Dictionary(uniqueKeysWithValues: members.filter { !known.contains($0.key) }.map { ($0.key, $0.value) })
  }
}
