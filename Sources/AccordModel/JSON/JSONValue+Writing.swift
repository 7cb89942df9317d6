import Foundation

extension JSONValue {
  /// How ``serialized(_:)`` lays the document out.
  public enum Layout: Sendable {
    /// One line, no spaces: `{"a":1,"b":[true,null]}`.
    case compact
    /// Two-space indentation, one member per line, as contracts are written so that they diff cleanly.
    case pretty
  }

  /// The document as JSON text. Object keys are always sorted (by UTF-8 bytes), so the same value always gives
  /// the same text.
  ///
  /// ```swift
  /// JSONValue.object(["b": 1, "a": true]).serialized()  // {"a":true,"b":1}
  /// ```
  public func serialized(_ layout: Layout = .compact) -> String {
    var writer = JSONWriter(pretty: layout == .pretty)
    writer.write(self, indent: 0)
    return String(decoding: writer.output, as: UTF8.self)
  }

  /// The document as UTF-8 JSON bytes; see ``serialized(_:)``.
  public func data(_ layout: Layout = .compact) -> Data {
    var writer = JSONWriter(pretty: layout == .pretty)
    writer.write(self, indent: 0)
    return Data(writer.output)
  }
}

extension JSONValue: CustomStringConvertible {
  public var description: String { serialized() }
}

/// Orders object keys by their UTF-8 bytes: stable across platforms and locales.
package func utf8Ordered(_ lhs: String, _ rhs: String) -> Bool {
  lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
}

/// Writes JSON text, either a whole value at once (``write(_:indent:)``) or streamed container by container
/// (``beginObject()``, ``key(_:)``, ``value(_:)``, ``endObject()``), with the same layout.
struct JSONWriter {
  let pretty: Bool
  var output: [UInt8] = []
  /// For each open container, whether it has an element yet.
  private var open: [Bool] = []

  init(pretty: Bool, capacity: Int = 256) {
    self.pretty = pretty
    output.reserveCapacity(capacity)
  }

  mutating func write(_ value: borrowing JSONValue, indent: Int) {
    switch value {
    case .null: append("null")
    case .bool(let flag): append(flag ? "true" : "false")
    case .int(let number): writeInteger(number)
    case .double(let number): writeDouble(number)
    case .string(let text): writeString(text)
    case .array(let elements):
      guard !elements.isEmpty else { return append("[]") }
      output.append(UInt8(ascii: "["))
      elements.withUnsafeBufferPointer { items in
        for position in items.indices {
          if position > 0 { output.append(UInt8(ascii: ",")) }
          newline(indent + 1)
          write(items[position], indent: indent + 1)
        }
      }
      newline(indent)
      output.append(UInt8(ascii: "]"))
    case .object(let object):
      guard !object.isEmpty else { return append("{}") }
      output.append(UInt8(ascii: "{"))
      object.members.withUnsafeBufferPointer { members in
        for position in members.indices {
          if position > 0 { output.append(UInt8(ascii: ",")) }
          newline(indent + 1)
          writeString(members[position].key)
          output.append(UInt8(ascii: ":"))
          if pretty { output.append(UInt8(ascii: " ")) }
          write(members[position].value, indent: indent + 1)
        }
      }
      newline(indent)
      output.append(UInt8(ascii: "}"))
    }
  }

  mutating func beginObject() {
    output.append(UInt8(ascii: "{"))
    open.append(false)
  }

  mutating func endObject() {
    if open.removeLast() { newline(open.count) }
    output.append(UInt8(ascii: "}"))
  }

  mutating func beginArray() {
    output.append(UInt8(ascii: "["))
    open.append(false)
  }

  mutating func endArray() {
    if open.removeLast() { newline(open.count) }
    output.append(UInt8(ascii: "]"))
  }

  /// Starts a member of the open object: separator, indentation, `"key": `.
  mutating func key(_ key: String) {
    element()
    writeString(key)
    output.append(UInt8(ascii: ":"))
    if pretty { output.append(UInt8(ascii: " ")) }
  }

  /// Starts an element of the open array: separator and indentation.
  mutating func element() {
    if open[open.count - 1] { output.append(UInt8(ascii: ",")) }
    open[open.count - 1] = true
    newline(open.count)
  }

  /// A writer for a run of elements of the open array, written apart (on another thread, say) and added back
  /// with ``append(_:)``. `afterOthers`: elements come before the run, so its first needs a separator.
  func forked(afterOthers: Bool) -> JSONWriter {
    var fork = JSONWriter(pretty: pretty, capacity: 0)
    fork.open = open
    fork.open[fork.open.count - 1] = afterOthers
    return fork
  }

  /// Adds a run of elements written by a ``forked(afterOthers:)`` writer, in order.
  mutating func append(_ run: JSONWriter) {
    output.append(contentsOf: run.output)
    if run.open[run.open.count - 1] { open[open.count - 1] = true }
  }

  /// Writes a whole value at the current depth (after ``key(_:)`` or ``element()``).
  mutating func value(_ value: JSONValue) {
    write(value, indent: open.count)
  }

  mutating func string(_ text: String) { writeString(text) }
  mutating func integer(_ number: Int) { writeInteger(number) }
  mutating func bool(_ flag: Bool) { append(flag ? "true" : "false") }

  private mutating func writeInteger(_ number: Int) {
    if number == Int.min { return append(String(number)) }
    var magnitude = number < 0 ? -number : number
    if number < 0 { output.append(UInt8(ascii: "-")) }
    if magnitude < 10 { return output.append(UInt8(ascii: "0") + UInt8(magnitude)) }
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var count = 0
      while magnitude > 0 {
        digits[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
        count += 1
      }
      output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[(20 - count)...]))
    }
  }

  /// "\n" followed by two spaces per level, for the first levels.
  private static let indentation: [[UInt8]] = (0..<32).map { [0x0A] + [UInt8](repeating: 0x20, count: $0 * 2) }

  private mutating func newline(_ indent: Int) {
    guard pretty else { return }
    if indent < Self.indentation.count {
      output.append(contentsOf: Self.indentation[indent])
    } else {
      output.append(0x0A)
      output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }
  }

  private mutating func append(_ text: String) {
    output.append(contentsOf: text.utf8)
  }

  private mutating func writeDouble(_ number: Double) {
    guard number.isFinite else { return append("null") }
    // Swift prints the shortest text that reads back as the same Double, e.g. 4.5, 1.0, 1e-05, 1e+16.
    append(number.description)
  }

  private mutating func writeString(_ text: String) {
    output.append(UInt8(ascii: "\""))
    let copied: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes in
      for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return false }
      output.append(contentsOf: bytes)
      return true
    }
    if copied == true {
      output.append(UInt8(ascii: "\""))
      return
    }
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): append("\\\"")
      case UInt8(ascii: "\\"): append("\\\\")
      case 0x0A: append("\\n")
      case 0x0D: append("\\r")
      case 0x09: append("\\t")
      case 0x08: append("\\b")
      case 0x0C: append("\\f")
      case 0..<0x20:
        append("\\u00")
        let hex = Array("0123456789abcdef".utf8)
        output.append(hex[Int(byte >> 4)])
        output.append(hex[Int(byte & 0xF)])
      default: output.append(byte)
      }
    }
    output.append(UInt8(ascii: "\""))
  }
}
