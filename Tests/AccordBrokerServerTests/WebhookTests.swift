import AccordBroker
import AccordBrokerSQLite
import AccordBrokerServer
import AccordBrokerTestSupport
import AccordModel
import AccordTesting
import Foundation
import Hummingbird
import Testing

/// Webhooks through the Pact Broker API: created like the Pact clients create them, fired by publications and
/// verifications, delivered with retries, logged, tested; and bad input refused with the JSON path.
@Suite("webhooks")
struct WebhookTests {
  static let options = BrokerServer.Options(
    webhookPolicy: WebhookPolicy(schemes: ["http", "https"], network: .anyAddress),
    webhookSchedule: WebhookRetrySchedule(delays: [0, 0]))

  /// A broker with its dispatcher (run by hand with `deliverDue()`), and a receiver for the webhooks.
  static func with(
    store: (any BrokerStore)? = nil, receiver: WebhookReceiver = WebhookReceiver(),
    _ body: (BrokerAPI, BrokerServer, String) async throws -> Void
  ) async throws {
    let server = BrokerServer(store: try store ?? SQLiteBrokerStore.inMemory(), options: options)
    try await receiver.with { receiverURL in
      try await withProvider(server.router()) { baseURL in
        try await body(BrokerAPI(baseURL: baseURL), server, receiverURL)
      }
    }
  }

  static func hook(
    _ url: String, events: [String], consumer: String? = nil, provider: String? = nil, body: JSONValue? = nil
  ) -> JSONValue {
    var request: JSONObject = ["method": "POST", "url": .string(url), "headers": ["X-Token": "t0ken"]]
    if let body { request["body"] = body }
    var hook: JSONObject = [
      "description": "tell CI", "events": .array(events.map { ["name": .string($0)] }), "request": .object(request),
    ]
    if let consumer { hook["consumer"] = ["name": .string(consumer)] }
    if let provider { hook["provider"] = ["name": .string(provider)] }
    return .object(hook)
  }

