import AccordModel

/// What changed between two versions of a pact, interaction by interaction (an interaction is known by its
/// description and provider states): added, removed, or changed with the fields and matching rules that differ.
/// Each change says whether it can break a provider that verified the older version: a new interaction, a changed
/// request, or a response that expects more or differently can; an interaction or an expectation taken away cannot.
///
/// ```swift
/// let diff = PactDiff(from: oldContent, to: newContent)
/// diff.entries.map(\.change)   // [.added, .changed]
/// diff.mayBreak                // true: the provider has not verified the new interaction
/// ```
public struct PactDiff: Sendable, Hashable {
  public enum Change: String, Sendable, Hashable { case added, removed, changed }

  public struct Entry: Sendable, Hashable {
    public var description: String
    public var states: [String]
    public var change: Change
    /// For a changed interaction, one line per path: `+ $.response.body.status: "ACTIVE"`.
    public var lines: [String]
    /// Whether this change can fail a verification that passed on the older version.
    public var mayBreak: Bool
  }

  public var entries: [Entry]

  /// Whether any change can break the older version's verification.
  public var mayBreak: Bool { entries.contains(where: \.mayBreak) }

  public init(from old: JSONValue, to new: JSONValue) {
    let before = Self.interactions(old)
    let after = Self.interactions(new)
    let oldKeys = Set(before.map(\.key))
    let newKeys = Set(after.map(\.key))
    var entries: [Entry] = []
    for interaction in after where !oldKeys.contains(interaction.key) {
      entries.append(
        Entry(
          description: interaction.description, states: interaction.states, change: .added, lines: [],
          mayBreak: true))
    }
    for interaction in before where !newKeys.contains(interaction.key) {
      entries.append(
        Entry(
          description: interaction.description, states: interaction.states, change: .removed, lines: [],
          mayBreak: false))
    }
    let oldByKey = Dictionary(before.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    for interaction in after {
      guard let previous = oldByKey[interaction.key], previous.body != interaction.body else { continue }
      let lines = JSONDiff.lines(from: previous.body, to: interaction.body, limit: 40)
      guard !lines.isEmpty else { continue }
      entries.append(
        Entry(
          description: interaction.description, states: interaction.states, change: .changed, lines: lines,
          mayBreak: lines.contains { !Self.isLoosening($0) }))
    }
    self.entries = entries
  }

  /// An expectation taken away: a removed line under the response, a message's contents or metadata, or a
  /// matching rule of those.
  static func isLoosening(_ line: String) -> Bool {
    guard line.hasPrefix("- ") else { return false }
    return [".response", ".contents", ".metadata"].contains { line.contains($0) }
  }

  struct Interaction {
    var key: String
    var description: String
    var states: [String]
    /// The interaction without what does not change its meaning (V4's `_id`, `comments`).
    var body: JSONValue
  }

  /// The interactions (V1–V4) and messages (V3) of a pact.
  static func interactions(_ content: JSONValue) -> [Interaction] {
    let all = (content["interactions"]?.arrayValue ?? []) + (content["messages"]?.arrayValue ?? [])
    return all.map { value in
      let description = value["description"]?.stringValue ?? ""
      var states = (value["providerStates"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
      if let state = value["providerState"]?.stringValue { states.append(state) }
      var body = value
      if var members = value.objectValue {
        for noise in ["_id", "comments"] { members[noise] = nil }
        body = .object(members)
      }
      return Interaction(
        key: description + "\u{1F}" + states.sorted().joined(separator: "\u{1F}"), description: description,
        states: states, body: body)
    }
  }
}
