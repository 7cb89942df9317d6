/// Rewrites a pattern for `NSRegularExpression` (ICU) so that its classes mean what they mean in Java and in
/// Accord's own engine: `\d` `\w` `\s` and `\b` over ASCII, not Unicode.
///
/// ```swift
/// ASCIIClasses.rewrite(#"\d+"#)     // "[0-9]+"
/// ASCIIClasses.rewrite(#"[\w.]+"#)  // "[a-zA-Z0-9_.]+"
/// ```
enum ASCIIClasses {
  private static let digit = "0-9"
  private static let word = "a-zA-Z0-9_"
  private static let space = #" \t\n\x{0B}\f\r"#

  static func rewrite(_ pattern: String) -> String {
    let scalars = Array(pattern.unicodeScalars)
    var output = ""
    var classDepth = 0
    var position = 0
    while position < scalars.count {
      let scalar = scalars[position]
      if scalar == "\\", position + 1 < scalars.count {
        let escaped = scalars[position + 1]
        position += 2
        if escaped == "Q" {
          // \Q…\E quotes everything up to \E: copy it as it is.
          output += "\\Q"
          while position < scalars.count {
            if scalars[position] == "\\", position + 1 < scalars.count, scalars[position + 1] == "E" {
              output += "\\E"
              position += 2
              break
            }
            output.unicodeScalars.append(scalars[position])
            position += 1
          }
          continue
        }
        output += replacement(for: escaped, inClass: classDepth > 0) ?? "\\" + String(escaped)
        continue
      }
      if scalar == "[" {
        classDepth += 1
        output += "["
        position += 1
        // A ']' right after '[' or '[^' is a literal.
        if position < scalars.count, scalars[position] == "^" {
          output += "^"
          position += 1
        }
        if position < scalars.count, scalars[position] == "]" {
          output += "\\]"
          position += 1
        }
        continue
      }
      if scalar == "]", classDepth > 0 { classDepth -= 1 }
      output.unicodeScalars.append(scalar)
      position += 1
    }
    return output
  }

  private static func replacement(for escaped: Unicode.Scalar, inClass: Bool) -> String? {
    let set: String
    var negated = false
    switch escaped {
    case "d": set = digit
    case "D": (set, negated) = (digit, true)
    case "w": set = word
    case "W": (set, negated) = (word, true)
    case "s": set = space
    case "S": (set, negated) = (space, true)
    case "b" where !inClass:
      return "(?:(?<=[\(word)])(?![\(word)])|(?<![\(word)])(?=[\(word)]))"
    case "B" where !inClass:
      return "(?:(?<=[\(word)])(?=[\(word)])|(?<![\(word)])(?![\(word)]))"
    default: return nil
    }
    if inClass && !negated { return set }
    // ICU takes a nested set inside a class as a union.
    return negated ? "[^\(set)]" : "[\(set)]"
  }
}
