import AccordModel
import Foundation

/// Compares an expected body with an actual one, choosing the comparison by content type.
///
/// A body that was not stated matches anything; an empty expected body wants an empty actual body.
struct BodyMatcher: Sendable {
  /// How the expected body reads, parsed once.
  enum Prepared: Sendable {
    case none
    case empty
    case json(JSONValue)
    case xml(XMLTree)
    case form(Query)
    case text(String)
    case binary(Data)
    case unparsable(String)
  }

  let expected: Body?
  let expectedType: ContentType?
  let prepared: Prepared
  let rules: RuleIndex
  let allowUnexpectedKeys: Bool

  init(expected: Body?, declaredType: ContentType?, rules: [String: RuleList], allowUnexpectedKeys: Bool) {
    self.expected = expected
    self.rules = RuleIndex(rules)
    self.allowUnexpectedKeys = allowUnexpectedKeys
    guard let expected else {
      self.expectedType = nil
      self.prepared = .none
      return
    }
    guard !expected.isEmpty else {
      self.expectedType = declaredType
      self.prepared = .empty
      return
    }
    let type = declaredType ?? ContentTypeDetector.detect(expected.data)
    self.expectedType = type
    self.prepared = Self.prepare(expected.data, as: type)
  }

  private static func prepare(_ data: Data, as type: ContentType) -> Prepared {
    if type.isJSON {
      do {
        return .json(try JSONValue(parsing: data))
      } catch {
        return .unparsable("the expected body in the contract is not valid JSON (\(error))")
      }
    }
    if type.isXML {
      do {
        return .xml(try XMLTree.parse(data))
      } catch {
        return .unparsable("the expected body in the contract is \(error.message)")
      }
    }
    if type.isFormURLEncoded, let text = String(data: data, encoding: .utf8) { return .form(Query(parsing: text)) }
    if let text = String(data: data, encoding: .utf8), type.isText || type == .plainText { return .text(text) }
    return .binary(data)
  }

  func mismatches(actual: Body?, actualType declared: ContentType?) -> [Mismatch] {
    mismatches(actual: ParsedBody(actual), actualType: declared)
  }

  func mismatches(actual parsed: ParsedBody, actualType declared: ContentType?) -> [Mismatch] {
    let data = parsed.data
    switch prepared {
    case .none:
      return []
    case .empty:
      if data.isEmpty { return [] }
      return [
        Mismatch(
          kind: .body, path: "$", expected: "", actual: String(decoding: data.prefix(200), as: UTF8.self),
          message: "expected an empty body but got \(data.count) byte\(data.count == 1 ? "" : "s")")
      ]
    case .unparsable(let message):
      return [Mismatch(kind: .body, path: "$", message: message + "; fix the contract")]
    default:
      break
    }
    guard !data.isEmpty else {
      return [
        Mismatch(
          kind: .body, path: "$", expected: expected.flatMap(\.text), actual: nil,
          message: "expected a body\(expectedType.map { " (\($0.essence))" } ?? "") but it was missing or empty")
      ]
    }
    let actualType = declared ?? ContentTypeDetector.detect(data)
    if let expectedType, !compatible(expectedType, actualType, actualDeclared: declared != nil) {
      return [
        Mismatch(
          kind: .bodyType, path: "", expected: expectedType.essence, actual: actualType.essence,
          message: "expected a body of type \(expectedType.essence) but got \(actualType.essence)")
      ]
    }
    switch prepared {
    case .json(let expectedJSON):
      let actualJSON: JSONValue
      switch parsed.jsonValue() {
      case .success(let value): actualJSON = value
      case .failure(let error):
        return [
          Mismatch(
            kind: .body, path: "$", actual: String(decoding: data.prefix(200), as: UTF8.self),
            message: "the body is not valid JSON (\(error))")
        ]
      }
      var matcher = JSONBodyMatcher(rules: rules, allowUnexpectedKeys: allowUnexpectedKeys)
      matcher.compare(expectedJSON, actualJSON)
      return matcher.mismatches
    case .xml(let expectedXML):
      let actualXML: XMLTree
      switch parsed.xmlTree() {
      case .success(let tree): actualXML = tree
      case .failure(let error):
        return [Mismatch(kind: .body, path: "$", message: "the body is \(error.message)")]
      }
      var matcher = XMLBodyMatcher(rules: rules, allowUnexpectedKeys: allowUnexpectedKeys)
      matcher.compare(expectedXML, actualXML)
      return matcher.mismatches
    case .form(let expectedForm):
      guard let text = parsed.text() else { return [Self.invalidUTF8(data)] }
      return FormMatcher(rules: rules, allowUnexpectedKeys: allowUnexpectedKeys).mismatches(
        expectedForm, Query(parsing: text))
    case .text(let expectedText):
      // Invalid bytes are not replaced: two different invalid bodies must not both read as U+FFFD and pass.
      guard let text = parsed.text() else { return [Self.invalidUTF8(data)] }
      return textMismatches(expectedText, text)
    case .binary(let expectedData):
      return binaryMismatches(expectedData, data)
    case .none, .empty, .unparsable:
      return []
    }
  }

