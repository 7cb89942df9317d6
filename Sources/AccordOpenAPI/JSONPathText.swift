/// JSON path steps as Accord prints them: `.name` for a plain name, `['odd name']` otherwise, `[3]` for an index.
enum JSONPathText {
  static func member(_ path: String, _ name: String) -> String {
    let plain =
      !name.isEmpty
      && name.unicodeScalars.allSatisfy {
        ($0.isASCII && ($0.properties.isAlphabetic || $0 == "_")) || ("0"..."9").contains($0)
      }
      && !(name.first?.isNumber ?? true)
    if plain { return path + "." + name }
    let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
    return path + "['" + escaped + "']"
  }

  static func index(_ path: String, _ index: Int) -> String { path + "[\(index)]" }
}
