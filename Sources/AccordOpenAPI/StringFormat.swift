import AccordModel

/// The string formats OpenAPI documents use most, checked as JSON Schema validators check them; other formats are
/// annotations and pass.
///
/// ```swift
/// StringFormat.problem("2026-13-01", format: "date")  // "\"2026-13-01\" is not a date (format date)"
/// ```
enum StringFormat {
  static func problem(_ text: String, format: String) -> String? {
    let valid: Bool
    switch format {
    case "date": valid = isDate(Substring(text))
    case "date-time": valid = isDateTime(text)
    case "time": valid = isTime(Substring(text))
    case "uuid": valid = isUUID(text)
    case "email": valid = isEmail(text)
    case "ipv4": valid = isIPv4(text)
    case "ipv6": valid = isIPv6(text)
    default: return nil
    }
    return valid ? nil : "\(PrintSafe.quoted(text)) is not \(article(format)) (format \(format))"
  }

  private static func article(_ format: String) -> String {
    switch format {
    case "date": return "a date"
    case "date-time": return "a date-time (RFC 3339)"
    case "time": return "a time (RFC 3339)"
    case "uuid": return "a UUID"
    case "email": return "an email address"
    case "ipv4": return "an IPv4 address"
    default: return "an IPv6 address"
    }
  }

  private static func digits(_ text: Substring, _ count: Int) -> Int? {
    guard text.count == count, text.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
    return Int(text)
  }

  /// `YYYY-MM-DD`, a real day (leap years counted).
  static func isDate(_ text: Substring) -> Bool {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, let year = digits(parts[0], 4), let month = digits(parts[1], 2),
      let day = digits(parts[2], 2), (1...12).contains(month)
    else { return false }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return (1...days).contains(day)
  }

  /// `HH:MM:SS[.fraction](Z|±HH:MM)`.
  static func isTime(_ text: Substring) -> Bool {
    var rest = text
    var offset: Substring = ""
    if rest.last == "Z" || rest.last == "z" {
      rest = rest.dropLast()
      offset = "Z"
    } else if let sign = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
      offset = rest[sign...]
      rest = rest[..<sign]
      let zone = offset.dropFirst().split(separator: ":", omittingEmptySubsequences: false)
      guard zone.count == 2, let hours = digits(zone[0], 2), let minutes = digits(zone[1], 2), hours < 24,
        minutes < 60
      else { return false }
    }
    guard !offset.isEmpty else { return false }
    if let dot = rest.firstIndex(of: ".") {
      let fraction = rest[rest.index(after: dot)...]
      guard !fraction.isEmpty, fraction.utf8.allSatisfy({ (48...57).contains($0) }) else { return false }
      rest = rest[..<dot]
    }
    let fields = rest.split(separator: ":", omittingEmptySubsequences: false)
    guard fields.count == 3, let hour = digits(fields[0], 2), let minute = digits(fields[1], 2),
      let second = digits(fields[2], 2)
    else { return false }
    return hour < 24 && minute < 60 && second <= 60
  }

  static func isDateTime(_ text: String) -> Bool {
    guard let separator = text.firstIndex(where: { $0 == "T" || $0 == "t" }) else { return false }
    return isDate(text[..<separator]) && isTime(text[text.index(after: separator)...])
  }

  static func isUUID(_ text: String) -> Bool {
    let groups = text.split(separator: "-", omittingEmptySubsequences: false)
    return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
  }

  /// As JSON Schema's reference validators check it: an `@` somewhere. (RFC 5322 admits far more than it seems.)
  static func isEmail(_ text: String) -> Bool {
    text.contains("@")
  }

  static func isIPv4(_ text: String) -> Bool {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    return parts.count == 4
      && parts.allSatisfy { part in
        guard (1...3).contains(part.count), part.utf8.allSatisfy({ (48...57).contains($0) }), let number = Int(part)
        else { return false }
        return number <= 255 && (part.count == 1 || part.first != "0")
      }
  }

  static func isIPv6(_ text: String) -> Bool {
    guard text.contains(":"), text.count <= 45 else { return false }
    var groups = text.components(separatedBy: ":")
    var embeddedIPv4 = false
    if let last = groups.last, last.contains(".") {
      guard isIPv4(last) else { return false }
      groups.removeLast()
      embeddedIPv4 = true
    }
    let elided = text.components(separatedBy: "::").count - 1
    guard elided <= 1 else { return false }
    let hex = groups.filter { !$0.isEmpty }
    guard hex.allSatisfy({ $0.count <= 4 && $0.allSatisfy(\.isHexDigit) }) else { return false }
    let needed = embeddedIPv4 ? 6 : 8
    if elided == 1 { return hex.count < needed }
    return hex.count == needed && groups.count == needed
  }
}