  @Test("a published pact fires contract_published and contract_content_changed with the parameters filled in")
  func publicationFires() async throws {
    let receiver = WebhookReceiver()
    try await Self.with(receiver: receiver) { api, server, receiverURL in
      try await Self.pacticipants(api, "web", "users")
      let created = try await api.call(
        "POST", "/webhooks",
        json: Self.hook(
          receiverURL + "/build?pact=${pactbroker.pactUrl}&branch=${pactbroker.consumerVersionBranch}",
          events: ["contract_published", "contract_content_changed"], provider: "users",
          body: [
            "consumer": "${pactbroker.consumerName}", "version": "${pactbroker.consumerVersionNumber}",
            "event": "${pactbroker.eventName}", "status": "${pactbroker.githubVerificationStatus}",
          ]))
      #expect(created.status == 201, "\(created.text)")
      let uuid = try #require(created.json["uuid"]?.stringValue)
      #expect(created.headers["Location"]?.first?.hasSuffix("/webhooks/\(uuid)") == true)
      #expect(created.json["_links"]?["pb:execute"]?["href"]?.stringValue?.hasSuffix("/execute") == true)

      #expect(try await api.publish("web", "1.0.0", branch: "feat/a&b", [Fixtures.pact("web", "users")]).status == 200)
      #expect(try await api.publish("web", "1.0.1", branch: "feat/a&b", [Fixtures.pact("web", "users")]).status == 200)
      #expect(try await api.publish("web", "1.0.2", [Fixtures.pact("web", "orders")]).status == 200)
      #expect(await server.webhookDispatcher!.deliverDue() == 3)

      // Delivered several at a time: in any order.
      let calls = receiver.received.sorted {
        ($0.json["version"]?.stringValue ?? "", $0.json["event"]?.stringValue ?? "")
          < ($1.json["version"]?.stringValue ?? "", $1.json["event"]?.stringValue ?? "")
      }
      // 1.0.0: published and changed (the first pact); 1.0.1: published, same content; orders: not this webhook.
      #expect(
        calls.map { $0.json["event"]?.stringValue } == [
          "contract_content_changed", "contract_published", "contract_published",
        ])
      #expect(calls.map { $0.json["version"]?.stringValue } == ["1.0.0", "1.0.0", "1.0.1"])
      #expect(calls[0].json["consumer"] == "web")
      #expect(calls[0].json["status"] == "pending")
      #expect(calls[0].headers["X-Token"] == "t0ken")
      #expect(calls[0].headers["Content-Type"] == "application/json")
      // URL values are encoded: a branch with & and / cannot change the query.
      #expect(calls[0].path.contains("&branch=feat%2Fa%26b"), "\(calls[0].path)")
      #expect(calls[0].path.contains("pact=http%3A%2F%2F127.0.0.1"), "\(calls[0].path)")

      let log = try await api.call("GET", "/webhooks/\(uuid)/deliveries")
      #expect(log.status == 200)
      let deliveries = try #require(log.json["deliveries"]?.arrayValue)
      #expect(deliveries.count == 3)
      #expect(deliveries.allSatisfy { $0["status"] == "succeeded" })
      #expect(deliveries[0]["attempts"]?[0]?["status"] == 200)
      #expect(deliveries[0]["attempts"]?[0]?["responseBody"] == "{\"answered\":200}")
    }
  }

  @Test("a failed delivery is retried by the schedule and each attempt is logged; then it gives up")
  func retries() async throws {
    let receiver = WebhookReceiver(failing: [500, 503, 502, 500])
    try await Self.with(receiver: receiver) { api, server, receiverURL in
      try await Self.pacticipants(api, "web", "users")
      let created = try await api.call(
        "POST", "/webhooks/provider/users/consumer/web",
        json: Self.hook(receiverURL + "/hook", events: ["contract_published"]))
      #expect(created.status == 201, "\(created.text)")
      #expect(created.json["consumer"]?["name"] == "web")
      let uuid = try #require(created.json["uuid"]?.stringValue)
      _ = try await api.publish("web", "1", [Fixtures.pact("web", "users")])
      // Three attempts (the first and two retries, due at once in this schedule), all failing.
      var rounds = 0
      while await server.webhookDispatcher!.deliverDue() > 0 && rounds < 10 { rounds += 1 }
      #expect(receiver.received.count == 3)
      let log = try await api.call("GET", "/webhooks/\(uuid)/deliveries")
      let delivery = try #require(log.json["deliveries"]?[0])
      #expect(delivery["status"] == "failed")
      #expect(delivery["attempts"]?.arrayValue?.compactMap { $0["status"]?.intValue } == [500, 503, 502])
      #expect(delivery["attempts"]?[0]?["error"]?.stringValue?.contains("2xx") == true)
      let metrics = try await api.call("GET", "/metrics")
      #expect(metrics.text.contains("accord_broker_webhook_attempts_total{outcome=\"retry\"} 2"))
      #expect(metrics.text.contains("accord_broker_webhook_attempts_total{outcome=\"failed\"} 1"))
    }
  }

  @Test("verification results fire published and succeeded or failed, with both versions")
  func verificationFires() async throws {
    let receiver = WebhookReceiver()
    try await Self.with(receiver: receiver) { api, server, receiverURL in
      _ = try await api.call(
        "POST", "/webhooks",
        json: Self.hook(
          receiverURL + "/status",
          events: [
            "provider_verification_published", "provider_verification_failed", "provider_verification_succeeded",
          ],
          body: [
            "event": "${pactbroker.eventName}", "provider": "${pactbroker.providerVersionNumber}",
            "consumer": "${pactbroker.consumerVersionNumber}", "result": "${pactbroker.verificationResultUrl}",
            "github": "${pactbroker.githubVerificationStatus}",
          ]))
      _ = try await api.publish("web", "1.0.0", [Fixtures.pact("web", "users")])
      let pact = try #require(try await server.store.pact(provider: "users", consumer: "web", consumerVersion: "1.0.0"))
      let result = try await api.call(
        "POST", "/pacts/provider/users/consumer/web/pact-version/\(pact.sha)/verification-results",
        json: ["success": false, "providerApplicationVersion": "7.1"])
      #expect(result.status == 201)
      await server.webhookDispatcher!.deliverDue()
      let calls = receiver.received.map(\.json).sorted {
        ($0["event"]?.stringValue ?? "") > ($1["event"]?.stringValue ?? "")
      }
      #expect(
        calls.map { $0["event"]?.stringValue } == ["provider_verification_published", "provider_verification_failed"])
      #expect(calls[0]["provider"] == "7.1")
      #expect(calls[0]["consumer"] == "1.0.0")
      #expect(calls[0]["github"] == "failure")
      #expect(calls[0]["result"]?.stringValue?.hasSuffix("/verification-results/1") == true)
    }
  }

  @Test("contract_requiring_verification_published fires once per provider version that has not verified it")
  func requiringVerification() async throws {
    let receiver = WebhookReceiver()
    let store = try SQLiteBrokerStore.inMemory()
    try await Self.with(store: store, receiver: receiver) { api, server, receiverURL in
      try await Self.pacticipants(api, "web", "users")
      _ = try await api.call(
        "POST", "/webhooks",
        json: Self.hook(
          receiverURL + "/verify", events: ["contract_requiring_verification_published"], provider: "users",
          body: ["provider": "${pactbroker.providerVersionNumber}", "branch": "${pactbroker.providerVersionBranch}"]))
      // No provider version yet: once, without one.
      _ = try await api.publish("web", "1", [Fixtures.pact("web", "users", ["a"])])
      await server.webhookDispatcher!.deliverDue()
      #expect(receiver.received.map { $0.json["provider"]?.stringValue } == [""])
      // users: 5 on main (latest), 3 deployed to production; 5 already verified content b.
      _ = try await store.saveEnvironment(EnvironmentChange(name: "production", production: true))
      try await Fixtures.deploy(store, "users", "3", to: "production")
      _ = try await store.saveVersion(VersionChange(pacticipant: "users", number: "5", branch: "main"))
      _ = try await api.publish("web", "2", [Fixtures.pact("web", "users", ["b"])])
      await server.webhookDispatcher!.deliverDue()
      #expect(Set(receiver.received.dropFirst().map { $0.json["provider"]?.stringValue }) == ["5", "3"])
      #expect(receiver.received.dropFirst().first { $0.json["provider"] == "5" }?.json["branch"] == "main")
      let pact = try #require(try await store.pact(provider: "users", consumer: "web", consumerVersion: "2"))
      try await Fixtures.verify(store, pact, by: "5", branch: "main", success: true)
      _ = try await api.publish("web", "3", [Fixtures.pact("web", "users", ["b"])])
      await server.webhookDispatcher!.deliverDue()
      #expect(receiver.received.dropFirst(3).map { $0.json["provider"]?.stringValue } == ["3"])
    }
  }

  @Test("PUT creates a webhook with the client's uuid, then updates it; DELETE removes it with its log")
  func putAndDelete() async throws {
    try await Self.with { api, _, receiverURL in
      try await Self.pacticipants(api, "web", "users")
      let uuid = "8a6c2f0e-0d4b-4d7e-9c1d-2b7e5a9f3c11"
      let first = try await api.call(
        "PUT", "/webhooks/\(uuid)", json: Self.hook(receiverURL + "/a", events: ["contract_published"]))
      #expect(first.status == 201, "\(first.text)")
      var changed = Self.hook(receiverURL + "/b", events: ["contract_content_changed"], consumer: "web")
      var members = try #require(changed.objectValue)
      members["enabled"] = false
      changed = .object(members)
      let second = try await api.call("PUT", "/webhooks/\(uuid)", json: changed)
      #expect(second.status == 200)
      #expect(second.json["enabled"] == false)
      #expect(second.json["request"]?["url"]?.stringValue == receiverURL + "/b")
      let list = try await api.call("GET", "/webhooks")
      #expect(list.json["_links"]?["pb:webhooks"]?.arrayValue?.count == 1)
      #expect(
        try await api.call("GET", "/webhooks/consumer/web").json["_embedded"]?["webhooks"]?.arrayValue?.count == 1)
      #expect(
        try await api.call("GET", "/webhooks/consumer/app").json["_embedded"]?["webhooks"]?.arrayValue?.count == 0)
      #expect(try await api.call("DELETE", "/webhooks/\(uuid)").status == 204)
      let gone = try await api.call("GET", "/webhooks/\(uuid)")
      #expect(gone.status == 404)
      #expect(gone.text.contains("/webhooks"))
      #expect(
        try await api.call("PUT", "/webhooks/x", json: Self.hook(receiverURL, events: ["contract_published"])).status
          == 400)
    }
  }

  @Test("the password is never shown, and the test call reports what was sent and got")
  func executeAndPassword() async throws {
    let receiver = WebhookReceiver(failing: [418])
    try await Self.with(receiver: receiver) { api, _, receiverURL in
      var hook = Self.hook(receiverURL + "/t", events: ["contract_published"], body: "pact ${pactbroker.pactUrl}")
      var request = hook["request"]!.objectValue!
      request["username"] = "ci"
      request["password"] = "hunter2"
      var members = try #require(hook.objectValue)
      members["request"] = .object(request)
      hook = .object(members)
      let created = try await api.call("POST", "/webhooks", json: hook)
      #expect(created.status == 201)
      #expect(!created.text.contains("hunter2"))
      let uuid = try #require(created.json["uuid"]?.stringValue)
      let failed = try await api.call("POST", "/webhooks/\(uuid)/execute")
      #expect(failed.status == 200)
      #expect(failed.json["success"] == false)
      #expect(failed.json["response"]?["status"] == 418)
      #expect(failed.json["logs"]?.stringValue?.contains("418") == true)
      #expect(!failed.text.contains("hunter2"))
      // Read it, change one thing, save it back: the hidden secrets are kept, not replaced by the stars.
      var shown = try #require(try await api.call("GET", "/webhooks/\(uuid)").json.objectValue)
      #expect(shown["request"]?["password"] == "**********")
      #expect(shown["request"]?["headers"]?["X-Token"] == "**********")
      shown["description"] = "renamed"
      shown["_links"] = nil
      let saved = try await api.call("PUT", "/webhooks/\(uuid)", json: .object(shown))
      #expect(saved.status == 200, "\(saved.text)")
      #expect(saved.json["description"] == "renamed")
      let passed = try await api.call("POST", "/webhooks/\(uuid)/execute")
      #expect(passed.json["success"] == true)
      let sent = try #require(receiver.received.last)
      #expect(sent.headers["Authorization"] == "Basic " + Data("ci:hunter2".utf8).base64EncodedString())
      #expect(sent.headers["X-Token"] == "t0ken")
      #expect(!passed.text.contains("t0ken"))
      #expect(sent.body.hasPrefix("pact http://"))
      // A test call is not a delivery.
      let log = try await api.call("GET", "/webhooks/\(uuid)/deliveries")
      #expect(log.json["deliveries"]?.arrayValue?.isEmpty == true)
    }
  }

  @Test(
    "bad webhooks are refused with the JSON path and what to do",
    arguments: [
      (#"{"request": {"method": "POST", "url": "https://x.example"}}"#, "$.events"),
      (
        #"{"events": [{"name": "contract_deleted"}], "request": {"method": "POST", "url": "https://x.example"}}"#,
        "$.events[0].name"
      ),
      (#"{"events": [{"name": "contract_published"}], "request": {"url": "https://x.example"}}"#, "$.request.method"),
      (
        #"{"events": [{"name": "contract_published"}], "request": {"method": "POST", "url": "/relative"}}"#,
        "$.request.url"
      ),
      (
        #"{"events": [{"name": "contract_published"}], "request": {"method": "POST", "url": "file:///etc/passwd"}}"#,
        "ACCORD_BROKER_WEBHOOK_SCHEMES"
      ),
      (
        #"{"events": [{"name": "contract_published"}], "request": {"method": "TRACE", "url": "https://x.example"}}"#,
        "$.request.method"
      ),
      (
        #"{"events": [{"name": "contract_published"}], "request": {"method": "POST", "url": "https://x.example", "headers": {"X-A": "1\r\nX-B: 2"}}}"#,
        "$.request.headers"
      ),
      (
        #"{"events": [{"name": "contract_published"}], "request": {"method": "POST", "url": "https://x.example", "headers": ["a"]}}"#,
        "$.request.headers"
      ),
      (
        #"{"events": [{"name": "contract_published"}], "consumer": {"label": "team-a", "name": "web"}, "request": {"method": "POST", "url": "https://x.example"}}"#,
        "$.consumer gives both a name and a label"
      ),
      (
        #"{"events": [{"name": "contract_published"}], "request": {"method": "POST", "url": "https://x.example"}, "enabled": "yes"}"#,
        "$.enabled"
      ),
      (#"[1, 2]"#, "JSON object"),
      (
        #"{"events": [{"name": "contract_\u001b[31mpublished"}], "request": {"method": "POST", "url": "https://x"}}"#,
        "$.events[0].name"
      ),
    ])
  func refused(_ body: String, _ mentions: String) async throws {
    try await BrokerAPI.with(options: .init()) { api in
      let answer = try await api.call("POST", "/webhooks", body: Data(body.utf8))
      #expect(answer.status == 400, "\(answer.text)")
      #expect(answer.text.contains(mentions), "\(answer.text)")
      #expect(!answer.text.contains("\u{1b}"))
    }
  }

  @Test("the default policy calls https only, and a host list narrows it")
  func policy() throws {
    let request = WebhookRequest(url: "http://ci.internal/build")
    #expect(throws: BrokerError.self) { try WebhookPolicy().check(request, path: "$.request") }
    let hosts = WebhookPolicy(schemes: ["http", "https"], hosts: ["*.example.com", "ci.internal"])
    try hosts.check(request, path: "$.request")
    try hosts.check(WebhookRequest(url: "https://build.example.com/x"), path: "$.request")
    #expect(throws: BrokerError.self) {
      try hosts.check(WebhookRequest(url: "https://169.254.169.254/latest"), path: "$.request")
    }
    // A parameter standing for the host is checked as a placeholder host, not refused.
    try WebhookPolicy().check(WebhookRequest(url: "https://${pactbroker.consumerName}.example/x"), path: "$")
    let environment = try WebhookPolicy.fromEnvironment([
      "ACCORD_BROKER_WEBHOOK_SCHEMES": "http, https", "ACCORD_BROKER_WEBHOOK_HOSTS": "ci.internal",
    ])
    #expect(environment.schemes == ["http", "https"])
    #expect(environment.hosts == ["ci.internal"])
  }

  @Test("the web page lists webhooks and shows each one's delivery log, escaped")
  func pages() async throws {
    try await Self.with { api, server, receiverURL in
      var hook = Self.hook(receiverURL + "/x", events: ["contract_published"])
      var members = try #require(hook.objectValue)
      members["description"] = "<script>alert(1)</script>"
      hook = .object(members)
      let uuid = try #require(try await api.call("POST", "/webhooks", json: hook).json["uuid"]?.stringValue)
      _ = try await api.publish("web", "1", [Fixtures.pact("web", "users")])
      await server.webhookDispatcher!.deliverDue()
      let list = try await api.call("GET", "/ui/webhooks")
      #expect(list.status == 200)
      #expect(list.contentType?.hasPrefix("text/html") == true)
      #expect(list.text.contains("&lt;script&gt;"))
      #expect(!list.text.contains("<script>"))
      #expect(list.text.contains("contract_published: succeeded"))
      let one = try await api.call("GET", "/ui/webhooks/\(uuid)")
      #expect(one.status == 200)
      #expect(one.text.contains("<b>200</b>"))
      #expect(one.text.contains("web → users"))
      #expect(one.text.contains("{&quot;answered&quot;:200}"))
      #expect(try await api.call("GET", "/ui/webhooks/nope").status == 404)
    }
  }

  @Test("a webhook server that stalls or answers with garbage fails the attempt within the timeout, never hangs")
  func slowAndHostilePeers() async throws {
    let router = Router()
    router.post("/stall") { _, _ -> Response in
      try await Task.sleep(for: .seconds(3))
      return Response(status: .ok)
    }
    router.post("/huge") { _, _ -> Response in
      Response(status: .ok, body: .init(byteBuffer: ByteBuffer(repeating: UInt8(ascii: "x"), count: 2 * 1024 * 1024)))
    }
    router.post("/redirect") { _, _ -> Response in
      Response(status: .temporaryRedirect, headers: [.location: "http://169.254.169.254/latest/meta-data"])
    }
    router.post("/escape") { _, _ -> Response in
      Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: [0x1B, 0x5B, 0x32, 0x4A, 0xFF, 0xFE])))
    }
    try await withProvider(router) { url in
      // A short timeout for the server that stalls; a roomy one for the rest (CI runs suites in parallel).
      let executor = WebhookExecutor(timeout: .seconds(15), network: .anyAddress)
      func attempt(_ path: String, timeout: Duration = .seconds(15)) async -> WebhookAttempt {
        let webhook = Webhook(
          uuid: "hook-0001", events: [.contractPublished], request: WebhookRequest(method: "POST", url: url + path))
        return await WebhookExecutor(timeout: timeout, network: .anyAddress).execute(
          webhook, parameters: [:], attempt: 1
        ).attempt
      }
      let stalled = await attempt("/stall", timeout: .milliseconds(500))
      #expect(!stalled.success)
      #expect(stalled.status == nil)
      // The 500 ms timeout ended it, not a hang nor the 15 s one: bounded well below 15 s, as suites running in
      // parallel on two cores delay the clock's wake-up by seconds (3.4 s seen).
      #expect(stalled.milliseconds < 10_000)
      #expect(stalled.error?.contains("500 ms") == true || stalled.error?.contains("time") == true, "\(stalled)")
      let huge = await attempt("/huge")
      #expect(!huge.success)
      #expect(huge.error != nil)
      // A redirect is not followed: the policy checked the URL given, not where its server points.
      let redirected = await attempt("/redirect")
      #expect(!redirected.success)
      #expect(redirected.status == 307)
      // Invalid UTF-8 is kept as replacement characters; the web page and JSON escape the rest.
      let escape = await attempt("/escape")
      #expect(escape.success)
      #expect(escape.responseBody?.contains("\u{FFFD}") == true)
      let nobody = await executor.execute(
        Webhook(
          uuid: "hook-0002", events: [.contractPublished],
          request: WebhookRequest(method: "POST", url: "http://127.0.0.1:1/hook")),
        parameters: [:], attempt: 1
      ).attempt
      #expect(!nobody.success)
      #expect(nobody.status == nil)
      #expect(nobody.error?.isEmpty == false)
    }
  }

  @Test("the index links the webhooks the Pact clients look for")
  func indexLinks() async throws {
    try await BrokerAPI.with { api in
      let index = try await api.call("GET", "/", headers: ["Accept": "application/hal+json"])
      #expect(index.json["_links"]?["pb:webhooks"]?["href"]?.stringValue?.hasSuffix("/webhooks") == true)
      #expect(index.json["_links"]?["pb:webhook"]?["templated"] == true)
    }
  }
}

