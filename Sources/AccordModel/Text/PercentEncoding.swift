/// Percent-encoding as RFC 3986 defines it: every byte of the UTF-8 but the unreserved characters (ASCII letters
/// and digits, `-`, `.`, `_`, `~`) written `%XX`. The result is safe as a path segment (a `/` stays inside it) and
/// as a query value (a `&` or `=` cannot start another), so one function serves both.
///
/// ```swift
/// PercentEncoding.unreserved("feat/a&b ü")  // "feat%2Fa%26b%20%C3%BC"
/// ```
public enum PercentEncoding {
  public static func unreserved(_ text: String) -> String {
    func isUnreserved(_ byte: UInt8) -> Bool {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
        UInt8(ascii: "~"):
        true
      default: false
      }
    }
    // A name with nothing to encode (most are) is returned as it is.
    if text.utf8.allSatisfy(isUnreserved) { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
        UInt8(ascii: "~"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        out += "%"
        out.unicodeScalars.append(hex[Int(byte >> 4)])
        out.unicodeScalars.append(hex[Int(byte & 0x0F)])
      }
    }
    return out
  }

  private static let hex: [Unicode.Scalar] = Array("0123456789ABCDEF".unicodeScalars)
}
