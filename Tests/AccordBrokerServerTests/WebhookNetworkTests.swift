import AccordBroker
import AccordBrokerSQLite
import AccordBrokerServer
import AccordModel
import AccordTesting
import Foundation
import Synchronization
import Testing

/// Webhooks cannot reach the broker's own network unless an operator allows it: every form of a loopback,
/// link-local, private, unspecified, multicast or broadcast address is refused when saved, and a name is checked
/// on the address it resolves to when called, the connection going to exactly the address checked.
@Suite("webhooks cannot reach the private network unless told")
struct WebhookNetworkTests {
  /// Answers a name with the addresses it is given, one list per lookup (the last again after that), and counts.
  final class ScriptedResolver: WebhookResolver {
    private let answers: Mutex<(lists: [[IPAddress]], asked: Int)>
    init(_ lists: [[String]]) {
      answers = Mutex((lists.map { $0.compactMap { IPAddress(host: $0) } }, 0))
    }
    var asked: Int { answers.withLock { $0.asked } }
    func addresses(of host: String) async throws -> [IPAddress] {
      answers.withLock { state in
        state.asked += 1
        return state.lists.count > 1 ? state.lists.removeFirst() : state.lists[0]
      }
    }
  }

  static let refusedHosts = [
    "127.0.0.1", "localhost", "[::1]", "0.0.0.0", "2130706433", "0x7f000001", "127.1", "0177.0.0.1",
    "[::ffff:127.0.0.1]", "169.254.169.254", "[fd00:ec2::254]", "10.1.2.3", "172.16.0.1", "192.168.1.1",
    "100.64.0.1", "224.0.0.1", "255.255.255.255", "[fe80::1]", "[::]", "[ff02::1]", "app.localhost",
  ]

  static func hook(_ url: String) -> JSONValue {
    ["events": [["name": "contract_published"]], "request": ["method": "POST", "url": .string(url)]]
  }

  @Test("saving a webhook to any form of a non-public address is a 400 naming the rule and the switch")
  func refusedWhenSaved() async throws {
    let options = BrokerServer.Options(webhookPolicy: WebhookPolicy(schemes: ["http", "https"]))
    try await BrokerAPI.with(options: options) { api in
      for host in Self.refusedHosts {
        let answer = try await api.call("POST", "/webhooks", json: Self.hook("https://\(host)/hook"))
        #expect(answer.status == 400, "https://\(host)/hook was accepted")
        let message = answer.json["error"]?["message"]?.stringValue ?? ""
        #expect(message.contains("$.request.url") && message.contains("--webhook-allow"), "\(host): \(message)")
      }
      let fine = try await api.call("POST", "/webhooks", json: Self.hook("https://ci.example.com/hook"))
      #expect(fine.status == 201, "\(fine.text)")
      let loopback = try await api.call("POST", "/webhooks", json: Self.hook("http://127.0.0.1:9/hook"))
      #expect(loopback.json["error"]?["message"]?.stringValue?.contains("127.0.0.1 is a loopback address") == true)
      let metadata = try await api.call("POST", "/webhooks", json: Self.hook("http://169.254.169.254/latest"))
      #expect(metadata.json["error"]?["message"]?.stringValue?.contains("link-local") == true)
      let decimal = try await api.call("POST", "/webhooks", json: Self.hook("http://2130706433/"))
      #expect(decimal.json["error"]?["message"]?.stringValue?.contains("2130706433 (127.0.0.1)") == true)
    }
  }

  @Test("a name resolving to loopback is refused when called, and nothing connects; an allowed block goes through")
  func refusedWhenCalled() async throws {
    let receiver = WebhookReceiver()
    try await receiver.with { receiverURL in
      let port = try #require(URL(string: receiverURL)?.port)
      for (allowed, expectSuccess) in [
        (WebhookNetworkPolicy(), false), (try WebhookNetworkPolicy.parse(allowing: "127.0.0.1/32"), true),
      ] {
        let resolver = ScriptedResolver([["127.0.0.1"]])
        let options = BrokerServer.Options(
          webhookPolicy: WebhookPolicy(schemes: ["http", "https"], network: allowed), webhookResolver: resolver)
        try await BrokerAPI.with(options: options) { api in
          let created = try await api.call("POST", "/webhooks", json: Self.hook("http://ci.example.com:\(port)/hook"))
          #expect(created.status == 201, "\(created.text)")
          let uuid = try #require(created.json["uuid"]?.stringValue)
          let before = receiver.received.count
          let executed = try await api.call("POST", "/webhooks/\(uuid)/execute")
          #expect(executed.json["success"]?.boolValue == expectSuccess, "\(executed.text)")
          #expect(resolver.asked == 1)
          if expectSuccess {
            #expect(receiver.received.count == before + 1)
          } else {
            #expect(receiver.received.count == before, "the refused call connected")
            let message = executed.json["error"]?["message"]?.stringValue ?? ""
            #expect(message.contains("ci.example.com (127.0.0.1) is a loopback address"), "\(message)")
          }
        }
      }
    }
  }

  @Test("the call connects to the address that was checked, not to a second answer of the name server")
  func pinned() async throws {
    let receiver = WebhookReceiver()
    try await receiver.with { receiverURL in
      let port = try #require(URL(string: receiverURL)?.port)
      // The first answer is allowed (127.0.0.1 is let through); a second lookup would say 127.0.0.2, refused and
      // where nothing listens.
      let resolver = ScriptedResolver([["127.0.0.1"], ["127.0.0.2"]])
      let network = try WebhookNetworkPolicy.parse(allowing: "127.0.0.1")
      let executor = WebhookExecutor(timeout: .seconds(10), network: network, resolver: resolver)
      let webhook = Webhook(
        uuid: "pinned-hook", events: [.contractPublished],
        request: WebhookRequest(method: "POST", url: "http://pinned.example:\(port)/hook"))
      let result = await executor.execute(webhook, parameters: [:], attempt: 1)
      #expect(result.attempt.success, "\(result.attempt.error ?? "")")
      #expect(resolver.asked == 1)
      #expect(receiver.received.last?.authority?.hasPrefix("pinned.example") == true)

      // A name with a public and a private answer is refused as a whole.
      let mixed = WebhookExecutor(
        network: WebhookNetworkPolicy(), resolver: ScriptedResolver([["93.184.216.34", "10.0.0.5"]]))
      let refused = await mixed.execute(webhook, parameters: [:], attempt: 1)
      #expect(!refused.attempt.success)
      #expect(refused.attempt.error?.contains("10.0.0.5") == true, "\(refused.attempt.error ?? "")")
    }
  }
}
