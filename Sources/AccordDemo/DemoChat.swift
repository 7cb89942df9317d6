import AccordBroker
import AccordClient
import AccordModel
import Foundation
import Hummingbird
import Synchronization

/// The consumer teams' chat in the demo: a webhook on the broker posts to it when a provider version fails to
/// verify a contract, as a team would point one at Slack.
///
/// ```swift
/// let chat = DemoChat()
/// let running = try await RunningService.start(name: "chat", router: chat.router())
/// try await chat.subscribe(brokerURL: broker.baseURL, chatURL: running.baseURL)
/// ```
final class DemoChat: Sendable {
  private let messages = Mutex<[String]>([])

  /// `POST /messages` with `{"text": …}`, as chat webhooks take them.
  func router() -> Router<BasicRequestContext> {
    let router = Router()
    router.post("/messages") { request, _ -> Response in
      let buffer = try await request.body.collect(upTo: 64 * 1024)
      let text = (try? JSONValue(parsing: Data(buffer: buffer)))?["text"]?.stringValue ?? ""
      self.messages.withLock { $0.append(text) }
      return Response(status: .noContent)
    }
    return router
  }

  /// Creates the webhook through the broker's API (the Pact Broker's, as `pact-broker create-webhook` would).
  func subscribe(brokerURL: String, chatURL: String) async throws {
    let webhook: JSONValue = [
      "description": "tell the consumer's team",
      "events": [["name": "provider_verification_failed"]],
      "request": [
        "method": "POST", "url": .string(chatURL + "/messages"),
        "headers": ["Content-Type": "application/json"],
        "body": [
          "text": """
          ${pactbroker.providerName} ${pactbroker.providerVersionNumber} (branch ${pactbroker.providerVersionBranch}) \
          failed to verify ${pactbroker.consumerName} ${pactbroker.consumerVersionNumber}: \
          ${pactbroker.verificationResultUrl}
          """
        ],
      ],
    ]
    var headers = Headers()
    headers.add("Content-Type", "application/json")
    let answer = try await AccordHTTPClient.send(
      OutgoingRequest(method: "POST", url: brokerURL + "/webhooks", headers: headers, body: webhook.data()),
      peer: "the broker", timeout: .seconds(10))
    guard answer.status == 201 else {
      throw DemoError(
        step: "creating the webhook", message: String(decoding: answer.body.prefix(500), as: UTF8.self),
        hint: "see the broker's answer above")
    }
  }

  /// The messages so far; waits up to `timeout` for at least `count`.
  func messages(atLeast count: Int, timeout: Duration) async -> [String] {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
      let now = messages.withLock { $0 }
      if now.count >= count { return now }
      try? await Task.sleep(for: .milliseconds(20))
    }
    return messages.withLock { $0 }
  }
}
