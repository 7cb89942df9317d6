/// Text inside XML or HTML (SVG labels, JUnit reports, attribute values): the markup characters escaped, and the
/// control characters XML 1.0 forbids even escaped shown as `?`, so nothing a user named a pacticipant or an
/// interaction can break the document.
///
/// ```swift
/// XMLText.escaped("a<b & \"c\"")  // "a&lt;b &amp; &quot;c&quot;"
/// XMLText.escaped("two\nlines", keepingLineBreaks: true)  // "two\nlines"
/// ```
public enum XMLText {
  /// `text` escaped; tabs and line breaks kept when `keepingLineBreaks` (element text), else `?` (one-line labels).
  public static func escaped(_ text: String, keepingLineBreaks: Bool = false) -> String {
    // Most text has nothing to escape: returned as it is, without a scalar-by-scalar copy.
    let plain = !text.utf8.contains { byte in
      byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<")
        || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
    if plain { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\n", "\t", "\r":
        if keepingLineBreaks { out.unicodeScalars.append(scalar) } else { out += "?" }
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F { out += "?" } else { out.unicodeScalars.append(scalar) }
      }
    }
    return out
  }
}
