import AccordBroker
import Testing

/// The pure parts of webhooks: events, `${pactbroker.…}` templates and the retry schedule.
@Suite("webhook templates")
struct WebhookTemplateTests {
  @Test("parameters are filled in; unknown ones stay; URL values are encoded")
  func render() {
    let values = ["consumerName": "web", "providerVersionBranch": "feat/x&y=1", "pactUrl": "http://b/pacts/1"]
    #expect(
      WebhookTemplate.render(#"{"consumer": "${pactbroker.consumerName}", "x": "${pactbroker.nope}"}"#, values)
        == #"{"consumer": "web", "x": "${pactbroker.nope}"}"#)
    #expect(
      WebhookTemplate.render("https://ci/b?branch=${pactbroker.providerVersionBranch}", values, urlEncoded: true)
        == "https://ci/b?branch=feat%2Fx%26y%3D1")
    #expect(WebhookTemplate.render("${pactbroker.consumerName", values) == "${pactbroker.consumerName")
    #expect(WebhookTemplate.render("ü ${pactbroker.consumerName} ü", values) == "ü web ü")
    #expect(
      WebhookTemplate.unknownParameters(in: "${pactbroker.pactUrl} ${pactbroker.nope} ${pactbroker.nope}") == ["nope"])
  }

  @Test("events by the Pact Broker's names; an unknown one lists the known")
  func events() throws {
    #expect(
      try WebhookEvent.parse("provider_verification_failed", path: "$.events[0].name") == .providerVerificationFailed)
    #expect(throws: BrokerError.self) { try WebhookEvent.parse("contract_changed", path: "$.events[0].name") }
    #expect(WebhookEvent.allCases.count == 6)
  }

  @Test("retries back off, then stop")
  func schedule() {
    let schedule = WebhookRetrySchedule()
    #expect(schedule.attempts == 7)
    #expect(schedule.delay(afterAttempt: 1) == .seconds(10))
    #expect(schedule.delay(afterAttempt: 6) == .seconds(1200))
    #expect(schedule.delay(afterAttempt: 7) == nil)
    #expect(WebhookRetrySchedule.isSuccess(status: 204) && !WebhookRetrySchedule.isSuccess(status: 302))
  }
}
