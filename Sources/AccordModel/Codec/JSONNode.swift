/// A JSON value with the path it was found at, for decoding with errors that say where.
struct JSONNode {
  /// A path as a chain of links, so that a child costs one small allocation and the text is built only for errors.
  final class Link: Sendable {
    let parent: Link?
    let segment: PathSegment

    init(parent: Link?, segment: PathSegment) {
      self.parent = parent
      self.segment = segment
    }

    var segments: [PathSegment] {
      var result: [PathSegment] = []
      var link: Link? = self
      while let current = link {
        result.append(current.segment)
        link = current.parent
      }
      return result.reversed()
    }
  }

  let value: JSONValue
  let link: Link?

  /// A root node. Its errors name no file: ``DecodingState/run(_:)`` adds the source as they leave the decoder.
  init(root value: JSONValue) {
    self.value = value
    self.link = nil
  }

  private init(value: JSONValue, link: Link?) {
    self.value = value
    self.link = link
  }

  var path: [PathSegment] { link?.segments ?? [] }
  var jsonPath: String { path.jsonPath }

  func child(_ key: String) -> JSONNode? {
    guard let member = value[key] else { return nil }
    return self.member(key, member)
  }

  /// The first present member among `keys` (for attributes with historical spellings).
  func child(anyOf keys: [String]) -> JSONNode? {
    for key in keys { if let node = child(key) { return node } }
    return nil
  }

  func element(_ index: Int, _ value: JSONValue) -> JSONNode {
    JSONNode(value: value, link: Link(parent: link, segment: .index(index)))
  }

  func member(_ key: String, _ value: JSONValue) -> JSONNode {
    JSONNode(value: value, link: Link(parent: link, segment: .key(key)))
  }

  func error(_ message: String) -> ContractError {
    ContractError(source: "", path: jsonPath, message: message)
  }

  func object(_ what: String) throws(ContractError) -> JSONObject {
    guard case .object(let members) = value else {
      throw error("expected \(what) (a JSON object) but found \(value.summary)")
    }
    return members
  }

  func array(_ what: String) throws(ContractError) -> [JSONValue] {
    guard case .array(let elements) = value else {
      throw error("expected \(what) (a JSON array) but found \(value.summary)")
    }
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

  /// The members not in `known`, to keep as extra attributes. (A short list: a scan beats hashing here.)
  func extra(known: [String]) -> [String: JSONValue] {
    guard case .object(let members) = value, members.contains(where: { !known.contains($0.key) }) else { return [:] }
    return Dictionary(uniqueKeysWithValues: members.filter { !known.contains($0.key) }.map { ($0.key, $0.value) })
  }
}
