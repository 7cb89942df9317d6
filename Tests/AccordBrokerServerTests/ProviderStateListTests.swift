import AccordBroker
import AccordModel
import Foundation
import Testing

@testable import AccordBrokerServer

/// The provider states a provider has to implement, across its consumers' pacts.
@Suite("Provider states")
struct ProviderStateListTests {
  /// A pact whose interactions use these states: V2 `providerState` for `v2`, V3 `providerStates` otherwise.
  static func pact(_ consumer: String, _ provider: String, states: [(String, JSONObject)], v2: Bool = false)
    -> JSONValue
  {
    .object([
      "consumer": ["name": .string(consumer)],
      "provider": ["name": .string(provider)],
      "interactions": .array(
        states.enumerated().map { index, state in
          var interaction: JSONObject = [
            "description": .string("request \(index)"),
            "request": ["method": "GET", "path": .string("/items/\(index)")],
            "response": ["status": 200],
          ]
          if v2 {
            interaction["providerState"] = .string(state.0)
          } else {
            var entry: JSONObject = ["name": .string(state.0)]
            if !state.1.isEmpty { entry["params"] = .object(state.1) }
            interaction["providerStates"] = [.object(entry)]
          }
          return .object(interaction)
        }),
      "metadata": ["pactSpecification": ["version": v2 ? "2.0.0" : "3.0.0"]],
    ])
  }

  @Test("de-duplicated across consumers and pact versions, with parameters, sorted; the scope picks the pacts")
  func collect() async throws {
    try await BrokerAPI.with { api in
      let web = Self.pact("web", "users", states: [("a user exists", ["id": 42]), ("no users", [:])])
      let ios = Self.pact("ios", "users", states: [("a user exists", ["id": 42]), ("a user exists", ["id": 7])])
      let old = Self.pact("android", "users", states: [("the legacy state", [:])], v2: true)
      #expect(try await api.publish("web", "1", branch: "main", [web]).status == 200)
      #expect(try await api.publish("ios", "1", branch: "main", [ios]).status == 200)
      #expect(try await api.publish("android", "1", branch: "feat", [old]).status == 200)

      let template = try #require(
        try await api.call("GET", "/").json["_links"]?["pb:provider-states"]?["href"]?.stringValue)
      let path = String(template.replacingOccurrences(of: "{provider}", with: "users").dropFirst(api.baseURL.count))
      let main = try await api.call("GET", path)
      #expect(main.status == 200, "\(main.text)")
      let states = try #require(main.json["providerStates"]?.arrayValue)
      #expect(states.map { $0["name"]?.stringValue ?? "" } == ["a user exists", "a user exists", "no users"])
      #expect(states[0]["params"] == ["id": 42] && states[0]["consumers"] == ["ios", "web"])
      #expect(states[1]["params"] == ["id": 7] && states[1]["consumers"] == ["ios"])
      #expect(states[2]["params"] == nil && states[2]["consumers"] == ["web"])

      let feat = try await api.call("GET", path + "/branch/feat")
      #expect(feat.json["providerStates"]?.arrayValue?.map { $0["name"]?.stringValue ?? "" } == ["the legacy state"])
      #expect(try await api.call("GET", path + "/branch/none").json["providerStates"] == [])

      let environment = try await api.call("POST", "/environments", json: ["name": "production", "production": true])
      let uuid = try #require(environment.json["uuid"]?.stringValue)
      #expect(
        try await api.call(
          "POST", "/pacticipants/android/versions/1/deployed-versions/environment/\(uuid)", json: [:]
        ).status == 201)
      let deployed = try await api.call("GET", path + "/environment/production")
      #expect(deployed.json["providerStates"]?.arrayValue?.first?["consumers"] == ["android"])

      let unknown = try await api.call("GET", path + "/environment/nowhere")
      #expect(unknown.status == 404)
      #expect(unknown.json["error"]?["message"]?.stringValue?.contains("no environment named") == true)
      #expect(try await api.call("GET", "/pacts/provider/nobody/provider-states").status == 404)
    }
  }

  @Test("a content that is not a pact is skipped, not a 500")
  func undecodable() {
    let list = ProviderStateList(
      provider: "users",
      contracts: [
        ("web", ["not": "a pact"]),
        ("ios", Self.pact("ios", "users", states: [("ready", [:])])),
      ])
    #expect(list.states.map(\.name) == ["ready"])
    #expect(list.states[0].paramsText == "{}")
  }
}
