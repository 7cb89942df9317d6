/// The members of a JSON object, kept sorted by key (UTF-8 byte order) with each key once.
///
/// Sorted storage makes iteration deterministic (contracts diff cleanly, mismatches come in a stable order) and
/// lets two objects be compared in one pass. Lookup is a scan for small objects and a binary search for large ones.
///
/// ```swift
/// var user: JSONObject = ["name": "Alice", "id": 42]
/// user["roles"] = ["admin"]
/// user.keys  // ["id", "name", "roles"]
/// ```
public struct JSONObject: Sendable, Hashable, RandomAccessCollection, ExpressibleByDictionaryLiteral {
  public typealias Element = (key: String, value: JSONValue)

  /// Members sorted by key, keys unique. Package-visible so that matching can walk two objects without copies.
  @usableFromInline package var members: [Element]

  public init() {
    members = []
  }

  /// The members of a dictionary.
  public init(_ dictionary: [String: JSONValue]) {
    members = dictionary.map { ($0.key, $0.value) }
    if members.count > 1 { members.sort { utf8Ordered($0.key, $1.key) } }
  }

  /// The members of a dictionary whose values are converted by `transform`.
  package init<Value>(_ dictionary: [String: Value], _ transform: (Value) -> JSONValue) {
    members = dictionary.map { ($0.key, transform($0.value)) }
    if members.count > 1 { members.sort { utf8Ordered($0.key, $1.key) } }
  }

  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self.init(pairs: elements.map { (key: $0.0, value: $0.1) })
  }

  /// Members from pairs in any order; when a key repeats, the last value wins.
  package init(pairs: [Element]) {
    members = pairs
    if !Self.isStrictlySorted(members) { Self.sortKeepingLastDuplicate(&members) }
  }

  @inlinable public var startIndex: Int { 0 }
  @inlinable public var endIndex: Int { members.count }
  @inlinable public var count: Int { members.count }
  @inlinable public var isEmpty: Bool { members.isEmpty }
  @inlinable public subscript(position: Int) -> Element { members[position] }

  /// The keys in order.
  public var keys: [String] { members.map(\.key) }
  /// The values in key order.
  public var values: [JSONValue] { members.map(\.value) }

  /// The value for `key`; setting `nil` removes the member.
  public subscript(key: String) -> JSONValue? {
    get { index(forKey: key).map { members[$0].value } }
    set {
      let position = insertionPoint(for: key)
      let exists = position < members.count && members[position].key == key
      switch (exists, newValue) {
      case (true, .some(let value)): members[position].value = value
      case (true, .none): members.remove(at: position)
      case (false, .some(let value)): members.insert((key, value), at: position)
      case (false, .none): break
      }
    }
  }

  /// The position of `key`, if present.
  public func index(forKey key: String) -> Int? {
    if members.count <= 8 {
      for position in members.indices where members[position].key == key { return position }
      return nil
    }
    let position = insertionPoint(for: key)
    return position < members.count && members[position].key == key ? position : nil
  }

  /// The members as a dictionary.
  public var dictionary: [String: JSONValue] {
    Dictionary(uniqueKeysWithValues: members.map { ($0.key, $0.value) })
  }

  public func mapValues(_ transform: (JSONValue) throws -> JSONValue) rethrows -> JSONObject {
    var copy = self
    for position in copy.members.indices { copy.members[position].value = try transform(copy.members[position].value) }
    return copy
  }

  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    lhs.members.count == rhs.members.count
      && zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(members.count)
    for member in members {
      hasher.combine(member.key)
      hasher.combine(member.value)
    }
  }

  private func insertionPoint(for key: String) -> Int {
    var low = 0
    var high = members.count
    while low < high {
      let middle = (low + high) / 2
      if utf8Ordered(members[middle].key, key) { low = middle + 1 } else { high = middle }
    }
    return low
  }

  private static func isStrictlySorted(_ members: [Element]) -> Bool {
    guard members.count > 1 else { return true }
    for position in 1..<members.count where !utf8Ordered(members[position - 1].key, members[position].key) {
      return false
    }
    return true
  }

  private static func sortKeepingLastDuplicate(_ members: inout [Element]) {
    let order = members.indices.sorted { left, right in
      utf8Ordered(members[left].key, members[right].key)
        || (members[left].key == members[right].key && left < right)
    }
    var sorted: [Element] = []
    sorted.reserveCapacity(members.count)
    for position in order {
      if let last = sorted.last, last.key == members[position].key {
        sorted[sorted.count - 1] = members[position]
      } else {
        sorted.append(members[position])
      }
    }
    members = sorted
  }
}
