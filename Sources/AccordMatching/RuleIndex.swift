import AccordModel

/// The body (or metadata) rules of one part, parsed once, choosing the rules for each location as the Pact
/// specification says: highest weight wins, a longer path breaking ties.
struct RuleIndex: Sendable {
  struct Entry: Sendable {
    let path: DocPath
    let list: RuleList
    /// The list without the rules that do not cascade; `nil` when none do.
    let cascading: RuleList?

    init(path: DocPath, list: RuleList) {
      self.path = path
      self.list = list
      let kept = list.rules.filter(\.cascades)
      self.cascading = kept.isEmpty ? nil : RuleList(kept, combine: list.combine)
    }
  }

  /// The rules that apply at a location.
  struct Selection {
    let list: RuleList
    /// Whether the rules were defined at an ancestor and cascade down to here.
    let cascaded: Bool
  }

  let entries: [Entry]

  init(_ rules: [String: RuleList]) {
    var entries: [Entry] = []
    for key in rules.keys.sorted() {
      guard let path = try? DocPath(key), let list = rules[key], !list.rules.isEmpty else { continue }
      entries.append(Entry(path: path, list: list))
    }
    self.entries = entries
  }

  var isEmpty: Bool { entries.isEmpty }

  /// The rules for `location`. (Walking a whole document, ``RuleCursor`` makes the same choice incrementally.)
  func select(_ location: [PathSegment]) -> Selection? {
    var best: Entry?
    var bestScore = 0
    for entry in entries {
      let isExact = entry.path.tokens.count == location.count
      if !isExact && entry.cascading == nil { continue }
      let weight = entry.path.weight(for: location)
      guard weight > 0 else { continue }
      let score = RuleWeight.product(weight, entry.path.tokens.count + 1)
      if score > bestScore || (score == bestScore && entry.path.tokens.count > (best?.path.tokens.count ?? -1)) {
        best = entry
        bestScore = score
      }
    }
    guard let best else { return nil }
    let cascaded = best.path.tokens.count < location.count
    return Selection(list: cascaded ? best.cascading! : best.list, cascaded: cascaded)
  }

  /// Whether any rule that applies at `location` (exactly or by cascading) is a type rule.
  func hasTypeRule(at location: [PathSegment]) -> Bool {
    entries.contains { entry in
      entry.path.weight(for: location) > 0
        && entry.list.rules.contains { if case .type = $0 { return true } else { return false } }
    }
  }
}
