/// Reads numbers from their text form, for values that only exist as text (query and header values, form fields,
/// XML): `"100"` is an integer, `"1.5"` a decimal, and both are numbers.
///
/// ```swift
/// NumericText.isInteger("-12")  // true
/// NumericText.isDecimal("12")   // false
/// ```
enum NumericText {
  /// An optional sign and one or more ASCII digits.
  static func isInteger(_ text: String) -> Bool {
    var digits = Substring(text)
    if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
    return !digits.isEmpty && digits.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
  }

  /// A number written with a fraction or an exponent: `1.5`, `-0.25`, `1e3`.
  static func isDecimal(_ text: String) -> Bool {
    isNumber(text) && !isInteger(text)
  }

  /// An integer or a decimal as JSON writes numbers (a leading `+` and a bare `.5` are accepted too).
  static func isNumber(_ text: String) -> Bool {
    var bytes = Substring(text).utf8[...]
    if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
    var sawDigit = false
    var sawDot = false
    var sawExponent = false
    var previous: UInt8 = 0
    for byte in bytes {
      switch byte {
      case 0x30...0x39: sawDigit = true
      case UInt8(ascii: "."):
        if sawDot || sawExponent { return false }
        sawDot = true
      case UInt8(ascii: "e"), UInt8(ascii: "E"):
        if sawExponent || !sawDigit { return false }
        sawExponent = true
      case UInt8(ascii: "+"), UInt8(ascii: "-"):
        if previous != UInt8(ascii: "e") && previous != UInt8(ascii: "E") { return false }
      default: return false
      }
      previous = byte
    }
    return sawDigit && previous != UInt8(ascii: "e") && previous != UInt8(ascii: "E")
      && previous != UInt8(ascii: "+") && previous != UInt8(ascii: "-")
  }
}
