import Foundation
import Testing

/// The README's examples are the test files' code, word for word: each ```swift block after an
/// `<!-- example: PATH -->` line must equal the region of PATH between `// README:` and `// README: end`.
@Suite struct ReadmeExampleTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  @Test func readmeExamplesAreTheCompiledTests() throws {
    let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
    let lines = readme.components(separatedBy: "\n")
    var checked = 0
    for (index, line) in lines.enumerated() where line.hasPrefix("<!-- example: ") {
      let path = line.dropFirst("<!-- example: ".count).replacingOccurrences(of: " -->", with: "")
      guard index + 1 < lines.count, lines[index + 1] == "```swift",
        let end = lines[(index + 2)...].firstIndex(of: "```")
      else {
        Issue.record("README line \(index + 1): an example marker must be followed by a ```swift block")
        continue
      }
      let block = lines[(index + 2)..<end].joined(separator: "\n")
      let source = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
      guard let start = source.range(of: "// README:"), let stop = source.range(of: "// README: end") else {
        Issue.record("\(path) has no // README: … // README: end region")
        continue
      }
      let afterMarker = source[start.upperBound...].drop { $0 != "\n" }.dropFirst()
      let region = String(source[afterMarker.startIndex..<stop.lowerBound]).trimmingCharacters(in: .newlines)
      #expect(block == region, "README example for \(path) differs from the file; copy the region into README.md")
      checked += 1
    }
    #expect(checked == 3)
  }
}
