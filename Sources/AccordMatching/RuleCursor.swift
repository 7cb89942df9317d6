import AccordModel

/// Chooses the rules for each location while a document is walked, advancing one path segment at a time instead
/// of weighing every rule at every node.
///
/// At each depth it keeps the rules whose leading tokens have matched so far (with their weight), and the best
/// rule that completed at a shallower depth and cascades down. The choice is the one ``RuleIndex/select(_:)``
/// makes: highest weight × length, ties to the longer path.
struct RuleCursor {
  private struct Partial {
    let entry: Int
    let weight: Int
  }

  private struct Cascade {
    let entry: Int
    let score: Int
  }

  /// What a path token needs, in plain arrays (no copies of entries while walking).
  private enum TokenKind: UInt8 {
    case field
    case index
    case anyIndex
    case anyField
  }

  private var lists: [RuleList]
  private var cascadingLists: [RuleList?]
  private var tokenStart: [Int] = []
  private var tokenCount: [Int] = []
  private var kinds: [TokenKind] = []
  private var names: [String] = []
  private var indices: [Int] = []

  /// Partial matches of all open depths, one frame after another, up to `top` (the rest is spare capacity).
  private var partials: [Partial] = []
  private var top = 0
  private var frameStarts: [Int] = [0]
  private var cascades: [Cascade?] = [nil]

  init(_ index: RuleIndex) {
    lists = []
    cascadingLists = []
    for entry in index.entries { add(entry) }
    partials = lists.indices.map { Partial(entry: $0, weight: 2) }
    top = partials.count
  }

  private mutating func push(_ partial: Partial) {
    if top < partials.count { partials[top] = partial } else { partials.append(partial) }
    top += 1
  }

  private mutating func add(_ entry: RuleIndex.Entry) {
    lists.append(entry.list)
    cascadingLists.append(entry.cascading)
    tokenStart.append(kinds.count)
    tokenCount.append(entry.path.tokens.count)
    for token in entry.path.tokens {
      switch token {
      case .field(let name):
        kinds.append(.field)
        names.append(name)
        indices.append(Int(name) ?? -1)
      case .index(let index):
        kinds.append(.index)
        names.append("")
        indices.append(index)
      case .anyIndex, .root:
        kinds.append(.anyIndex)
        names.append("")
        indices.append(-1)
      case .anyField:
        kinds.append(.anyField)
        names.append("")
        indices.append(-1)
      }
    }
  }

  var depth: Int { frameStarts.count - 1 }

  /// The rules at the current location.
  func selection() -> RuleIndex.Selection? {
    let depth = self.depth
    var best = -1
    var bestScore = 0
    for position in frameStarts[depth]..<top {
      let partial = partials[position]
      guard tokenCount[partial.entry] == depth else { continue }
      let score = RuleWeight.product(partial.weight, depth + 1)
      if score > bestScore {
        best = partial.entry
        bestScore = score
      }
    }
    if let cascade = cascades[depth], cascade.score > bestScore, let list = cascadingLists[cascade.entry] {
      return RuleIndex.Selection(list: list, cascaded: true)
    }
    return best < 0 ? nil : RuleIndex.Selection(list: lists[best], cascaded: false)
  }

  /// Moves to a child location.
  mutating func descend(_ segment: PathSegment) {
    let depth = self.depth
    let end = top
    var cascade = cascades[depth]
    var completedHere: Cascade?
    for position in frameStarts[depth]..<end {
      let partial = partials[position]
      let count = tokenCount[partial.entry]
      if count == depth {
        let score = RuleWeight.product(partial.weight, depth + 1)
        if cascadingLists[partial.entry] != nil, score > (completedHere?.score ?? 0) {
          completedHere = Cascade(entry: partial.entry, score: score)
        }
        continue
      }
      let token = tokenStart[partial.entry] + depth
      let factor: Int
      switch (kinds[token], segment) {
      case (.field, .key(let key)): factor = names[token] == key ? 2 : 0
      case (.field, .index(let index)), (.index, .index(let index)): factor = indices[token] == index ? 2 : 0
      case (.anyIndex, .index), (.anyField, _): factor = 1
      default: factor = 0
      }
      if factor > 0 { push(Partial(entry: partial.entry, weight: RuleWeight.product(partial.weight, factor))) }
    }
    // A rule completed here is longer than any from above, so it wins a tie.
    if let completedHere, completedHere.score >= (cascade?.score ?? 0) { cascade = completedHere }
    frameStarts.append(end)
    cascades.append(cascade)
  }

  /// Whether descending into any array index gives the same rules, so that one descent can serve every item.
  func treatsIndicesAlike() -> Bool {
    let depth = self.depth
    for position in frameStarts[depth]..<top {
      let entry = partials[position].entry
      guard tokenCount[entry] > depth else { continue }
      let token = tokenStart[entry] + depth
      if kinds[token] == .index || (kinds[token] == .field && indices[token] >= 0) { return false }
    }
    return true
  }

  /// Returns to the parent location.
  mutating func ascend() {
    top = frameStarts.removeLast()
    cascades.removeLast()
  }

  /// Adds a rule whose path is the current location followed by `wildcard` (for `eachValue`), so that it competes
  /// with the contract's own rules for every child. Undo with ``removeInjected()`` at the same depth.
  mutating func inject(_ list: RuleList, wildcard: DocPath.Token, location: [PathSegment]) {
    let tokens: [DocPath.Token] = location.map { segment in
      switch segment {
      case .key(let key): return .field(key)
      case .index(let index): return .index(index)
      }
    }
    add(RuleIndex.Entry(path: DocPath(tokens: tokens + [wildcard]), list: list))
    push(Partial(entry: lists.count - 1, weight: RuleWeight.power(of: location.count + 1)))
  }

  /// Removes the rule added last by ``inject(_:wildcard:location:)``.
  mutating func removeInjected() {
    let entry = lists.count - 1
    if let position = partials[frameStarts[depth]..<top].lastIndex(where: { $0.entry == entry }) {
      partials.remove(at: position)
      top -= 1
    }
    let start = tokenStart.removeLast()
    kinds.removeLast(kinds.count - start)
    names.removeLast(names.count - start)
    indices.removeLast(indices.count - start)
    tokenCount.removeLast()
    lists.removeLast()
    cascadingLists.removeLast()
  }
}