  static func invalidUTF8(_ data: Data) -> Mismatch {
    var valid = 0
    var iterator = data.makeIterator()
    var decoder = UTF8()
    loop: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar): valid += UTF8.width(scalar)
      case .emptyInput, .error: break loop
      }
    }
    return Mismatch(
      kind: .body, path: "$", message: "the body is not valid UTF-8 text (an invalid byte sequence at byte \(valid))")
  }

  /// Declared types must name the same media type; a detected type only needs to be of the same family.
  private func compatible(_ expected: ContentType, _ actual: ContentType, actualDeclared: Bool) -> Bool {
    if expected.hasSameEssence(as: actual) { return true }
    if expected.isJSON && actual.isJSON {
      return !actualDeclared || expected.subtype.hasSuffix("json") == actual.subtype.hasSuffix("json")
    }
    if expected.isXML && actual.isXML { return true }
    if !actualDeclared { return expected.isText && actual == .plainText }
    return false
  }

  private func textMismatches(_ expected: String, _ actual: String) -> [Mismatch] {
    if let selection = rules.select([]) {
      return RuleEvaluator.failures(
        of: selection.list, expected: .string(expected), actual: .string(actual), cascaded: false
      )
      .map { Mismatch(kind: .body, path: "$", expected: expected, actual: actual, message: $0) }
    }
    guard expected != actual else { return [] }
    return [
      Mismatch(
        kind: .body, path: "$", expected: expected, actual: actual,
        message: "expected \(JSONValue.string(expected).serialized().truncatedForMessage) but got "
          + JSONValue.string(actual).serialized().truncatedForMessage)
    ]
  }

  private func binaryMismatches(_ expected: Data, _ actual: Data) -> [Mismatch] {
    if let selection = rules.select([]) {
      var failures: [String] = []
      for rule in selection.list.rules {
        if case .contentType(let wanted) = rule {
          if let failure = RuleEvaluator.contentTypeFailure(wanted: wanted, data: actual) { failures.append(failure) }
        } else if case .type = rule {
          continue
        } else if case .notEmpty = rule {
          // An empty actual body was reported above; any bytes satisfy "not empty".
          continue
        } else if expected != actual {
          failures.append(
            "the bytes differ from the contract's example (\(actual.count) bytes, expected \(expected.count))")
        }
      }
      return failures.map { Mismatch(kind: .body, path: "$", message: $0) }
    }
    guard expected != actual else { return [] }
    return [
      Mismatch(
        kind: .body, path: "$", expected: "\(expected.count) bytes", actual: "\(actual.count) bytes",
        message: "the bytes differ from the contract's example (\(actual.count) bytes, expected \(expected.count))")
    ]
  }
}
