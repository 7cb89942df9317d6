import Foundation

@testable import AccordMatching
@testable import AccordModel

/// libFuzzer target: the first line is a pattern, the rest a value. Parsing, compiling and matching never crash;
/// a string generated from a pattern always matches it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRegex(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
  let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
  let pattern = String(parts[0])
  let value = parts.count > 1 ? String(parts[1]) : ""
  guard let node = try? RegexSyntax.parse(pattern), let program = RegexProgram(node) else { return 0 }
  _ = program.wholeMatch(value)
  var random = SeededRandom(seed: UInt64(truncatingIfNeeded: count))
  // Anchors and word boundaries can make a pattern unsatisfiable (`a\zb`), and negated sets choose from printable
  // ASCII only: the property holds for patterns without them. Checked on bytes: a `$` followed by a combining mark
  // is one Character, and `String.contains` would not see it.
  let bytes = Array(pattern.utf8)
  let unsatisfiable =
    bytes.contains(UInt8(ascii: "$")) || bytes.contains(UInt8(ascii: "^"))
    || zip(bytes, bytes.dropFirst()).contains { first, second in
      first == UInt8(ascii: "\\") && "bBAzZGDWS".utf8.contains(second)
    }
  if !unsatisfiable,
    let generated = try? RegexStringGenerator(pattern).generate(using: &random),
    program.wholeMatch(generated) == false
  {
    fatalError("/\(pattern)/ generated \(generated.debugDescription), which it does not match")
  }
  return 0
}
