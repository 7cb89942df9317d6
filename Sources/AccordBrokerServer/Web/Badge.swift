import AccordModel

/// A status badge for a README, as a small flat SVG drawn by the broker (no call to a badge service): a grey label
/// on the left and a coloured message on the right.
///
/// ```swift
/// Badge(label: "web/users pact", message: "verified", color: .success).svg
/// ```
struct Badge: Sendable, Hashable {
  enum Color: String, Sendable {
    case success = "#4c1"
    case failure = "#e05d44"
    case unknown = "#9f9f9f"
  }

  var label: String
  var message: String
  var color: Color

  /// Longest label and message drawn; longer text is cut with an ellipsis so the badge stays readable.
  static let maximumCharacters = 60

  /// The width of `text` at 11 px Verdana, estimated per character (narrow, wide and other).
  static func width(_ text: String) -> Int {
    var total = 0.0
    for character in text {
      switch character {
      case "i", "l", "j", "t", "f", "r", "I", ".", ",", ":", ";", "'", "|", "!", " ": total += 3.8
      case "m", "w", "M", "W": total += 10.5
      case "A"..."Z": total += 7.6
      default: total += 6.7
      }
    }
    return Int(total.rounded(.up)) + 10
  }

  static func shortened(_ text: String) -> String {
    text.count <= maximumCharacters ? text : String(text.prefix(maximumCharacters - 1)) + "…"
  }

  var svg: String {
    let label = Self.shortened(label)
    let message = Self.shortened(message)
    let left = Self.width(label)
    let right = Self.width(message)
    let total = left + right
    let title = XMLText.escaped(label + ": " + message)
    return """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(total)" height="20" role="img" aria-label="\(title)">\
      <title>\(title)</title>\
      <linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/>\
      <stop offset="1" stop-opacity=".1"/></linearGradient>\
      <clipPath id="r"><rect width="\(total)" height="20" rx="3" fill="#fff"/></clipPath>\
      <g clip-path="url(#r)"><rect width="\(left)" height="20" fill="#555"/>\
      <rect x="\(left)" width="\(right)" height="20" fill="\(color.rawValue)"/>\
      <rect width="\(total)" height="20" fill="url(#s)"/></g>\
      <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">\
      <text x="\(left / 2)" y="14">\(XMLText.escaped(label))</text>\
      <text x="\(left + right / 2)" y="14">\(XMLText.escaped(message))</text></g></svg>
      """
  }
}