/// Two brokers on one database, each with its dispatcher running: every event is delivered exactly once.
@Suite("webhooks across replicas")
struct WebhookReplicaTests {
  @Test(
    "publishes through two replicas, both dispatchers running: each event delivered exactly once",
    arguments: StoreKind.replicable)
  func exactlyOnce(_ kind: StoreKind) async throws {
    let (first, second) = try #require(try await kind.makeReplicas())
    let receiver = WebhookReceiver()
    let servers = [first, second].map { BrokerServer(store: $0, options: WebhookTests.options) }
    try await receiver.with { receiverURL in
      try await withProvider(servers[0].router()) { firstURL in
        try await withProvider(servers[1].router()) { secondURL in
          let apis = [BrokerAPI(baseURL: firstURL), BrokerAPI(baseURL: secondURL)]
          let created = try await apis[0].call(
            "POST", "/webhooks",
            json: WebhookTests.hook(
              receiverURL + "/ci", events: ["contract_published"],
              body: ["version": "${pactbroker.consumerVersionNumber}"]))
          #expect(created.status == 201)
          // Both dispatchers run as services while 30 publishes arrive through both replicas at once.
          let dispatchers = servers.compactMap(\.webhookDispatcher)
          let running = dispatchers.map { dispatcher in Task { try await dispatcher.run() } }
          try await withThrowingTaskGroup(of: Void.self) { group in
            for number in 0..<30 {
              group.addTask {
                let answer = try await apis[number % 2].publish("web", "\(number)", [Fixtures.pact("web", "users")])
                #expect(answer.status == 200)
              }
            }
            try await group.waitForAll()
          }
          // Bounded wait for the deliveries (each replica looks at least every second).
          for _ in 0..<100 where receiver.received.count < 30 { try await Task.sleep(for: .milliseconds(50)) }
          try await Task.sleep(for: .milliseconds(300))
          for task in running { task.cancel() }
          for task in running { _ = try? await task.value }
          let versions = receiver.received.compactMap { $0.json["version"]?.stringValue }
          #expect(versions.count == 30, "\(versions.sorted())")
          #expect(Set(versions) == Set((0..<30).map(String.init)))
        }
      }
    }
  }
}

extension WebhookTests {
  /// Creates the pacticipants a webhook names (the Pact Broker requires them to exist).
  static func pacticipants(_ api: BrokerAPI, _ names: String...) async throws {
    for name in names {
      let created = try await api.call("POST", "/pacticipants", json: ["name": .string(name)])
      #expect([200, 201].contains(created.status), "\(created.text)")
    }
  }
}
