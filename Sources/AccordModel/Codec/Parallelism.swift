/// How the codec may split a long contract's interactions: into `parts`, handed to `run`, which the caller
/// provides. AccordModel starts no threads of its own: a server decoding an upload keeps the default (one part,
/// in place), and a command-line tool that wants every core passes one that does so.
///
/// ```swift
/// let inPlace = Parallelism(parts: 4) { count, body in for part in 0..<count { body(part) } }
/// let decoded = try ContractDecoder(parallelism: inPlace).decode(data)
/// // AccordClient's `Parallelism.cores` runs the parts on every core.
/// ```
public struct Parallelism: Sendable {
  /// How many parts to split into, at most.
  public let parts: Int
  /// Calls `body` once for each part index in `0..<count`, in any order and on any threads, and returns when all are
  /// done.
  public let run: @Sendable (_ count: Int, _ body: @Sendable (Int) -> Void) -> Void

  public init(parts: Int, run: @escaping @Sendable (_ count: Int, _ body: @Sendable (Int) -> Void) -> Void) {
    self.parts = max(1, parts)
    self.run = run
  }

  /// One part, run in place on the calling thread.
  public static let none = Parallelism(parts: 1) { count, body in
    for part in 0..<count { body(part) }
  }
}
