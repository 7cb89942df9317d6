/// RFC 9110 tokens and field values: what may stand in a request line or a header without changing its meaning.
///
/// A contract's method goes into the request line as it is; a method with a space or CR LF in it would write a
/// second request, so only tokens are accepted.
///
/// ```swift
/// HTTPToken.isToken("PATCH")               // true
/// HTTPToken.isToken("GET / HTTP/1.1\r\n")  // false
/// ```
public enum HTTPToken {
  /// One or more of the token characters: letters, digits and ``!#$%&'*+-.^_`|~``.
  public static func isToken(_ text: String) -> Bool {
    !text.isEmpty && text.utf8.allSatisfy(isTokenByte)
  }

  static func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      return true
    default:
      return "!#$%&'*+-.^_`|~".utf8.contains(byte)
    }
  }

  /// Whether a header value has no CR, LF or NUL (which would end the header or the head early).
  public static func isFieldValue(_ text: String) -> Bool {
    !text.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }
  }
}
