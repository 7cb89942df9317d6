import AccordModel

/// A location in an XML document: element names, then `@attribute` or `#text`, with each element's position
/// among its same-named siblings kept beside it.
///
/// Pact tools write XML rule paths both without positions (`$.animals.alligator['@phoneNumber']`) and with them
/// (`$.animals[*].alligator['@phoneNumber']`); a rule may name a position after any element or none, so positions
/// are optional steps when rules are chosen.
///
/// ```swift
/// let location = XMLLocation(root: "animals").element("alligator", at: 1).attribute("phoneNumber")
/// location.segments.jsonPath  // $.animals.alligator['@phoneNumber']
/// ```
struct XMLLocation: Sendable {
  /// The location without positions, as mismatches report it.
  private(set) var segments: [PathSegment]
  /// For each segment, the element's position among its same-named siblings; `nil` for attributes and text.
  private(set) var positions: [Int?]

  init(root name: String) {
    segments = [.key(name)]
    positions = [0]
  }

  func element(_ name: String, at position: Int) -> XMLLocation {
    var copy = self
    copy.segments.append(.key(name))
    copy.positions.append(position)
    return copy
  }

  func attribute(_ name: String) -> XMLLocation { leaf("@" + name) }

  var text: XMLLocation { leaf("#text") }

  private func leaf(_ name: String) -> XMLLocation {
    var copy = self
    copy.segments.append(.key(name))
    copy.positions.append(nil)
    return copy
  }

  /// How well `path` names this location: its weight (0 when it does not apply), and whether it names an ancestor
  /// (the rule then applies by cascading).
  func weight(of path: DocPath) -> (weight: Int, cascaded: Bool) {
    let tokens = path.tokens
    var weight = 2
    var token = 0
    var segment = 0
    var positionPending = false
    while token < tokens.count {
      if positionPending {
        positionPending = false
        let position = positions[segment - 1]!
        switch tokens[token] {
        case .index(let wanted):
          guard wanted == position else { return (0, false) }
          weight = RuleWeight.product(weight, 2)
          token += 1
          continue
        case .anyIndex:
          token += 1
          continue
        default:
          break  // The rule skips this position.
        }
      }
      guard segment < segments.count, case .key(let name) = segments[segment] else { return (0, false) }
      switch tokens[token] {
      case .field(let wanted):
        guard wanted == name else { return (0, false) }
        weight = RuleWeight.product(weight, 2)
      case .anyField:
        break
      default:
        return (0, false)
      }
      positionPending = positions[segment] != nil
      token += 1
      segment += 1
    }
    return (weight, segment < segments.count)
  }
}

extension RuleIndex {
  /// The rules for an XML location: highest weight wins, then the longer path, as for JSON.
  func select(_ location: XMLLocation) -> Selection? {
    var best: (entry: Entry, score: Int, cascaded: Bool)?
    for entry in entries {
      let (weight, cascaded) = location.weight(of: entry.path)
      guard weight > 0, !cascaded || entry.cascading != nil else { continue }
      let score = RuleWeight.product(weight, entry.path.tokens.count + 1)
      if best == nil || score > best!.score
        || (score == best!.score && entry.path.tokens.count > best!.entry.path.tokens.count)
      {
        best = (entry, score, cascaded)
      }
    }
    guard let best else { return nil }
    return Selection(list: best.cascaded ? best.entry.cascading! : best.entry.list, cascaded: best.cascaded)
  }

  /// Whether any rule that applies at `location` (exactly or by cascading) is a type rule.
  func hasTypeRule(at location: XMLLocation) -> Bool {
    entries.contains { entry in
      location.weight(of: entry.path).weight > 0
        && entry.list.rules.contains { if case .type = $0 { return true } else { return false } }
    }
  }
}
