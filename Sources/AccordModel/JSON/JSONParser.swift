import Foundation

extension JSONValue {
  /// Parses a JSON document (RFC 8259) from UTF-8 bytes. A leading byte-order mark is skipped.
  ///
  /// ```swift
  /// let value = try JSONValue(parsing: Data(#"{"id": 1}"#.utf8))
  /// ```
  public init(parsing data: Data) throws(JSONParseError) {
    var result: Result<JSONValue, JSONParseError> = .success(.null)
    data.withUnsafeBytes { raw in
      var parser = JSONParser(bytes: raw.bindMemory(to: UInt8.self))
      do throws(JSONParseError) {
        result = .success(try parser.parseDocument())
      } catch {
        result = .failure(error)
      }
    }
    self = try result.get()
  }

  /// Parses a JSON document from a string.
  public init(parsing text: String) throws(JSONParseError) {
    var text = text
    var result: Result<JSONValue, JSONParseError> = .success(.null)
    text.withUTF8 { bytes in
      var parser = JSONParser(bytes: bytes)
      do throws(JSONParseError) {
        result = .success(try parser.parseDocument())
      } catch {
        result = .failure(error)
      }
    }
    self = try result.get()
  }
}

/// A recursive-descent parser over raw bytes; strings without escapes are decoded in one step.
struct JSONParser {
  private let bytes: UnsafeBufferPointer<UInt8>
  private var index = 0
  private var depth = 0
  /// Members and elements of the containers being parsed, so that each container allocates its storage once.
  private var memberScratch: [(key: String, value: JSONValue)] = []
  private var elementScratch: [JSONValue] = []
  private static let maximumDepth = 512

  init(bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
  }

  mutating func parseDocument() throws(JSONParseError) -> JSONValue {
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
    skipWhitespace()
    guard index < bytes.count else { throw error("the document is empty; expected a JSON value") }
    let value = try parseValue()
    skipWhitespace()
    guard index == bytes.count else { throw error("unexpected \(describeByte()) after the JSON value") }
    return value
  }

