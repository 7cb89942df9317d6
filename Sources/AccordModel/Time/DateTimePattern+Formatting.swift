import Foundation

extension DateTimePattern {
  /// Writes `date` in this pattern, in `timeZone` (UTC by default). Optional sections are written.
  ///
  /// ```swift
  /// try DateTimePattern("yyyy-MM-dd'T'HH:mm:ssXXX").format(Date(timeIntervalSince1970: 0))  // 1970-01-01T00:00:00Z
  /// ```
  public func format(_ date: Date, timeZone: TimeZone = TimeZone(identifier: "UTC")!) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    let parts = calendar.dateComponents(
      [.era, .year, .month, .day, .hour, .minute, .second, .nanosecond, .weekday, .weekOfYear, .weekOfMonth],
      from: date)
    let offsetSeconds = timeZone.secondsFromGMT(for: date)
    var output = ""
    write(elements, parts: parts, offsetSeconds: offsetSeconds, timeZone: timeZone, date: date, into: &output)
    return output
  }

  // swift-format-ignore: FunctionParameterCount
  private func write(
    _ elements: [Element], parts: DateComponents, offsetSeconds: Int, timeZone: TimeZone, date: Date,
    into output: inout String
  ) {
    func padded(_ value: Int, _ width: Int) -> String {
      let text = String(abs(value))
      return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - text.count)) + text
    }
    func offset(colon: Bool, zulu: Bool, minutesOptional: Bool) -> String {
      if zulu && offsetSeconds == 0 { return "Z" }
      let sign = offsetSeconds < 0 ? "-" : "+"
      let hours = abs(offsetSeconds) / 3600
      let minutes = (abs(offsetSeconds) % 3600) / 60
      if minutesOptional && minutes == 0 { return sign + padded(hours, 2) }
      return sign + padded(hours, 2) + (colon ? ":" : "") + padded(minutes, 2)
    }
    let weekdayIndex = ((parts.weekday ?? 1) + 5) % 7  // Monday = 0
    for element in elements {
      switch element {
      case .literal(let text): output += text
      case .optional(let inner):
        write(inner, parts: parts, offsetSeconds: offsetSeconds, timeZone: timeZone, date: date, into: &output)
      case .field(let letter, let count):
        let hour = parts.hour ?? 0
        switch letter {
        case "y", "u", "Y":
          let year = parts.year ?? 1970
          output += count == 2 ? padded(year % 100, 2) : padded(year, count)
        case "M", "L":
          let month = parts.month ?? 1
          switch count {
          case 1, 2: output += padded(month, count)
          case 3: output += CalendarNames.shortMonths[month - 1]
          default: output += CalendarNames.months[month - 1]
          }
        case "d": output += padded(parts.day ?? 1, count)
        case "D":
          let dayOfYear = Calendar(identifier: .gregorian).ordinality(of: .day, in: .year, for: date) ?? 1
          output += padded(dayOfYear, count)
        case "E": output += count >= 4 ? CalendarNames.days[weekdayIndex] : CalendarNames.shortDays[weekdayIndex]
        case "e", "c", "F":
          output +=
            count >= 4
            ? CalendarNames.days[weekdayIndex]
            : count == 3
              ? CalendarNames.shortDays[weekdayIndex] : padded(weekdayIndex + 1, count)
        case "a": output += hour < 12 ? "AM" : "PM"
        case "G": output += count >= 4 ? "Anno Domini" : "AD"
        case "H": output += padded(hour, count)
        case "k": output += padded(hour == 0 ? 24 : hour, count)
        case "K": output += padded(hour % 12, count)
        case "h": output += padded(hour % 12 == 0 ? 12 : hour % 12, count)
        case "m": output += padded(parts.minute ?? 0, count)
        case "s": output += padded(parts.second ?? 0, count)
        case "S":
          let nanos = padded(parts.nanosecond ?? 0, 9)
          output += String(nanos.prefix(min(count, 9))) + String(repeating: "0", count: max(0, count - 9))
        case "n": output += String(parts.nanosecond ?? 0)
        case "A", "N":
          let secondsOfDay = hour * 3600 + (parts.minute ?? 0) * 60 + (parts.second ?? 0)
          output +=
            letter == "A"
            ? String(secondsOfDay * 1000 + (parts.nanosecond ?? 0) / 1_000_000)
            : String(secondsOfDay * 1_000_000_000 + (parts.nanosecond ?? 0))
        case "w": output += padded(parts.weekOfYear ?? 1, count)
        case "W": output += padded(parts.weekOfMonth ?? 1, count)
        case "Q", "q":
          let quarter = ((parts.month ?? 1) - 1) / 3 + 1
          output += count >= 3 ? "Q\(quarter)" : padded(quarter, count)
        case "z", "V": output += timeZone.abbreviation(for: date) ?? timeZone.identifier
        case "O":
          output += offsetSeconds == 0 ? "GMT" : "GMT" + offset(colon: true, zulu: false, minutesOptional: false)
        case "Z":
          if count <= 3 {
            output += offset(colon: false, zulu: false, minutesOptional: false)
          } else if count == 4 {
            output += offsetSeconds == 0 ? "GMT" : "GMT" + offset(colon: true, zulu: false, minutesOptional: false)
          } else {
            output += offset(colon: true, zulu: true, minutesOptional: false)
          }
        case "X", "x":
          let zulu = letter == "X"
          switch count {
          case 1: output += offset(colon: false, zulu: zulu, minutesOptional: true)
          case 2, 4: output += offset(colon: false, zulu: zulu, minutesOptional: false)
          default: output += offset(colon: true, zulu: zulu, minutesOptional: false)
          }
        default: break
        }
      }
    }
  }
}
