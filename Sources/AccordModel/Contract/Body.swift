import Foundation

/// A body: bytes and what they are. An empty `data` is an empty body, which Pact files write as `null` or `""`.
///
/// A part with no stated body holds `nil` instead of a `Body`: then any body matches.
///
/// ```swift
/// let body = Body.json(["id": 42])
/// let text = Body.text("hello", contentType: .plainText)
/// ```
public struct Body: Sendable, Hashable {
  public var data: Data {
    didSet { document = nil }
  }
  /// The JSON document the bytes were written from, when known, so that it need not be parsed again.
  private var document: JSONValue?
  /// The declared content type, when known. Otherwise it comes from the headers or is detected.
  public var contentType: ContentType?
  /// A V4 hint on how to store the content: `"TEXT"`, `"BINARY"` or `"DEFAULT"`.
  public var contentTypeHint: String?

  public init(data: Data, contentType: ContentType? = nil, contentTypeHint: String? = nil) {
    self.data = data
    self.contentType = contentType
    self.contentTypeHint = contentTypeHint
  }

  /// A JSON body, written compactly with sorted keys.
  public static func json(_ value: JSONValue, contentType: ContentType = .json, contentTypeHint: String? = nil) -> Body
  {
    var body = Body(data: value.data(), contentType: contentType, contentTypeHint: contentTypeHint)
    body.document = value
    return body
  }

  public static func == (lhs: Body, rhs: Body) -> Bool {
    lhs.data == rhs.data && lhs.contentType == rhs.contentType && lhs.contentTypeHint == rhs.contentTypeHint
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(data)
    hasher.combine(contentType)
    hasher.combine(contentTypeHint)
  }

  /// A text body, stored as UTF-8.
  public static func text(_ text: String, contentType: ContentType? = .plainText) -> Body {
    Body(data: Data(text.utf8), contentType: contentType)
  }

  /// An explicitly empty body: the actual body must be empty too.
  public static let empty = Body(data: Data())

  public var isEmpty: Bool { data.isEmpty }

  /// The bytes as UTF-8 text, or `nil` when they are not valid UTF-8.
  public var text: String? { String(validating: data, as: UTF8.self) }

  /// The body parsed as JSON, or `nil` when it is not JSON.
  public var json: JSONValue? { document ?? (try? JSONValue(parsing: data)) }
}
