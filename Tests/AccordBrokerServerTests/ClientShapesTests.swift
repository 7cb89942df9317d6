import AccordBroker
import AccordBrokerSQLite
import AccordBrokerTestSupport
import AccordModel
import Foundation
import Testing

@testable import AccordBrokerServer

/// Resources and shapes the Pact Broker's clients read, each as the Pact Broker gives it.
@Suite("resources as the Pact clients read them")
struct ClientShapesTests {
  @Test("GET /pacts/latest: each pact's self is the latest pact's link and the consumer version's")
  func latestPactsLinks() async throws {
    let store = try SQLiteBrokerStore.inMemory()
    try await Fixtures.publish(store, "Condor", "1.3.0", to: ["Pricing Service"])
    try await BrokerAPI.with(store: store) { api in
      let answer = try await api.call("GET", "/pacts/latest")
      let links = answer.json["pacts"]?[0]?["_links"]?["self"]?.arrayValue?.compactMap { $0["href"]?.stringValue }
      #expect(
        links == [
          api.baseURL + "/pacts/provider/Pricing%20Service/consumer/Condor/latest",
          api.baseURL + "/pacts/provider/Pricing%20Service/consumer/Condor/version/1.3.0",
        ])
      #expect(answer.json["pacts"]?[0]?["_embedded"]?["consumer"]?["_embedded"]?["version"]?["number"] == "1.3.0")
    }
  }

  @Test("every form of a pact's URL answers with X-Pact-Consumer-Version")
  func consumerVersionHeader() async throws {
    let store = try SQLiteBrokerStore.inMemory()
    let pact = try await Fixtures.publish(store, "Condor", "1.3.0", branch: "main", tags: ["prod"], to: ["Pricing"])
      .stored[0]
    try await BrokerAPI.with(store: store) { api in
      for path in [
        "/pacts/provider/Pricing/consumer/Condor/latest", "/pacts/provider/Pricing/consumer/Condor/version/1.3.0",
        "/pacts/provider/Pricing/consumer/Condor/latest/prod",
        "/pacts/provider/Pricing/consumer/Condor/pact-version/\(pact.sha)",
        "/pacts/provider/Pricing/consumer/Condor/branch/main/latest",
      ] {
        let answer = try await api.call("GET", path)
        #expect(answer.status == 200, "\(path)")
        #expect(answer.headers["X-Pact-Consumer-Version"]?.first == "1.3.0", "\(path)")
      }
    }
  }

  @Test("PATCH of a pact is read as PUT: the same content is 200, other content a 409; tags are put and deleted")
  func patchAndTags() async throws {
    try await BrokerAPI.with { api in
      let path = "/pacts/provider/users/consumer/web/version/1"
      #expect(try await api.call("PUT", path, json: Fixtures.pact("web", "users")).status == 201)
      #expect(try await api.call("PATCH", path, json: Fixtures.pact("web", "users")).status == 200)
      #expect(try await api.call("PATCH", path, json: Fixtures.pact("web", "users", ["other"])).status == 409)
      let tag = try await api.call("PUT", "/pacticipants/web/versions/1/tags/prod", json: [:])
      #expect([200, 201].contains(tag.status), "\(tag.text)")
      let version = try await api.call("GET", "/pacticipants/web/versions/1")
      #expect(version.text.contains("prod"))
      #expect(try await api.call("DELETE", "/pacticipants/web/versions/1/tags/prod").status == 204)
      #expect(try await !api.call("GET", "/pacticipants/web/versions/1").text.contains("\"prod\""))
    }
  }

  @Test("labels: put, read, list by label, in the pacticipant, delete")
  func labels() async throws {
    let store = try SQLiteBrokerStore.inMemory()
    try await Fixtures.publish(store, "web", "1", to: ["users", "orders"])
    try await BrokerAPI.with(store: store) { api in
      let put = try await api.call("PUT", "/pacticipants/users/labels/team-a", json: [:])
      #expect(put.status == 201)
      #expect(put.json["name"] == "team-a")
      #expect(try await api.call("PUT", "/pacticipants/users/labels/team-a", json: [:]).status == 200)
      #expect(try await api.call("PUT", "/pacticipants/orders/labels/team-a", json: [:]).status == 201)
      #expect(try await api.call("PUT", "/pacticipants/nobody/labels/team-a", json: [:]).status == 404)
      #expect(try await api.call("GET", "/pacticipants/users/labels/team-a").status == 200)
      #expect(try await api.call("GET", "/pacticipants/web/labels/team-a").status == 404)

      let labelled = try await api.call("GET", "/pacticipants/label/team-a")
      let names = labelled.json["_embedded"]?["pacticipants"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
      #expect(names == ["orders", "users"])
      let users = try await api.call("GET", "/pacticipants/users")
      #expect(users.json["_embedded"]?["labels"]?[0]?["name"] == "team-a")

      #expect(try await api.call("DELETE", "/pacticipants/users/labels/team-a").status == 204)
      #expect(try await api.call("DELETE", "/pacticipants/users/labels/team-a").status == 404)
      let after = try await api.call("GET", "/pacticipants/label/team-a")
      #expect(after.json["_embedded"]?["pacticipants"]?.arrayValue?.count == 1)
    }
  }

  @Test("a webhook by label fires for the labelled pacticipants only")
  func webhookByLabel() async throws {
    let store = try SQLiteBrokerStore.inMemory()
    try await Fixtures.publish(store, "web", "1", to: ["users"])
    _ = try await store.addLabel("team-a", to: "users")
    try await BrokerAPI.with(store: store) { api in
      let created = try await api.call(
        "POST", "/webhooks",
        json: [
          "provider": ["label": "team-a"], "events": [["name": "contract_published"]],
          "request": ["method": "POST", "url": "https://ci.example/build"],
        ])
      #expect(created.status == 201, "\(created.text)")
      #expect(created.json["provider"]?["label"] == "team-a")
      let both = try await api.call(
        "POST", "/webhooks",
        json: [
          "provider": ["label": "team-a", "name": "users"], "events": [["name": "contract_published"]],
          "request": ["method": "POST", "url": "https://ci.example/build"],
        ])
      #expect(both.status == 400)
    }
    let trigger = WebhookTrigger(store: store, webhooks: store)
    let labelled = try await Fixtures.publish(store, "web", "2", to: ["users"]).stored[0]
    let queued = try await trigger.published(labelled, previousSHA: labelled.sha, pactURL: "http://broker/pact")
    #expect(queued.count == 1)
    let other = try await Fixtures.publish(store, "web", "3", to: ["orders"]).stored[0]
    #expect(try await trigger.published(other, previousSHA: other.sha, pactURL: "http://broker/pact").isEmpty)
  }

  @Test("webhook mistakes: errors keyed by field; pacticipants that do not exist are 404 or 400")
  func webhookErrors() async throws {
    let store = try SQLiteBrokerStore.inMemory()
    try await Fixtures.publish(store, "web", "1", to: ["users"])
    try await BrokerAPI.with(store: store) { api in
      let request: JSONValue = ["method": "POST", "url": "https://ci.example/build"]
      let noURL = try await api.call(
        "POST", "/webhooks", json: ["events": [["name": "contract_published"]], "request": ["method": "POST"]])
      #expect(noURL.status == 400)
      #expect(noURL.json["errors"]?["request.url"]?[0]?.stringValue?.contains("url") == true, "\(noURL.text)")
      let noEvents = try await api.call("POST", "/webhooks", json: ["request": request])
      #expect(noEvents.json["errors"]?["events"] != nil, "\(noEvents.text)")
      let missingPair = try await api.call(
        "POST", "/webhooks/provider/nobody/consumer/web",
        json: ["events": [["name": "contract_published"]], "request": request])
      #expect(missingPair.status == 404)
      let missingConsumer = try await api.call(
        "POST", "/webhooks",
        json: ["consumer": ["name": "nobody"], "events": [["name": "contract_published"]], "request": request])
      #expect(missingConsumer.status == 400)
      #expect(missingConsumer.json["errors"]?["consumer.name"] != nil, "\(missingConsumer.text)")
    }
  }

  @Test("environment contacts: created, updated, read and listed; a bad one names its path")
  func environmentContacts() async throws {
    try await BrokerAPI.with { api in
      let contacts: JSONValue = [["name": "Team A", "details": ["slack": "#team-a"]]]
      let created = try await api.call(
        "POST", "/environments", json: ["name": "production", "production": true, "contacts": contacts])
      #expect(created.status == 201)
      #expect(created.json["contacts"] == contacts)
      let uuid = try #require(created.json["uuid"]?.stringValue)
      let changed: JSONValue = [["name": "Team B"]]
      let updated = try await api.call(
        "PUT", "/environments/\(uuid)", json: ["name": "production", "production": true, "contacts": changed])
      #expect(updated.json["contacts"] == changed)
      #expect(try await api.call("GET", "/environments/\(uuid)").json["contacts"] == changed)
      let list = try await api.call("GET", "/environments")
      #expect(list.json["_embedded"]?["environments"]?[0]?["contacts"] == changed)
      let bad = try await api.call(
        "POST", "/environments", json: ["name": "test", "production": false, "contacts": [["details": [:]]]])
      #expect(bad.status == 400)
      #expect(bad.text.contains("$.contacts[0].name"))
    }
  }
}
