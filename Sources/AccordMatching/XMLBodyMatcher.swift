import AccordModel

/// Compares XML documents as the Pact specification does: element names (with namespaces), attributes
/// (`$.a.b['@id']`), child elements grouped by name (`$.a.b`), and text (`$.a.b['#text']`).
struct XMLBodyMatcher {
  let rules: RuleIndex
  let allowUnexpectedKeys: Bool
  private(set) var mismatches: [Mismatch] = []

  init(rules: RuleIndex, allowUnexpectedKeys: Bool) {
    self.rules = rules
    self.allowUnexpectedKeys = allowUnexpectedKeys
  }

  mutating func compare(_ expected: XMLTree, _ actual: XMLTree) {
    compareElement(XMLLocation(root: expected.name.local), expected, actual)
  }

  private mutating func compareElement(_ path: XMLLocation, _ expected: XMLTree, _ actual: XMLTree) {
    if let selection = rules.select(path) {
      for rule in selection.list.rules {
        switch rule {
        case .type(let min, let max):
          if expected.name != actual.name {
            record(
              path, "expected element <\(expected.name.qualified)> but got <\(actual.name.qualified)>", expected, actual
            )
            return
          }
          if !selection.cascaded, let min, actual.children.count < min {
            record(
              path, "expected at least \(min) child element\(min == 1 ? "" : "s") but got \(actual.children.count)",
              expected, actual)
          }
          if !selection.cascaded, let max, actual.children.count > max {
            record(
              path, "expected at most \(max) child element\(max == 1 ? "" : "s") but got \(actual.children.count)",
              expected, actual)
          }
        default:
          if expected.name != actual.name {
            record(
              path, "expected element <\(expected.name.qualified)> but got <\(actual.name.qualified)>", expected, actual
            )
            return
          }
        }
      }
    } else if expected.name != actual.name {
      record(path, "expected element <\(expected.name.qualified)> but got <\(actual.name.qualified)>", expected, actual)
      return
    }
    compareAttributes(path, expected, actual)
    compareChildren(path, expected, actual)
    compareText(path, expected, actual)
  }

  private mutating func compareAttributes(_ path: XMLLocation, _ expected: XMLTree, _ actual: XMLTree) {
    let actualByName = Dictionary(
      actual.attributes.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    let expectedNames = Set(expected.attributes.map(\.name))
    for (name, value) in expected.attributes {
      let attributePath = path.attribute(name.local)
      guard let actualValue = actualByName[name] else {
        record(attributePath, "expected attribute \(name.qualified)=\"\(value)\" but it is missing", expected, actual)
        continue
      }
      compareValue(attributePath, value, actualValue)
    }
    if !allowUnexpectedKeys {
      for (name, value) in actual.attributes where !expectedNames.contains(name) {
        record(path.attribute(name.local), "unexpected attribute \(name.qualified)=\"\(value)\"", expected, actual)
      }
    }
  }

  private mutating func compareChildren(_ path: XMLLocation, _ expected: XMLTree, _ actual: XMLTree) {
    if expected.children.isEmpty, !actual.children.isEmpty, !allowUnexpectedKeys {
      let names = actual.children.map { "<\($0.name.qualified)>" }.joined(separator: ", ")
      record(path, "expected no child elements but got \(names)", expected, actual)
      return
    }
    let expectedGroups = group(expected.children)
    let actualGroups = group(actual.children)
    for (name, actualChildren) in actualGroups {
      let childPath = path.element(name.local, at: 0)
      guard let expectedChildren = expectedGroups.first(where: { $0.name == name })?.children else {
        if !allowUnexpectedKeys || rules.hasTypeRule(at: childPath) {
          record(path, "unexpected child element <\(name.qualified)>", expected, actual)
        }
        continue
      }
      if rules.hasTypeRule(at: childPath) {
        for (index, child) in actualChildren.enumerated() {
          compareElement(path.element(name.local, at: index), expectedChildren[0], child)
        }
        continue
      }
      for index in 0..<max(expectedChildren.count, actualChildren.count) {
        if index < expectedChildren.count, index < actualChildren.count {
          compareElement(path.element(name.local, at: index), expectedChildren[index], actualChildren[index])
        } else if index < expectedChildren.count {
          record(
            childPath, "expected child element <\(name.qualified)> (number \(index + 1)) but it is missing", expected,
            actual)
        } else if !allowUnexpectedKeys {
          record(childPath, "unexpected child element <\(name.qualified)> (number \(index + 1))", expected, actual)
        }
      }
    }
    for (name, _) in expectedGroups where !actualGroups.contains(where: { $0.name == name }) {
      record(path, "expected child element <\(name.qualified)> but it is missing", expected, actual)
    }
  }

  private mutating func compareText(_ path: XMLLocation, _ expected: XMLTree, _ actual: XMLTree) {
    compareValue(path.text, expected.text, actual.text)
  }

  private mutating func compareValue(_ path: XMLLocation, _ expected: String, _ actual: String) {
    if let selection = rules.select(path) {
      for failure in RuleEvaluator.failures(
        of: selection.list, expected: .string(expected), actual: .string(actual), cascaded: selection.cascaded,
        fromText: true)
      {
        mismatches.append(
          Mismatch(kind: .body, path: path.segments.jsonPath, expected: expected, actual: actual, message: failure))
      }
    } else if expected != actual {
      mismatches.append(
        Mismatch(
          kind: .body, path: path.segments.jsonPath, expected: expected, actual: actual,
          message: "expected \(JSONValue.string(expected)) but got \(JSONValue.string(actual))"))
    }
  }

  private func group(_ children: [XMLTree]) -> [(name: XMLTree.Name, children: [XMLTree])] {
    var groups: [(name: XMLTree.Name, children: [XMLTree])] = []
    for child in children {
      if let position = groups.firstIndex(where: { $0.name == child.name }) {
        groups[position].children.append(child)
      } else {
        groups.append((child.name, [child]))
      }
    }
    return groups
  }

  private mutating func record(_ path: XMLLocation, _ message: String, _ expected: XMLTree, _ actual: XMLTree) {
    mismatches.append(
      Mismatch(
        kind: .body, path: path.segments.jsonPath, expected: "<\(expected.name.qualified)>",
        actual: "<\(actual.name.qualified)>", message: message))
  }
}
