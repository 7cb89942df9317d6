/// A deterministic random number generator (SplitMix64): the same seed gives the same values on every machine, so a
/// generated example, a fuzzer's input or a test's random history reproduces from its seed alone. Not for secrets.
///
/// ```swift
/// var random = SeededRandom(seed: 42)
/// let value = try RegexStringGenerator("[a-z]{3}").generate(using: &random)   // the same on every run
/// let coin = random.chance(50)
/// ```
public struct SeededRandom: RandomNumberGenerator, Sendable {
  public private(set) var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// True `percent` times in a hundred.
  public mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &self) < percent }

  /// One of `items`, which must not be empty.
  public mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }

  /// A number in `0..<bound` (0 when `bound` is not positive).
  public mutating func next(below bound: Int) -> Int { bound > 0 ? Int.random(in: 0..<bound, using: &self) : 0 }
}