  private mutating func parseValue() throws(JSONParseError) -> JSONValue {
    guard index < bytes.count else { throw error("unexpected end of input; expected a JSON value") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
    case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
    case UInt8(ascii: "n"): try expectWord("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
    default: throw error("unexpected \(describeByte()); expected a JSON value")
    }
  }

  private mutating func parseObject() throws(JSONParseError) -> JSONValue {
    try enterContainer()
    index += 1
    let base = memberScratch.count
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      depth -= 1
      return .object(JSONObject())
    }
    while true {
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
        throw error("expected a member name in double quotes, found \(describeByte())")
      }
      let key = try parseString()
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
        throw error("expected ':' after the member name \"\(key)\", found \(describeByte())")
      }
      index += 1
      skipWhitespace()
      let value = try parseValue()
      memberScratch.append((key, value))
      skipWhitespace()
      guard index < bytes.count else { throw error("unexpected end of input; expected ',' or '}' in an object") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if bytes[index] == UInt8(ascii: "}") {
        index += 1
        depth -= 1
        let object = JSONObject(pairs: Array(memberScratch[base...]))
        memberScratch.removeLast(memberScratch.count - base)
        return .object(object)
      }
      throw error("expected ',' or '}' after an object member, found \(describeByte())")
    }
  }

  private mutating func parseArray() throws(JSONParseError) -> JSONValue {
    try enterContainer()
    index += 1
    let base = elementScratch.count
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      depth -= 1
      return .array([])
    }
    while true {
      skipWhitespace()
      let element = try parseValue()
      elementScratch.append(element)
      skipWhitespace()
      guard index < bytes.count else { throw error("unexpected end of input; expected ',' or ']' in an array") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if bytes[index] == UInt8(ascii: "]") {
        index += 1
        depth -= 1
        let elements = Array(elementScratch[base...])
        elementScratch.removeLast(elementScratch.count - base)
        return .array(elements)
      }
      throw error("expected ',' or ']' after an array element, found \(describeByte())")
    }
  }

  private mutating func enterContainer() throws(JSONParseError) {
    depth += 1
    if depth > Self.maximumDepth {
      throw error("the document nests deeper than \(Self.maximumDepth) levels")
    }
  }

  private mutating func parseString() throws(JSONParseError) -> String {
    index += 1
    let start = index
    // Bytes of the string OR-ed together: below 0x80, it is ASCII and needs no UTF-8 validation.
    var allBits: UInt8 = 0
    // Fast path: no escapes.
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
        if allBits < 0x80 {
          index += 1
          return String(decoding: raw, as: UTF8.self)
        }
        guard let text = String(validating: raw, as: UTF8.self) else {
          index = start
          throw error("a string that is not valid UTF-8")
        }
        index += 1
        return text
      }
      allBits |= byte
      if byte == UInt8(ascii: "\\") { break }
      if byte < 0x20 { throw error("a control character (0x\(String(byte, radix: 16))) must be escaped in a string") }
      index += 1
    }
    var buffer = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<index]))
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\""):
        guard let text = String(validating: buffer, as: UTF8.self) else {
          index = start
          throw error("a string that is not valid UTF-8")
        }
        index += 1
        return text
      case UInt8(ascii: "\\"):
        index += 1
        guard index < bytes.count else { break }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): buffer.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"): appendUTF8(of: try parseUnicodeEscape(), to: &buffer)
        default:
          index -= 1
          throw error("invalid escape '\\\(Character(Unicode.Scalar(escape)))' in a string")
        }
      default:
        if byte < 0x20 { throw error("a control character (0x\(String(byte, radix: 16))) must be escaped in a string") }
        buffer.append(byte)
        index += 1
      }
    }
    throw error("unexpected end of input inside a string")
  }

  private mutating func parseUnicodeEscape() throws(JSONParseError) -> Unicode.Scalar {
    let high = try parseHex4()
    if (0xD800..<0xDC00).contains(high) {
      // A high surrogate pairs with a low one in the next escape; alone, it stands for U+FFFD, and whatever follows
      // it is read on its own.
      guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
        return Unicode.Scalar(0xFFFD)!
      }
      let next = index
      index += 2
      let low = try parseHex4()
      guard (0xDC00..<0xE000).contains(low) else {
        index = next
        return Unicode.Scalar(0xFFFD)!
      }
      return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) ?? Unicode.Scalar(0xFFFD)!
    }
    return Unicode.Scalar(high) ?? Unicode.Scalar(0xFFFD)!
  }

  private mutating func parseHex4() throws(JSONParseError) -> UInt32 {
    guard index + 4 <= bytes.count else { throw error("a \\u escape needs four hexadecimal digits") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: throw error("a \\u escape needs four hexadecimal digits, found \(describeByte())")
      }
      value = value << 4 | digit
      index += 1
    }
    return value
  }

  private func appendUTF8(of scalar: Unicode.Scalar, to buffer: inout [UInt8]) {
    for unit in UTF8.encode(scalar)! { buffer.append(unit) }
  }

  private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
    let start = index
    var negative = false
    if bytes[index] == UInt8(ascii: "-") {
      negative = true
      index += 1
    }
    guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit in a number") }
    if bytes[index] == UInt8(ascii: "0"), index + 1 < bytes.count, isDigit(bytes[index + 1]) {
      throw error("a number must not start with a leading zero")
    }
    var magnitude: UInt64 = 0
    var overflow = false
    while index < bytes.count, isDigit(bytes[index]) {
      let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
      let (sum, o2) = times10.addingReportingOverflow(UInt64(bytes[index] - UInt8(ascii: "0")))
      overflow = overflow || o1 || o2
      magnitude = sum
      index += 1
    }
    var isInteger = true
    var fractionDigits = 0
    var significand = magnitude
    var significantDigits = index - start - (negative ? 1 : 0)
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      isInteger = false
      index += 1
      guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit after the decimal point") }
      while index < bytes.count, isDigit(bytes[index]) {
        if significantDigits < 19 {
          significand = significand &* 10 &+ UInt64(bytes[index] - UInt8(ascii: "0"))
          fractionDigits += 1
        }
        significantDigits += 1
        index += 1
      }
    }
    var exponent = 0
    var exponentTooLarge = false
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      isInteger = false
      index += 1
      var exponentNegative = false
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
        exponentNegative = bytes[index] == UInt8(ascii: "-")
        index += 1
      }
      guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit in the exponent") }
      while index < bytes.count, isDigit(bytes[index]) {
        if exponent < 10_000 {
          exponent = exponent * 10 + Int(bytes[index] - UInt8(ascii: "0"))
        } else {
          exponentTooLarge = true
        }
        index += 1
      }
      if exponentNegative { exponent = -exponent }
    }
    if isInteger && !overflow {
      if negative, magnitude <= UInt64(Int.max) + 1 {
        return .int(magnitude == UInt64(Int.max) + 1 ? Int.min : -Int(magnitude))
      }
      if !negative, magnitude <= UInt64(Int.max) { return .int(Int(magnitude)) }
    }
    // Exact fast path (Clinger): at most 15 significant digits and a power of ten that is itself exact.
    let power = exponent - fractionDigits
    if !overflow, !exponentTooLarge, significantDigits <= 15, significand < (1 << 53), abs(power) <= 22 {
      var value = Double(significand)
      value = power < 0 ? value / Self.powersOfTen[-power] : value * Self.powersOfTen[power]
      return .double(negative ? -value : value)
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    guard let value = Double(text), value.isFinite else {
      index = start
      throw error(
        "the number \(text.count > 40 ? text.prefix(40) + "…" : text) is too large; numbers must fit a 64-bit "
          + "floating point value (up to about 1.8e308)")
    }
    return .double(value)
  }

  private static let powersOfTen: [Double] = (0...22).map { exponent in
    var value = 1.0
    for _ in 0..<exponent { value *= 10 }
    return value
  }

  private func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  private mutating func expectWord(_ word: StaticString) throws(JSONParseError) {
    let length = word.utf8CodeUnitCount
    guard index + length <= bytes.count else { throw error("unexpected end of input; expected '\(word)'") }
    for offset in 0..<length where bytes[index + offset] != word.utf8Start[offset] {
      throw error("unexpected \(describeByte()); expected a JSON value")
    }
    index += length
  }

  private mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      default: return
      }
    }
  }

  private func describeByte() -> String {
    guard index < bytes.count else { return "end of input" }
    let byte = bytes[index]
    if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
    return "byte 0x\(String(byte, radix: 16, uppercase: true))"
  }

  private func error(_ reason: String) -> JSONParseError {
    var line = 1
    var lineStart = 0
    var position = 0
    let end = min(index, bytes.count)
    while position < end {
      if bytes[position] == 0x0A {
        line += 1
        lineStart = position + 1
      }
      position += 1
    }
    return JSONParseError(offset: index, line: line, column: index - lineStart + 1, reason: reason)
  }
}
