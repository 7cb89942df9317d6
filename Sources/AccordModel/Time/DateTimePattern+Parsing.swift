/// Checking text against a pattern: every field is read strictly, then the date is checked for existence.
extension DateTimePattern {
  /// `nil` when `text` is written in this pattern; otherwise why not.
  public func mismatch(_ text: String) -> String? {
    let characters = Array(text)
    var fields = ParsedFields()
    var budget = Self.matchingBudget
    let end = match(elements[...], characters, 0, &fields, &budget)
    if budget < 0 {
      return "\"\(text.truncatedForMessage)\" could not be checked against the format '\(pattern)': it needs more "
        + "than \(Self.matchingBudget) steps; simplify the pattern's optional sections"
    }
    guard let end, end == characters.count else {
      return "\"\(text.truncatedForMessage)\" is not in the format '\(pattern)'"
    }
    return fields.validate()
  }

  /// How many matching steps one check may take: optional sections and variable-width fields backtrack, and a
  /// hostile pattern could otherwise take exponential time.
  static let matchingBudget = 100_000

  /// Tries to match `elements` from `start`, backtracking over fields of variable width. Returns the end position.
  private func match(
    _ elements: ArraySlice<Element>, _ text: [Character], _ start: Int, _ fields: inout ParsedFields,
    _ budget: inout Int
  ) -> Int? {
    budget -= 1
    guard budget >= 0 else { return nil }
    guard let element = elements.first else { return start }
    let rest = elements.dropFirst()
    switch element {
    case .literal(let literal):
      let expected = Array(literal)
      guard start + expected.count <= text.count else { return nil }
      for (offset, character) in expected.enumerated() where text[start + offset] != character { return nil }
      return match(rest, text, start + expected.count, &fields, &budget)
    case .optional(let inner):
      var attempt = fields
      if let afterOptional = match(ArraySlice(inner), text, start, &attempt, &budget) {
        var continued = attempt
        if let end = match(rest, text, afterOptional, &continued, &budget) {
          fields = continued
          return end
        }
      }
      return match(rest, text, start, &fields, &budget)
    case .field(let letter, let count):
      for candidate in candidates(letter, count, text, start) {
        var attempt = fields
        guard attempt.record(letter, count, candidate.value) else { continue }
        if let end = match(rest, text, start + candidate.length, &attempt, &budget) {
          fields = attempt
          return end
        }
      }
      return nil
    }
  }

  private struct Candidate {
    var length: Int
    var value: String
  }

