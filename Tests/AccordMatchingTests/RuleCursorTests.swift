import AccordModel
import Testing

@testable import AccordMatching

/// The incremental cursor must choose exactly what weighing every rule at every location chooses.
@Suite struct RuleCursorTests {
  static let document: JSONValue = [
    "items": [
      ["id": 1, "tags": ["a", "b"], "owner": ["name": "x", "0": "zero"]],
      ["id": 2, "tags": [], "owner": ["name": "y"]],
    ],
    "meta": ["count": 2, "next": nil],
    "0": "numeric key",
  ]

  static let ruleSets: [[String]] = [
    ["$"],
    ["$.items", "$.items[*].id", "$.items[1].id", "$.items[*].owner.*"],
    ["$.*", "$.items[*]", "$.items[0]", "$.items.0.tags", "$.meta.count"],
    ["$.items[*].tags[*]", "$.items[*].tags", "$..x", "$.*.*.*"],
    ["$.items[*].owner['0']", "$.items[*].owner[0]", "$['0']", "$[0]"],
  ]

  @Test(arguments: ruleSets.indices)
  func choosesLikeTheIndex(set: Int) {
    var rules: [String: RuleList] = [:]
    for (position, path) in Self.ruleSets[set].enumerated() {
      // Alternate cascading and non-cascading rules so that both kinds are exercised.
      rules[path] = RuleList([position.isMultiple(of: 3) ? .values : .type(min: position)])
    }
    let index = RuleIndex(rules)
    var cursor = RuleCursor(index)
    var checked = 0
    walk(Self.document, location: [], cursor: &cursor, index: index, checked: &checked)
    #expect(checked > 10)
  }

  private func walk(
    _ value: JSONValue, location: [PathSegment], cursor: inout RuleCursor, index: RuleIndex, checked: inout Int
  ) {
    let expected = index.select(location)
    let actual = cursor.selection()
    #expect(expected?.list == actual?.list && expected?.cascaded == actual?.cascaded, "at \(location.jsonPath)")
    checked += 1
    switch value {
    case .object(let members):
      for (key, member) in members {
        cursor.descend(.key(key))
        walk(member, location: location + [.key(key)], cursor: &cursor, index: index, checked: &checked)
        cursor.ascend()
      }
    case .array(let items):
      for (position, item) in items.enumerated() {
        cursor.descend(.index(position))
        walk(item, location: location + [.index(position)], cursor: &cursor, index: index, checked: &checked)
        cursor.ascend()
      }
    default:
      break
    }
  }
}
