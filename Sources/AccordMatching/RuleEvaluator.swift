import AccordModel
import Foundation
import Synchronization

/// Applies one matcher to one value: `nil` when it matches, otherwise the reason in words.
enum RuleEvaluator {
  /// `cascaded` is true when the rule was defined at an ancestor; then array sizes are not checked. `fromText` is
  /// true for values that only exist as text (query and header values, paths, form fields, XML): then `number`,
  /// `integer` and `decimal` accept the string form of a number, as the Pact specification says.
  static func failure(
    of rule: MatchingRule, expected: JSONValue, actual: JSONValue, cascaded: Bool, fromText: Bool = false
  ) -> String? {
    switch rule {
    case .equality:
      return valuesEqual(expected, actual) ? nil : "expected \(describe(expected)) but got \(describe(actual))"
    case .regex(let pattern):
      guard let text = scalarText(actual) else {
        return "expected a value matching /\(pattern)/ but got \(actual.summary)"
      }
      switch RegexCache.shared.wholeMatch(pattern, text) {
      case .success(true): return nil
      case .success(false): return "expected a value matching /\(pattern)/ but got \(actual.summary)"
      case .failure(let error): return "\(error.message); fix the matching rule in the contract"
      }
    case .type(let min, let max):
      guard expected.hasSameType(as: actual) else {
        return "expected \(kindPhrase(expected)) but got \(actual.summary)"
      }
      if !cascaded, case .array(let items) = actual {
        if let min, items.count < min {
          return "expected at least \(min) item\(min == 1 ? "" : "s") but got \(items.count)"
        }
        if let max, items.count > max {
          return "expected at most \(max) item\(max == 1 ? "" : "s") but got \(items.count)"
        }
      }
      return nil
    case .include(let substring):
      guard let text = scalarText(actual), text.contains(substring) else {
        return "expected a value including \(JSONValue.string(substring)) but got \(actual.summary)"
      }
      return nil
    case .integer:
      if case .int = actual { return nil }
      if fromText, case .string(let text) = actual, NumericText.isInteger(text) { return nil }
      return "expected an integer but got \(actual.summary)"
    case .decimal:
      if case .double = actual { return nil }
      if fromText, case .string(let text) = actual, NumericText.isDecimal(text) { return nil }
      return "expected a decimal number but got \(actual.summary)"
    case .number:
      if fromText, case .string(let text) = actual, NumericText.isNumber(text) { return nil }
      return actual.isNumber ? nil : "expected a number but got \(actual.summary)"
    case .boolean:
      switch actual {
      case .bool, .string("true"), .string("false"): return nil
      default: return "expected a boolean but got \(actual.summary)"
      }
    case .null:
      return actual.isNull ? nil : "expected null but got \(actual.summary)"
    case .date(let format):
      return temporalFailure("date", format, .isoDate, actual)
    case .time(let format):
      return temporalFailure("time", format, .isoTime, actual)
    case .dateTime(let format):
      return temporalFailure("date-time", format, .isoDateTime, actual)
    case .contentType(let wanted):
      guard let text = scalarText(actual) else { return "expected content of type \(wanted) but got \(actual.summary)" }
      return contentTypeFailure(wanted: wanted, data: Data(text.utf8))
    case .statusCode(let statusClass):
      guard let status = actual.intValue else { return "expected a status code but got \(actual.summary)" }
      return statusClass.contains(status) ? nil : "expected \(statusClass.summary) but got \(status)"
    case .notEmpty:
      if !cascaded, !expected.hasSameType(as: actual) {
        return "expected \(kindPhrase(expected)) but got \(actual.summary)"
      }
      switch actual {
      case .null, .string(""), .array([]), .object([:]):
        return "expected a value that is not empty but got \(actual.summary)"
      default: return nil
      }
    case .semver:
      guard case .string(let text) = actual, Semver.isValid(text) else {
        return "expected a semantic version such as 1.2.3 but got \(actual.summary)"
      }
      return nil
    case .values:
      return nil
    case .arrayContains:
      if case .array = actual { return nil }
      return "expected an array but got \(actual.summary)"
    case .eachKey, .eachValue:
      if actual.isContainer { return nil }
      return "expected an object or array but got \(actual.summary)"
    case .unknown(let name, _):
      return
        "the contract uses the matcher \"\(name)\", which Accord does not know; upgrade Accord or change the contract"
    }
  }

