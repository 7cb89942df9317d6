import AccordModel
import Foundation

/// The example message a consumer's handler receives in a message test: contents and metadata as the contract
/// describes them (generators applied).
///
/// ```swift
/// .verify { message in
///   let event = try message.decode(OrderPlaced.self)
///   try await handler.handle(event, topic: message.metadata["topic"]?.stringValue)
/// }
/// ```
public struct ReceivedMessage: Sendable {
  public var contents: Data
  public var metadata: [String: JSONValue]
  public var contentType: ContentType?

  /// The contents as JSON, when they are JSON.
  public var json: JSONValue? { try? JSONValue(parsing: contents) }
  /// The contents as UTF-8 text, when they are text.
  public var text: String? { String(validating: contents, as: UTF8.self) }

  /// The contents decoded as JSON into `type`.
  public func decode<T: Decodable>(_ type: T.Type, using decoder: JSONDecoder = JSONDecoder()) throws -> T {
    try decoder.decode(type, from: contents)
  }

  init(_ message: Message) {
    let generated = message.applyingGenerators(GeneratorContext())
    contents = generated.contents?.data ?? Data()
    metadata = generated.metadata
    contentType = generated.contentType
  }
}
