import Foundation

/// Files under `Tests/Fixtures`, found from this source file so that tests run from any working directory.
///
/// ```swift
/// let data = try Fixtures.data("pact-files/v4/SwiftPeerConsumer-UserService.json")
/// ```
public enum Fixtures {
  public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  public static func data(_ relativePath: String) throws -> Data {
    try Data(contentsOf: root.appendingPathComponent(relativePath))
  }

  /// The contracts written by the Pact reference implementation.
  public static let referenceContracts = [
    "pact-files/v3/SwiftPeerConsumer-UserService.json", "pact-files/v3/SwiftPeerConsumer-UserEvents.json",
    "pact-files/v4/SwiftPeerConsumer-UserService.json", "pact-files/v4/SwiftPeerConsumer-UserEvents.json",
  ]
}
