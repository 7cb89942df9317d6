import Foundation

/// The expressions of the Date, Time and DateTime generators: a base (`now`, `today`, `tomorrow`, `yesterday`)
/// moved by offsets (`+ 1 day`, `- 2 hours`, `next week`, `last month`).
///
/// ```swift
/// try DateExpression.evaluate("today + 1 day - 2 hours", now: Date())
/// ```
public enum DateExpression {
  /// The date the expression names, relative to `now`, in UTC; throws a message naming the part not understood.
  public static func evaluate(_ expression: String, now: Date) throws(GeneratorError) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    var words = expression.lowercased().replacingOccurrences(of: "+", with: " + ")
      .replacingOccurrences(of: "-", with: " - ").split(whereSeparator: \.isWhitespace).map(String.init)
    var date = now
    if let base = words.first, ["now", "today", "tomorrow", "yesterday"].contains(base) {
      words.removeFirst()
      switch base {
      case "today": date = calendar.startOfDay(for: now)
      case "tomorrow": date = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: now))!
      case "yesterday": date = calendar.date(byAdding: .day, value: -1, to: calendar.startOfDay(for: now))!
      default: break
      }
    }
    while !words.isEmpty {
      let word = words.removeFirst()
      let sign: Int
      switch word {
      case "+", "next": sign = 1
      case "-", "last": sign = -1
      default:
        throw GeneratorError(
          message: "the date expression \"\(expression)\" has \"\(word)\" where +, -, next or last was expected")
      }
      var amount = 1
      if word == "+" || word == "-" {
        guard let next = words.first, let number = Int(next) else {
          throw GeneratorError(message: "the date expression \"\(expression)\" needs a number after \"\(word)\"")
        }
        amount = number
        words.removeFirst()
      }
      guard let unitWord = words.first, let unit = unit(unitWord) else {
        throw GeneratorError(
          message: "the date expression \"\(expression)\" needs a unit (second, minute, hour, day, week, month, year)")
      }
      words.removeFirst()
      if unit == .nanosecond {
        date = date.addingTimeInterval(Double(sign * amount) / 1000)
      } else {
        date = calendar.date(byAdding: unit, value: sign * amount, to: date) ?? date
      }
    }
    return date
  }

  private static func unit(_ word: String) -> Calendar.Component? {
    var singular = word
    if singular.hasSuffix("s") { singular.removeLast() }
    switch singular {
    case "millisecond", "milli", "ms": return .nanosecond
    case "second", "sec": return .second
    case "minute", "min": return .minute
    case "hour", "hr": return .hour
    case "day": return .day
    case "week", "fortnight": return singular == "week" ? .weekOfYear : nil
    case "month": return .month
    case "year": return .year
    default: return nil
    }
  }
}

/// A generator that could not produce a value; the example value is kept.
public struct GeneratorError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String

  public init(message: String) {
    self.message = message
  }

  public var description: String { message }
}
