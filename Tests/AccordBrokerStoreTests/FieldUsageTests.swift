import AccordBroker
import AccordBrokerSQLite
import AccordModel
import Foundation
import Testing

/// "Who uses this field?": paths, endpoints, the fields of a contract, and the answer over a store.
@Suite("field usage")
struct FieldUsageTests {
  @Test("field paths: leaves, arrays as [*], odd keys quoted, hostile nesting bounded")
  func paths() throws {
    let document = try JSONValue(
      parsing:
        #"{"id": 1, "user": {"name": "A", "roles": ["x"]}, "orders": [{"id": 7}, {"id": 8, "note": null}], "a key": 1, "empty": {}}"#
    )
    #expect(
      FieldPaths.of(document) == [
        "$.empty", "$.id", "$.orders[*].id", "$.orders[*].note", "$.user.name", "$.user.roles[*]", "$['a key']",
      ])
    #expect(FieldPaths.of(.string("plain")).isEmpty)
    var deep = JSONValue.int(1)
    for _ in 0..<10_000 { deep = .object(["a": deep]) }
    let bounded = FieldPaths.of(deep)
    #expect(bounded.count == 1 && bounded[0].count < 200)
  }

  @Test("endpoints: ids become {id}; messages go by description")
  func endpoints() {
    #expect(Endpoint.http(method: "get", path: "/users/42").text == "GET /users/{id}")
    #expect(
      Endpoint.http(method: "POST", path: "/orders/0b5e9d7a-2c43-4f6e-a1d8-5e7c3b9f4a20/cancel").text
        == "POST /orders/{id}/cancel")
    #expect(Endpoint.http(method: "GET", path: "/users/alice").text == "GET /users/alice")
    #expect(Endpoint.message("an OrderPlaced event").text == #"message "an OrderPlaced event""#)
  }

  static func pact(_ consumer: String, fields: JSONValue, path: String = "/users/42") -> JSONValue {
    [
      "consumer": ["name": .string(consumer)], "provider": ["name": "users"],
      "interactions": [
        [
          "description": "a request for a user", "request": ["method": "GET", "path": .string(path)],
          "response": ["status": 200, "body": fields],
        ]
      ],
      "metadata": ["pactSpecification": ["version": "3.0.0"]],
    ]
  }

  @Test("over a store: each field with the consumer versions that rely on it, and what no one uses")
  func usage() async throws {
    let store = try SQLiteBrokerStore.inMemory()
    let web = try await store.publish(
      Publication(
        version: VersionChange(pacticipant: "web", number: "1.0.0", branch: "main"),
        contracts: [try PactContent(json: Self.pact("web", fields: ["id": 1, "name": "A"]), path: "web")]))
    _ = try await store.publish(
      Publication(
        version: VersionChange(pacticipant: "mobile", number: "3.1", branch: "main"),
        contracts: [
          try PactContent(json: Self.pact("mobile", fields: ["id": 1, "email": "a@b"], path: "/users/7"), path: "m")
        ]))
    // Only the latest main-branch version counts: web 0.9 relied on `legacy`, web 1.0.0 no longer does.
    _ = try await store.publish(
      Publication(
        version: VersionChange(pacticipant: "web", number: "0.9.0", branch: "old"),
        contracts: [try PactContent(json: Self.pact("web", fields: ["legacy": 1]), path: "web-old")]))

    let observed: JSONValue = [
      [
        "interactionDescription": "a request for a user", "success": true,
        "accordObserved": ["method": "GET", "path": "/users/42", "fields": ["$.id", "$.name", "$.email", "$.tier"]],
      ]
    ]
    let pact = try #require(web.stored.first)
    _ = try await store.recordVerification(
      NewVerification(
        provider: "users", consumer: "web", sha: pact.sha,
        providerVersion: VersionChange(pacticipant: "users", number: "5", branch: "main"), success: true,
        testResults: observed))
    // A later failing verification (a breaking change on a branch) does not speak for the provider.
    _ = try await store.recordVerification(
      NewVerification(
        provider: "users", consumer: "web", sha: pact.sha,
        providerVersion: VersionChange(pacticipant: "users", number: "6-rename", branch: "rename"), success: false,
        testResults: [
          [
            "interactionDescription": "a request for a user",
            "accordObserved": ["method": "GET", "path": "/users/42", "fields": ["$.fullName"]],
          ]
        ]))

    let usage = try await FieldUsage.of(provider: "users", store: store)
    let byPath = Dictionary(grouping: usage.fields, by: \.path)
    #expect(Set(byPath.keys) == ["$.id", "$.name", "$.email"])
    #expect(byPath["$.id"]?.first?.consumers.map(\.name) == ["mobile", "web"])
    #expect(byPath["$.name"]?.first?.consumers.map(\.version) == ["1.0.0"])
    #expect(usage.fields.allSatisfy { $0.endpoint.text == "GET /users/{id}" })
    #expect(usage.unused.map(\.path) == ["$.tier"])
    #expect(usage.unobserved.isEmpty)
    await #expect(throws: BrokerError.self) { _ = try await FieldUsage.of(provider: "nobody", store: store) }
  }
}