  /// Applies a rule list, combining with AND (every failure reported) or OR (one success is enough).
  static func failures(
    of list: RuleList, expected: JSONValue, actual: JSONValue, cascaded: Bool, fromText: Bool = false
  ) -> [String] {
    var failures: [String] = []
    for rule in list.rules {
      if let failure = failure(of: rule, expected: expected, actual: actual, cascaded: cascaded, fromText: fromText) {
        failures.append(failure)
      } else if list.combine == .or {
        return []
      }
    }
    if list.combine == .or, failures.count > 1 { return [failures.joined(separator: ", or ")] }
    return failures
  }

  static func contentTypeFailure(wanted: String, data: Data) -> String? {
    let detected = ContentTypeDetector.detect(data)
    guard let wantedType = ContentType(wanted) else {
      return "\"\(wanted)\" in the contentType matcher is not a content type; expected type/subtype"
    }
    if detected.hasSameEssence(as: wantedType) { return nil }
    // Text-based types cannot be told apart from bytes beyond JSON, XML and plain text.
    if detected == .plainText && wantedType.isText && !wantedType.isJSON && !wantedType.isXML { return nil }
    return "expected content of type \(wantedType.essence) but it looks like \(detected.essence)"
  }

  private static let patterns = Mutex<[String: Result<DateTimePattern, DateTimePatternError>]>([:])

  private static func temporalFailure(
    _ kind: String, _ format: String?, _ fallback: DateTimePattern, _ actual: JSONValue
  ) -> String? {
    let pattern: DateTimePattern
    if let format, !format.isEmpty {
      let parsed =
        patterns.withLock { $0[format] }
        ?? {
          let result = Result { () throws(DateTimePatternError) in try DateTimePattern(format) }
          patterns.withLock { $0[format] = result }
          return result
        }()
      switch parsed {
      case .success(let value): pattern = value
      case .failure(let error): return "\(error); fix the \(kind) matcher in the contract"
      }
    } else {
      pattern = fallback
    }
    let shown = format.flatMap { $0.isEmpty ? nil : "'\($0)'" } ?? "ISO 8601"
    guard case .string(let text) = actual else {
      return "expected a \(kind) in the format \(shown) but got \(actual.summary)"
    }
    guard let reason = pattern.mismatch(text) else { return nil }
    if reason.hasPrefix("\"") { return "expected a \(kind) in the format \(shown) but got \(actual.summary)" }
    return "expected a \(kind) in the format \(shown) but got \(actual.summary): \(reason)"
  }

  /// Equality as Pact means it: numbers compare by value (1 equals 1.0).
  static func valuesEqual(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.int(let left), .double(let right)), (.double(let right), .int(let left)): return Double(left) == right
    default: return lhs == rhs
    }
  }

  /// The text a scalar matches regexes with; `nil` for null, arrays and objects.
  static func scalarText(_ value: JSONValue) -> String? {
    switch value {
    case .string(let text): return text
    case .int, .double, .bool: return value.serialized()
    default: return nil
    }
  }

  /// "a string", "a number", "an object"…: what a type matcher wants.
  static func kindPhrase(_ value: JSONValue) -> String {
    switch value {
    case .null: return "null"
    case .bool: return "a boolean"
    case .int, .double: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }

  /// A value for an equality message: scalars as JSON, containers summarised.
  static func describe(_ value: JSONValue) -> String {
    switch value {
    case .array, .object: return value.summary
    case .string: return value.serialized().truncatedForMessage
    default: return value.serialized()
    }
  }
}
