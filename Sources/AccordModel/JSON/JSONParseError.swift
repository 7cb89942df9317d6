/// Why some bytes are not JSON, and where: `line 3, column 7: expected ',' or '}' after an object member`.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Byte offset of the problem, from 0.
  public var offset: Int
  /// Line of the problem, from 1.
  public var line: Int
  /// Column of the problem in bytes, from 1.
  public var column: Int
  /// What was wrong, as a sentence fragment.
  public var reason: String

  public var description: String { "line \(line), column \(column): \(reason)" }
}
