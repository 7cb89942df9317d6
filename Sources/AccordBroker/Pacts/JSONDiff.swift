import AccordModel

/// The differences between two JSON documents, one line per path: what a 409 shows when a consumer version is
/// republished with different content.
///
/// ```swift
/// JSONDiff.lines(from: ["a": 1], to: ["a": 2, "b": true])
/// // ["~ $.a: 1 → 2", "+ $.b: true"]
/// ```
public enum JSONDiff {
  public static func lines(from old: JSONValue, to new: JSONValue, limit: Int = 50) -> [String] {
    var lines: [String] = []
    walk(old, new, path: "$", into: &lines, limit: limit)
    if lines.count > limit { lines = Array(lines.prefix(limit)) + ["… and more differences"] }
    return lines
  }

  private static func walk(_ old: JSONValue, _ new: JSONValue, path: String, into lines: inout [String], limit: Int) {
    guard lines.count <= limit else { return }
    switch (old, new) {
    case (.object(let left), .object(let right)):
      for key in Set(left.keys).union(right.keys).sorted() {
        let child = path + "." + PrintSafe.escaped(key)
        switch (left[key], right[key]) {
        case (let a?, let b?): walk(a, b, path: child, into: &lines, limit: limit)
        case (let a?, nil): lines.append("- \(child): \(short(a))")
        case (nil, let b?): lines.append("+ \(child): \(short(b))")
        case (nil, nil): break
        }
      }
    case (.array(let left), .array(let right)):
      for index in 0..<max(left.count, right.count) {
        let child = "\(path)[\(index)]"
        if index >= right.count {
          lines.append("- \(child): \(short(left[index]))")
        } else if index >= left.count {
          lines.append("+ \(child): \(short(right[index]))")
        } else {
          walk(left[index], right[index], path: child, into: &lines, limit: limit)
        }
      }
    default:
      if old != new { lines.append("~ \(path): \(short(old)) → \(short(new))") }
    }
  }

  private static func short(_ value: JSONValue) -> String {
    let text = PrintSafe.escaped(value.serialized())
    return text.count > 80 ? String(text.prefix(77)) + "…" : text
  }
}
