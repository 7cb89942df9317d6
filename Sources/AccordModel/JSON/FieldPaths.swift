/// The fields of a JSON document as JSON paths: every leaf (`$.user.name`), with array elements as `[*]`
/// (`$.orders[*].id`), so the same field in two examples of different lengths is one path.
///
/// ```swift
/// FieldPaths.of(["id": 1, "orders": [["id": 7]]])  // ["$.id", "$.orders[*].id"]
/// ```
public enum FieldPaths {
  /// Deeper than this, a document is summarised at this depth (hostile nesting costs nothing).
  static let maximumDepth = 64

  /// At most this many paths are kept (a provider's answer can be huge; its fields are not).
  public static let maximumCount = 5_000

  public static func of(_ document: JSONValue) -> [String] {
    var paths = Set<String>()
    collect(document, "$", 0, &paths)
    return paths.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) })
  }

  private static func collect(_ value: JSONValue, _ path: String, _ depth: Int, _ paths: inout Set<String>) {
    guard paths.count < maximumCount else { return }
    guard depth < maximumDepth else {
      paths.insert(path)
      return
    }
    switch value {
    case .object(let members) where !members.isEmpty:
      for key in members.keys { collect(members[key]!, path + segment(key), depth + 1, &paths) }
    case .array(let items) where !items.isEmpty:
      for item in items { collect(item, path + "[*]", depth + 1, &paths) }
    default:
      if path != "$" { paths.insert(path) }
    }
  }

  /// `.name`, or `['a key']` for a key that is not a plain identifier.
  static func segment(_ key: String) -> String {
    let plain =
      !key.isEmpty
      && key.unicodeScalars.allSatisfy { scalar in
        scalar.isASCII
          && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-")
      }
    return plain ? "." + key : "['" + key.replacingOccurrences(of: "'", with: "\\'") + "']"
  }
}
