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

struct JSONWriter {
  let pretty: Bool
  var output: [UInt8] = []

  init(pretty: Bool) {
    self.pretty = pretty
    output.reserveCapacity(256)
  }

  mutating func write(_ value: JSONValue, indent: Int) {
    switch value {
    case .null: append("null")
    case .bool(let flag): append(flag ? "true" : "false")
    case .int(let number): append(String(number))
    case .double(let number): writeDouble(number)
    case .string(let text): writeString(text)
    case .array(let elements):
      guard !elements.isEmpty else { return append("[]") }
      output.append(UInt8(ascii: "["))
      for (position, element) in elements.enumerated() {
        if position > 0 { output.append(UInt8(ascii: ",")) }
        newline(indent + 1)
        write(element, indent: indent + 1)
      }
      newline(indent)
      output.append(UInt8(ascii: "]"))
    case .object(let members):
      guard !members.isEmpty else { return append("{}") }
      output.append(UInt8(ascii: "{"))
      for (position, member) in members.enumerated() {
        if position > 0 { output.append(UInt8(ascii: ",")) }
        newline(indent + 1)
        writeString(member.key)
        output.append(UInt8(ascii: ":"))
        if pretty { output.append(UInt8(ascii: " ")) }
        write(member.value, indent: indent + 1)
      }
      newline(indent)
      output.append(UInt8(ascii: "}"))
    }
  }

  private mutating func newline(_ indent: Int) {
    guard pretty else { return }
    output.append(0x0A)
    output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
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
