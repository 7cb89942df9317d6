import AccordModel
import Foundation

/// An actual body, parsed at most once however many interactions it is compared with: the mock server tries a
/// request against every candidate interaction, and a large body must not be parsed again for each.
///
/// ```swift
/// let body = ParsedBody(request.body)
/// for matcher in matchers { _ = matcher.mismatches(for: request, body: body) }
/// ```
public final class ParsedBody {
  let body: Body?
  private var json: Result<JSONValue, JSONParseError>?
  private var xml: Result<XMLTree, XMLTreeError>?
  private var utf8: String??

  public init(_ body: Body?) {
    self.body = body
  }

  var data: Data { body?.data ?? Data() }

  func jsonValue() -> Result<JSONValue, JSONParseError> {
    if let json { return json }
    let parsed: Result<JSONValue, JSONParseError>
    if let document = body?.json {
      parsed = .success(document)
    } else {
      parsed = Result { () throws(JSONParseError) in try JSONValue(parsing: data) }
    }
    json = parsed
    return parsed
  }

  func xmlTree() -> Result<XMLTree, XMLTreeError> {
    if let xml { return xml }
    let parsed = Result { () throws(XMLTreeError) in try XMLTree.parse(data) }
    xml = parsed
    return parsed
  }

  /// The body as text, or `nil` when it is not valid UTF-8.
  func text() -> String? {
    if let utf8 { return utf8 }
    let decoded = String(validating: data, as: UTF8.self)
    utf8 = .some(decoded)
    return decoded
  }
}
