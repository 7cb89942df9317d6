import AccordModel
import Foundation
import Logging
import Synchronization

/// A swift-log handler that writes one JSON object per line — `{"time", "level", "label", "message", …metadata}` —
/// for log collectors; request logs carry `request_id`, `method`, `route`, `status` and `duration_ms`.
///
/// ```swift
/// LoggingSystem.bootstrap { label in JSONLogHandler(label: label) }
/// ```
public struct JSONLogHandler: LogHandler {
  public var metadata: Logger.Metadata = [:]
  public var logLevel: Logger.Level = .info
  public let label: String
  private let write: @Sendable (String) -> Void

  public init(label: String, write: @escaping @Sendable (String) -> Void = JSONLogHandler.standardError) {
    self.label = label
    self.write = write
  }

  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  public func log(event: LogEvent) {
    var object: JSONObject = [
      "time": .string(Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(Date())),
      "level": .string(event.level.rawValue),
      "label": .string(label), "message": .string(event.message.description),
    ]
    for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { _, new in new })
    where object[key] == nil {
      object[key] = Self.json(value)
    }
    write(JSONValue.object(object).serialized() + "\n")
  }

  static func json(_ value: Logger.Metadata.Value) -> JSONValue {
    switch value {
    case .string(let text): return .string(text)
    case .stringConvertible(let value):
      if let number = value as? Int { return .int(number) }
      if let number = value as? Double { return .double(number) }
      return .string(value.description)
    case .array(let items): return .array(items.map(json))
    case .dictionary(let entries): return .object(JSONObject(entries.mapValues(json)))
    }
  }

  private static let lock = Mutex(())

  /// Writes whole lines to standard error, one at a time.
  public static let standardError: @Sendable (String) -> Void = { line in
    lock.withLock { _ in FileHandle.standardError.write(Data(line.utf8)) }
  }
}
