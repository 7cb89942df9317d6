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
  public var data: Data
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
  public static func json(_ value: JSONValue, contentType: ContentType = .json) -> Body {
    Body(data: value.data(), contentType: contentType)
  }

  /// A text body, stored as UTF-8.
  public static func text(_ text: String, contentType: ContentType? = .plainText) -> Body {
    Body(data: Data(text.utf8), contentType: contentType)
  }

  /// An explicitly empty body: the actual body must be empty too.
  public static let empty = Body(data: Data())

  public var isEmpty: Bool { data.isEmpty }

  /// The bytes as UTF-8 text, or `nil` when they are not valid UTF-8.
  public var text: String? { String(data: data, encoding: .utf8) }

  /// The body parsed as JSON, or `nil` when it is not JSON.
  public var json: JSONValue? { try? JSONValue(parsing: data) }
}
