/// Text inside XML and HTML (SVG labels, attribute values): markup characters escaped, control characters shown
/// as `?` so nothing a user named a pacticipant can break the document or a terminal.
///
/// ```swift
/// XMLText.escaped("a<b & \"c\"")  // "a&lt;b &amp; &quot;c&quot;"
/// ```
enum XMLText {
  static func escaped(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default:
        if character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) {
          out.append(character)
        } else {
          out += "?"
        }
      }
    }
    return out
  }
}
