/// Text operations on header values, paths and query strings, done on UTF-8 bytes. Foundation's
/// `trimmingCharacters(in:)` and `removingPercentEncoding` bridge through `NSString`; these run for every request
/// a mock server answers, and cost a fraction.
///
/// ```swift
/// "  application/json \t".trimmingHTTPWhitespace()   // "application/json"
/// "/users/J%C3%BCrgen".percentDecoded()               // "/users/Jürgen"
/// ```
extension StringProtocol {
  /// The text without leading and trailing spaces, tabs, carriage returns and line feeds.
  package func trimmingHTTPWhitespace() -> String {
    let bytes = Substring(self).utf8
    var start = bytes.startIndex
    var end = bytes.endIndex
    while start < end, HTTPText.isWhitespace(bytes[start]) { start = bytes.index(after: start) }
    while end > start, HTTPText.isWhitespace(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }

  /// The text with each `%XX` escape decoded, and with `+` read as a space when `plusIsSpace` (form and query
  /// encoding); `nil` where a `%` is not followed by two hex digits or the decoded bytes are not UTF-8, as
  /// `removingPercentEncoding` does.
  package func percentDecoded(plusIsSpace: Bool = false) -> String? {
    let bytes = Substring(self).utf8
    guard bytes.contains(where: { $0 == UInt8(ascii: "%") || (plusIsSpace && $0 == UInt8(ascii: "+")) }) else {
      return String(self)
    }
    var decoded: [UInt8] = []
    decoded.reserveCapacity(bytes.count)
    var position = bytes.startIndex
    while position < bytes.endIndex {
      let byte = bytes[position]
      if byte == UInt8(ascii: "%") {
        let first = bytes.index(after: position)
        guard first < bytes.endIndex, let high = HTTPText.hexValue(bytes[first]) else { return nil }
        let second = bytes.index(after: first)
        guard second < bytes.endIndex, let low = HTTPText.hexValue(bytes[second]) else { return nil }
        decoded.append(high << 4 | low)
        position = bytes.index(after: second)
        continue
      }
      decoded.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
      position = bytes.index(after: position)
    }
    return String(validating: decoded, as: UTF8.self)
  }
}

enum HTTPText {
  static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
  }

  static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    default: return nil
    }
  }
}
