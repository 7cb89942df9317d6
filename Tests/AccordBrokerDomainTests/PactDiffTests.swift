import AccordBroker
import AccordModel
import Testing

/// What changed between two versions of a pact, and whether it can break the provider's verification.
@Suite struct PactDiffTests {
  static func pact(_ interactions: [JSONValue]) -> JSONValue {
    ["consumer": ["name": "web"], "provider": ["name": "users"], "interactions": .array(interactions)]
  }

  static func interaction(_ description: String, state: String = "a user exists", body: JSONObject) -> JSONValue {
    [
      "description": .string(description), "providerStates": [["name": .string(state)]],
      "request": ["method": "GET", "path": "/users/1"], "response": ["status": 200, "body": .object(body)],
    ]
  }

  @Test("an added interaction can break; a removed one cannot; a new field can, a field taken away cannot")
  func changes() {
    let old = Self.pact([
      Self.interaction("get a user", body: ["id": 1, "name": "Ann"]),
      Self.interaction("get an old user", body: ["id": 2]),
    ])
    let new = Self.pact([
      Self.interaction("get a user", body: ["id": 1, "name": "Ann", "email": "a@b.c"]),
      Self.interaction("list users", body: ["users": []]),
    ])
    let diff = PactDiff(from: old, to: new)
    #expect(
      Set(diff.entries.map { "\($0.change.rawValue) \($0.description)" })
        == ["added list users", "removed get an old user", "changed get a user"])
    let changed = diff.entries.first { $0.change == .changed }!
    #expect(changed.lines == [#"+ $.response.body.email: "a@b.c""#])
    #expect(changed.mayBreak)
    #expect(diff.entries.first { $0.change == .removed }?.mayBreak == false)
    #expect(diff.mayBreak)

    let looser = PactDiff(from: new, to: Self.pact([Self.interaction("get a user", body: ["id": 1])]))
    #expect(looser.entries.filter { $0.change == .changed }.allSatisfy { !$0.mayBreak })
    #expect(!looser.mayBreak)
  }

  @Test("the same description under another provider state is another interaction; V4 ids are not changes")
  func identity() {
    var withID = Self.interaction("get a user", body: ["id": 1]).objectValue!
    withID["_id"] = "abc123"
    let diff = PactDiff(
      from: Self.pact([Self.interaction("get a user", body: ["id": 1])]),
      to: Self.pact([.object(withID), Self.interaction("get a user", state: "no users", body: [:])]))
    #expect(diff.entries.map(\.change) == [.added])
    #expect(diff.entries.first?.states == ["no users"])
    #expect(PactDiff(from: Self.pact([]), to: Self.pact([])).entries.isEmpty)
    // V3 messages count as interactions.
    let messages = PactDiff(from: ["messages": []], to: ["messages": [["description": "an event", "contents": [:]]]])
    #expect(messages.entries.map(\.change) == [.added])
  }
}
