import Foundation

/// Guesses a content type from the bytes themselves, for bodies sent without a `Content-Type` and for the
/// `contentType` matcher.
///
/// ```swift
/// ContentTypeDetector.detect(Data("%PDF-1.7".utf8))  // application/pdf
/// ```
public enum ContentTypeDetector {
  private static let signatures: [(bytes: [UInt8], type: ContentType)] = [
    ([0x25, 0x50, 0x44, 0x46, 0x2D], ContentType(type: "application", subtype: "pdf")),
    ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], ContentType(type: "image", subtype: "png")),
    ([0xFF, 0xD8, 0xFF], ContentType(type: "image", subtype: "jpeg")),
    ([0x47, 0x49, 0x46, 0x38], ContentType(type: "image", subtype: "gif")),
    ([0x52, 0x49, 0x46, 0x46], ContentType(type: "image", subtype: "webp")),
    ([0x42, 0x4D], ContentType(type: "image", subtype: "bmp")),
    ([0x50, 0x4B, 0x03, 0x04], ContentType(type: "application", subtype: "zip")),
    ([0x1F, 0x8B], ContentType(type: "application", subtype: "gzip")),
    ([0x7F, 0x45, 0x4C, 0x46], ContentType(type: "application", subtype: "x-elf")),
  ]

  /// The content type the bytes look like: a known binary signature, else JSON, XML or plain text when they are
  /// UTF-8, else `application/octet-stream`.
  public static func detect(_ data: Data) -> ContentType {
    let head = [UInt8](data.prefix(16))
    for signature in signatures where head.starts(with: signature.bytes) { return signature.type }
    guard let text = String(data: data, encoding: .utf8) else { return .octetStream }
    return detect(text: text)
  }

  /// The content type a text looks like: JSON when it parses as an object or array, XML when it starts with a
  /// tag, otherwise plain text.
  public static func detect(text: String) -> ContentType {
    let trimmed = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
    if let first = trimmed.first {
      if first == "{" || first == "[", (try? JSONValue(parsing: text)) != nil { return .json }
      if first == "<", let second = trimmed.dropFirst().first, second == "?" || second.isLetter { return .xml }
    }
    return .plainText
  }
}
