import AccordBroker
import AccordBrokerTestSupport
import AccordModel
import Foundation
import Testing

@testable import AccordBrokerServer

/// The Pact Broker's branch resources: what `pact-broker delete-branch` and the branch links of a pacticipant use.
@Suite("Broker branches over HTTP")
struct BranchAPITests {
  @Test("list, read, the versions on a branch, and delete one: the versions stay")
  func lifecycle() async throws {
    try await BrokerAPI.with { api in
      #expect(try await api.publish("web", "1", branch: "main", [Fixtures.pact("web", "users")]).status == 200)
      #expect(try await api.publish("web", "2", branch: "feat/x", [Fixtures.pact("web", "users")]).status == 200)
      #expect(try await api.publish("web", "3", branch: "feat/x", [Fixtures.pact("web", "users")]).status == 200)

      let pacticipant = try await api.call("GET", "/pacticipants/web")
      let branchesURL = try #require(pacticipant.json["_links"]?["pb:branches"]?["href"]?.stringValue)
      let list = try await api.call("GET", String(branchesURL.dropFirst(api.baseURL.count)))
      #expect(list.status == 200)
      #expect(
        list.json["_embedded"]?["branches"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["feat/x", "main"])

      // The index's template, expanded the way the Pact clients do: the slash in the branch percent-encoded.
      let template = try #require(
        try await api.call("GET", "/").json["_links"]?["pb:pacticipant-branch"]?["href"]?.stringValue)
      let branchURL = template.replacingOccurrences(of: "{pacticipant}", with: "web")
        .replacingOccurrences(of: "{branch}", with: "feat%2Fx")
      let branchPath = String(branchURL.dropFirst(api.baseURL.count))
      let branch = try await api.call("GET", branchPath)
      #expect(branch.status == 200, "\(branch.text)")
      #expect(branch.json["name"] == "feat/x")
      let latestURL = try #require(branch.json["_links"]?["pb:latest-version"]?["href"]?.stringValue)
      let latest = try await api.call("GET", String(latestURL.dropFirst(api.baseURL.count)))
      #expect(latest.json["_embedded"]?["versions"]?.arrayValue?.compactMap { $0["number"]?.stringValue } == ["3"])
      let all = try await api.call("GET", branchPath + "/versions")
      #expect(all.json["_embedded"]?["versions"]?.arrayValue?.compactMap { $0["number"]?.stringValue } == ["3", "2"])
      #expect(try await api.call("GET", branchPath + "/versions/2").json["_embedded"]?["version"]?["number"] == "2")
      #expect(try await api.call("GET", branchPath + "/versions/1").status == 404)

      #expect(try await api.call("DELETE", branchPath).status == 204)
      let gone = try await api.call("DELETE", branchPath)
      #expect(gone.status == 404)
      #expect(gone.json["error"]?["message"]?.stringValue?.contains("/pacticipants/web/branches") == true)
      #expect(try await api.call("GET", branchPath).status == 404)
      let version = try await api.call("GET", "/pacticipants/web/versions/3")
      #expect(version.status == 200)
      #expect(version.json["_embedded"]?["branchVersions"]?.arrayValue?.isEmpty == true)
      #expect(try await api.call("GET", "/pacticipants/web/branches/main/latest-version").json["number"] == "1")
    }
  }

  @Test("a branch version can be put and read back; bad input is a 4xx that names it")
  func putAndHostile() async throws {
    try await BrokerAPI.with { api in
      let put = try await api.call("PUT", "/pacticipants/web/branches/main/versions/1.0.0", json: [:])
      #expect(put.status == 201)
      #expect(put.json["_embedded"]?["version"]?["number"] == "1.0.0")
      #expect(try await api.call("PUT", "/pacticipants/web/branches/main/versions/1.0.0", json: [:]).status == 200)
      #expect(try await api.call("GET", "/pacticipants/web/branches/main/versions/1.0.0").status == 200)

      #expect(try await api.call("GET", "/pacticipants/nobody/branches").status == 404)
      #expect(try await api.call("GET", "/pacticipants/web/branches/nope").status == 404)
      #expect(try await api.call("DELETE", "/pacticipants/nobody/branches/main").status == 404)
      for size in ["0", "-1", "many", "1001", String(repeating: "9", count: 40)] {
        let answer = try await api.call("GET", "/pacticipants/web/branches/main/versions?pageSize=\(size)")
        #expect(answer.status == 400, "pageSize=\(size)")
        #expect(answer.json["error"]?["message"]?.stringValue?.contains("pageSize") == true)
      }
      // A control character in the branch name is refused with the name's rule, not stored or echoed raw.
      let hostile = try await api.call("GET", "/pacticipants/web/branches/a%1B%5B31mred")
      #expect(hostile.status == 400)
      #expect(!hostile.text.contains("\u{1B}"))
    }
  }

  @Test("pacts by consumer branch: a provider's from main branches or a named branch, and a pact's versions")
  func pactsByBranch() async throws {
    try await BrokerAPI.with { api in
      #expect(try await api.publish("web", "1", branch: "main", [Fixtures.pact("web", "users")]).status == 200)
      #expect(try await api.publish("web", "2", branch: "main", [Fixtures.pact("web", "users")]).status == 200)
      #expect(try await api.publish("web", "3", branch: "feat", [Fixtures.pact("web", "users")]).status == 200)
      #expect(try await api.publish("ios", "9", branch: "feat", [Fixtures.pact("ios", "users")]).status == 200)

      let index = try await api.call("GET", "/").json["_links"]
      func expand(_ relation: String, _ values: [String: String]) throws -> String {
        var href = try #require(index?[relation]?["href"]?.stringValue, "\(relation)")
        for (key, value) in values { href = href.replacingOccurrences(of: "{\(key)}", with: value) }
        return String(href.dropFirst(api.baseURL.count))
      }
      func consumers(_ answer: BrokerAPI.Answer) -> [String] {
        answer.json["_links"]?["pb:pacts"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
      }
      func versions(_ answer: BrokerAPI.Answer) -> [String] {
        answer.json["_links"]?["pacts"]?.arrayValue?.compactMap { $0["title"]?.stringValue } ?? []
      }
      let mainAll = try await api.call("GET", try expand("pb:provider-pacts-with-main-branch", ["provider": "users"]))
      #expect(mainAll.status == 200, "\(mainAll.text)")
      #expect(versions(mainAll) == ["Pact between web (2) and users", "Pact between web (1) and users"])
      let mainLatest = try await api.call(
        "GET", try expand("pb:latest-provider-pacts-with-main-branch", ["provider": "users"]))
      #expect(versions(mainLatest) == ["Pact between web (2) and users"])
      let feat = try await api.call(
        "GET", try expand("pb:provider-pacts-with-branch", ["provider": "users", "branch": "feat"]))
      #expect(consumers(feat).sorted() == ["ios", "web"])
      let featLatest = try await api.call(
        "GET", try expand("pb:latest-provider-pacts-with-branch", ["provider": "users", "branch": "feat"]))
      #expect(consumers(featLatest).sorted() == ["ios", "web"])

      let pairMain = try await api.call(
        "GET", try expand("pb:main-branch-pact-versions", ["provider": "users", "consumer": "web"]))
      #expect(
        pairMain.json["_embedded"]?["pacts"]?.arrayValue?.compactMap {
          $0["_embedded"]?["consumerVersion"]?["number"]?.stringValue
        } == ["2", "1"])
      #expect(pairMain.json["_links"]?["pb:pacts"]?.arrayValue?.count == 2)
      let pairLatest = try await api.call(
        "GET", try expand("pb:latest-main-branch-pact-versions", ["provider": "users", "consumer": "web"]))
      #expect(pairLatest.json["consumer"]?["name"] == "web")
      #expect(pairLatest.json["_links"]?["pb:consumer-version"]?["name"] == "2")
      let pairFeat = try await api.call(
        "GET", try expand("pb:branch-pact-versions", ["provider": "users", "consumer": "web", "branch": "feat"]))
      #expect(pairFeat.json["_links"]?["pact-versions"]?.arrayValue?.count == 1)

      // What is not there is a 404 that says what to do.
      let none = try await api.call("GET", "/pacts/provider/users/consumer/ios/branch")
      #expect(none.status == 404)
      #expect(none.json["error"]?["message"]?.stringValue?.contains("no main branch") == true)
      #expect(try await api.call("GET", "/pacts/provider/users/consumer/web/branch/nope").status == 404)
      #expect(try await api.call("GET", "/pacts/provider/nobody/branch").status == 404)
    }
  }
}
