/// Text from outside (request paths, header values, names in a contract) made safe to print on a terminal or in a
/// log: control characters, escape sequences and invalid UTF-8 are shown as escapes instead of acting.
///
/// A request path `%0A` would otherwise forge a log line, and `%1B[2J` clear the user's screen.
///
/// ```swift
/// PrintSafe.escaped("/users\n\u{1B}[31mred")  // "/users\\n\\u{1B}[31mred"
/// ```
public enum PrintSafe {
  /// The text with C0 and C1 control characters and DEL written as `\n`, `\t`, `\r` or `\u{XX}`.
  public static func escaped(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count + 8)
    for scalar in text.unicodeScalars {
      guard needsEscape(scalar) else {
        result.unicodeScalars.append(scalar)
        continue
      }
      switch scalar {
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      default: result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      }
    }
    return result
  }

  /// The text escaped and in double quotes, for error messages.
  public static func quoted(_ text: String) -> String {
    "\"" + escaped(text).replacingAll("\"", with: "\\\"") + "\""
  }

  static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
  }
}

extension String {
  fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
    var result = ""
    for character in self { if character == target { result += replacement } else { result.append(character) } }
    return result
  }
}
