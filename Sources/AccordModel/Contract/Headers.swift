/// HTTP headers, or message metadata written like headers: names compare without regard to case and each name
/// may carry several values.
///
/// Values are kept as written (`"a, b"` stays one value); matching splits comma-separated values where the
/// header allows it.
///
/// ```swift
/// var headers: Headers = ["Content-Type": "application/json"]
/// headers.add("Accept", "text/plain")
/// headers["content-type"]  // ["application/json"]
/// ```
public struct Headers: Sendable, Hashable, ExpressibleByDictionaryLiteral {
  public struct Field: Sendable, Hashable {
    public var name: String
    public var values: [String]

    public init(name: String, values: [String]) {
      self.name = name
      self.values = values
    }
  }

  /// The fields in the order they were added; a name appears once.
  public private(set) var fields: [Field] = []

  public init() {}

  public init(_ fields: [(String, [String])]) {
    for (name, values) in fields { add(name, values) }
  }

  public init(dictionaryLiteral elements: (String, String)...) {
    for (name, value) in elements { add(name, value) }
  }

  public var isEmpty: Bool { fields.isEmpty }
  public var names: [String] { fields.map(\.name) }

  /// The values for `name` (any case), or `nil` when the header is absent.
  public subscript(name: String) -> [String]? {
    get { index(of: name).map { fields[$0].values } }
    set {
      if let position = index(of: name) {
        if let newValue { fields[position].values = newValue } else { fields.remove(at: position) }
      } else if let newValue {
        fields.append(Field(name: name, values: newValue))
      }
    }
  }

  /// The first value for `name`, if any.
  public func first(_ name: String) -> String? { self[name]?.first }

  /// Appends values to a header, keeping the name's first spelling.
  public mutating func add(_ name: String, _ values: [String]) {
    if let position = index(of: name) {
      fields[position].values += values
    } else {
      fields.append(Field(name: name, values: values))
    }
  }

  public mutating func add(_ name: String, _ value: String) { add(name, [value]) }

  /// The `Content-Type` header parsed, if present and valid.
  public var contentType: ContentType? { first("Content-Type").flatMap(ContentType.init) }

  private func index(of name: String) -> Int? {
    fields.firstIndex { $0.name.equalsIgnoringASCIICase(name) }
  }

  public static func == (lhs: Headers, rhs: Headers) -> Bool {
    lhs.normalized == rhs.normalized
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(normalized)
  }

  private var normalized: [String: [String]] {
    Dictionary(fields.map { ($0.name.lowercased(), $0.values) }, uniquingKeysWith: +)
  }
}

extension String {
  /// Equality ignoring ASCII case, as HTTP header names compare; no allocation.
  package func equalsIgnoringASCIICase(_ other: String) -> Bool {
    guard utf8.count == other.utf8.count else { return false }
    for (left, right) in zip(utf8, other.utf8) where left != right {
      let lowerLeft = (0x41...0x5A).contains(left) ? left | 0x20 : left
      let lowerRight = (0x41...0x5A).contains(right) ? right | 0x20 : right
      if lowerLeft != lowerRight { return false }
    }
    return true
  }
}
