/// Produces random strings that match a regular expression, for the `Regex` generator.
///
/// Works for the syntax ``RegexSyntaxError`` does not refuse: literals, escapes, `.`, classes, groups, alternation
/// and quantifiers. Open-ended quantifiers (`*`, `+`, `{n,}`) repeat up to four times more than their minimum.
///
/// ```swift
/// var random = SystemRandomNumberGenerator()
/// try RegexStringGenerator(#"\d{3}-[A-Z]{2}"#).generate(using: &random)  // e.g. "042-QX"
/// ```
public struct RegexStringGenerator: Sendable {
  let root: RegexNode
  public let pattern: String

  public init(_ pattern: String) throws(RegexSyntaxError) {
    self.pattern = pattern
    self.root = try RegexSyntax.parse(pattern)
  }

  /// The longest string generated, in Unicode scalars; a pattern that needs more (`a{5000}{5000}`) throws.
  public static let maximumLength = 65_536
  /// How many steps one generation may take (a repeated empty group produces nothing but still takes time).
  static let maximumSteps = 1_000_000

  /// A random string matching the pattern; throws when it would be longer than ``maximumLength``.
  public func generate<R: RandomNumberGenerator>(using random: inout R) throws(RegexSyntaxError) -> String {
    var output: [Unicode.Scalar] = []
    var steps = 0
    guard emit(root, into: &output, random: &random, steps: &steps) else {
      throw RegexSyntaxError(
        pattern: pattern,
        reason: "the generated value would be longer than \(Self.maximumLength) characters or take too long",
        kind: .tooComplex)
    }
    return String(String.UnicodeScalarView(output))
  }

  private static let printable: [Unicode.Scalar] = (0x21...0x7E).compactMap(Unicode.Scalar.init)
  private static let alphanumeric: [ClosedRange<Unicode.Scalar>] = ["a"..."z", "A"..."Z", "0"..."9"]
  private static let openEndedSpan = 4

  /// Appends a string for `node`; false when the output or the step count passes its limit.
  private func emit<R: RandomNumberGenerator>(
    _ node: RegexNode, into output: inout [Unicode.Scalar], random: inout R, steps: inout Int
  ) -> Bool {
    steps += 1
    guard steps <= Self.maximumSteps, output.count <= Self.maximumLength else { return false }
    switch node {
    case .literal(let scalar): output.append(scalar)
    case .any: pick(from: Self.alphanumeric, into: &output, random: &random)
    case .set(let ranges, let negated):
      if negated {
        let choices = Self.printable.filter { scalar in !ranges.contains { $0.contains(scalar) } }
        if let scalar = choices.randomElement(using: &random) { output.append(scalar) }
      } else if ranges == RegexSyntax.space {
        output.append(" ")
      } else {
        pick(from: ranges, into: &output, random: &random)
      }
    case .sequence(let nodes):
      for child in nodes where !emit(child, into: &output, random: &random, steps: &steps) { return false }
    case .alternation(let options):
      if let option = options.randomElement(using: &random) {
        return emit(option, into: &output, random: &random, steps: &steps)
      }
    case .repeated(let child, let minimum, let maximum, _):
      let count = Int.random(in: minimum...(maximum ?? minimum + Self.openEndedSpan), using: &random)
      for _ in 0..<count where !emit(child, into: &output, random: &random, steps: &steps) { return false }
    case .startAnchor, .endAnchor, .wordBoundary, .empty: break
    }
    return output.count <= Self.maximumLength
  }

  private func pick<R: RandomNumberGenerator>(
    from ranges: [ClosedRange<Unicode.Scalar>], into output: inout [Unicode.Scalar], random: inout R
  ) {
    let sizes = ranges.map { Int($0.upperBound.value - $0.lowerBound.value) + 1 }
    var choice = Int.random(in: 0..<max(sizes.reduce(0, +), 1), using: &random)
    for (range, size) in zip(ranges, sizes) {
      if choice < size {
        let value = range.lowerBound.value + UInt32(choice)
        // A range across the surrogates (U+D800–U+DFFF, which are not characters) gives a character past them,
        // or its lower bound: the output must have one character here, or it would not match.
        output.append(
          Unicode.Scalar(value) ?? Unicode.Scalar(min(0xE000, range.upperBound.value)) ?? range.lowerBound)
        return
      }
      choice -= size
    }
  }
}