  /// The ways a field can be read at `start`, longest first.
  private func candidates(_ letter: Character, _ count: Int, _ text: [Character], _ start: Int) -> [Candidate] {
    func digits(_ minimum: Int, _ maximum: Int) -> [Candidate] {
      var length = 0
      while start + length < text.count, length < maximum, text[start + length].isASCII,
        text[start + length].isNumber
      {
        length += 1
      }
      guard length >= minimum else { return [] }
      return (minimum...length).reversed().map { Candidate(length: $0, value: String(text[start..<start + $0])) }
    }
    func words(_ options: [String]) -> [Candidate] {
      let remaining = String(text[start...]).lowercased()
      return options.filter { remaining.hasPrefix($0.lowercased()) }
        .sorted { $0.count > $1.count }
        .map { Candidate(length: $0.count, value: $0) }
    }
    func regex(_ allowed: (Character) -> Bool) -> [Candidate] {
      var length = 0
      while start + length < text.count, allowed(text[start + length]) { length += 1 }
      return length == 0 ? [] : [Candidate(length: length, value: String(text[start..<start + length]))]
    }
    func offset(allowZ: Bool, colon: Bool?, minutesOptional: Bool) -> [Candidate] {
      var result: [Candidate] = []
      if allowZ, start < text.count, text[start] == "Z" { result.append(Candidate(length: 1, value: "Z")) }
      guard start < text.count, text[start] == "+" || text[start] == "-" else { return result }
      let rest = String(text[(start + 1)...])
      let forms: [(String, Int)] = [
        (colon != false ? "dd:dd" : "", 5), (colon != true ? "dddd" : "", 4), (minutesOptional ? "dd" : "", 2),
      ]
      for (shape, length) in forms where !shape.isEmpty && rest.count >= length {
        let piece = Array(rest.prefix(length))
        let fits = zip(piece, shape).allSatisfy { character, kind in
          kind == "d" ? (character.isASCII && character.isNumber) : character == kind
        }
        if fits { result.append(Candidate(length: length + 1, value: String(text[start..<(start + length + 1)]))) }
      }
      return result
    }

    switch letter {
    case "y", "u", "Y":
      if count == 2 { return digits(2, 2) }
      if count == 4 { return digits(4, 4) }
      return digits(max(count, 1), 9)
    case "M", "L":
      switch count {
      case 1: return digits(1, 2)
      case 2: return digits(2, 2)
      case 3: return words(CalendarNames.shortMonths)
      default: return words(CalendarNames.months)
      }
    case "d", "H", "k", "K", "h", "m", "s", "w", "W":
      return count == 1 ? digits(1, 2) : digits(count, count)
    case "D": return count == 1 ? digits(1, 3) : digits(count, 3)
    case "F", "e", "c":
      if count >= 3 { return words(count == 3 ? CalendarNames.shortDays : CalendarNames.days) }
      return digits(1, count)
    case "E": return words(count >= 4 ? CalendarNames.days : CalendarNames.shortDays)
    case "a": return words(["AM", "PM"])
    case "G": return words(count >= 4 ? ["Anno Domini", "Before Christ"] : ["AD", "BC", "CE", "BCE"])
    case "Q", "q":
      if count >= 3 {
        return words(["Q1", "Q2", "Q3", "Q4", "1st quarter", "2nd quarter", "3rd quarter", "4th quarter"])
      }
      return digits(1, count)
    case "S": return digits(count, count)
    case "n": return digits(1, 9)
    case "A", "N": return digits(1, 14)
    case "z", "V":
      return regex { $0.isLetter || $0 == "/" || $0 == "_" || ($0.isNumber && $0.isASCII) || $0 == "+" || $0 == "-" }
    case "O":
      let remaining = String(text[start...])
      guard remaining.hasPrefix("GMT") else { return [] }
      let sign = Array(remaining.dropFirst(3))
      var length = 3
      if let first = sign.first, first == "+" || first == "-" {
        length += 1
        while length - 3 < sign.count, sign[length - 3].isNumber || sign[length - 3] == ":" { length += 1 }
      }
      return [Candidate(length: length, value: String(text[start..<start + length]))]
    case "Z":
      if count <= 3 { return offset(allowZ: false, colon: false, minutesOptional: false) }
      if count == 4 {
        let remaining = String(text[start...])
        guard remaining.hasPrefix("GMT") else { return [] }
        var options = [Candidate(length: 3, value: "GMT")]
        let after = Array(remaining.dropFirst(3))
        if after.count >= 6, after[0] == "+" || after[0] == "-", after[3] == ":" {
          options.insert(Candidate(length: 9, value: String(text[start..<start + 9])), at: 0)
        }
        return options
      }
      return offset(allowZ: true, colon: true, minutesOptional: false)
    case "X", "x":
      let allowZ = letter == "X"
      switch count {
      case 1: return offset(allowZ: allowZ, colon: false, minutesOptional: true)
      case 2, 4: return offset(allowZ: allowZ, colon: false, minutesOptional: false)
      default: return offset(allowZ: allowZ, colon: true, minutesOptional: false)
      }
    default: return []
    }
  }
}

/// Values read while matching, checked for ranges and for dates that exist.
private struct ParsedFields {
  var year: Int?
  var month: Int?
  var day: Int?

  /// Records a field's value; `false` when it is out of range.
  mutating func record(_ letter: Character, _ count: Int, _ value: String) -> Bool {
    let number = Int(value)
    switch letter {
    case "y", "u", "Y":
      guard let number else { return false }
      year = count == 2 ? 2000 + number : number
    case "M", "L":
      if count >= 3 {
        let names = count == 3 ? CalendarNames.shortMonths : CalendarNames.months
        month = (names.firstIndex { $0.lowercased() == value.lowercased() } ?? 0) + 1
      } else {
        guard let number, (1...12).contains(number) else { return false }
        month = number
      }
    case "d":
      guard let number, (1...31).contains(number) else { return false }
      day = number
    case "D": return number.map { (1...366).contains($0) } ?? false
    case "H": return number.map { (0...23).contains($0) } ?? false
    case "k": return number.map { (1...24).contains($0) } ?? false
    case "K": return number.map { (0...11).contains($0) } ?? false
    case "h": return number.map { (1...12).contains($0) } ?? false
    case "m": return number.map { (0...59).contains($0) } ?? false
    case "s": return number.map { (0...60).contains($0) } ?? false
    case "w": return number.map { (1...53).contains($0) } ?? false
    case "W": return number.map { (0...6).contains($0) } ?? false
    case "X", "x", "Z":
      let digits = value.filter(\.isNumber)
      if digits.count >= 2, let hours = Int(digits.prefix(2)), hours > 18 { return false }
      if digits.count >= 4, let minutes = Int(digits.dropFirst(2).prefix(2)), minutes > 59 { return false }
    default: break
    }
    return true
  }

  func validate() -> String? {
    guard let day, let month else { return nil }
    let limit: Int
    switch month {
    case 2:
      if let year { limit = (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28 } else { limit = 29 }
    case 4, 6, 9, 11: limit = 30
    default: limit = 31
    }
    guard day <= limit else {
      return "day \(day) does not exist in month \(month)" + (year.map { " of \($0)" } ?? "")
    }
    return nil
  }
}

enum CalendarNames {
  static let months = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
  ]
  static let shortMonths = months.map { String($0.prefix(3)) }
  static let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
  static let shortDays = days.map { String($0.prefix(3)) }
}
