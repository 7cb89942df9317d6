/// A demo step that could not be done: which step, what went wrong, and what to do.
///
/// ```swift
/// throw DemoError(step: "reading the contracts", message: "no contracts/ here", hint: "run it in the checkout")
/// ```
public struct DemoError: Error, CustomStringConvertible, Sendable {
  public var step: String
  public var message: String
  public var hint: String

  public init(step: String, message: String, hint: String) {
    self.step = step
    self.message = message
    self.hint = hint
  }

  public var description: String { "\(step): \(message); \(hint)" }

  /// Runs `body`, naming `step` in the error it throws.
  static func during<T>(_ step: String, _ body: () async throws -> T) async throws -> T {
    do {
      return try await body()
    } catch let error as DemoError {
      throw error
    } catch {
      throw DemoError(step: step, message: "\(error)", hint: "this is a bug in the demo if it happens again; report it")
    }
  }
}
