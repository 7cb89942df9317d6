/// Semantic versions (semver.org 2.0.0): `1.2.3`, `1.0.0-beta.1`, `2.0.0+build.5`.
enum Semver {
  static func isValid(_ text: String) -> Bool {
    var rest = Substring(text)
    var build: Substring?
    if let plus = rest.firstIndex(of: "+") {
      build = rest[rest.index(after: plus)...]
      rest = rest[..<plus]
    }
    var prerelease: Substring?
    if let dash = rest.firstIndex(of: "-") {
      prerelease = rest[rest.index(after: dash)...]
      rest = rest[..<dash]
    }
    let core = rest.split(separator: ".", omittingEmptySubsequences: false)
    guard core.count == 3, core.allSatisfy(isNumericIdentifier) else { return false }
    if let prerelease {
      let parts = prerelease.split(separator: ".", omittingEmptySubsequences: false)
      guard parts.allSatisfy({ isIdentifier($0) && (!$0.allSatisfy(\.isNumber) || isNumericIdentifier($0)) })
      else { return false }
    }
    if let build {
      guard build.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(isIdentifier) else { return false }
    }
    return true
  }

  private static func isNumericIdentifier(_ part: Substring) -> Bool {
    !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber } && (part == "0" || part.first != "0")
  }

  private static func isIdentifier(_ part: Substring) -> Bool {
    !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
  }
}
