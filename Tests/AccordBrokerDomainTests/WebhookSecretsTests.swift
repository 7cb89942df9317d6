import AccordBroker
import Foundation
import Testing

/// What of a webhook is secret, and how URLs and texts are redacted and restored (the pure rules behind the
/// server's `WebhookSecretTests`).
@Suite("webhook secrets")
struct WebhookSecretsTests {
  @Test("the redaction of URLs and texts: user information, key query values, nothing else")
  func redaction() {
    #expect(
      WebhookSecrets.redacted("POST https://u:p@ci.example.com:8443/b?token=t&x=1&SIG=s#f failed")
        == "POST https://**********@ci.example.com:8443/b?token=**********&x=1&SIG=**********#f failed")
    #expect(WebhookSecrets.redacted("https://ci.example.com/b?x=1") == "https://ci.example.com/b?x=1")
    #expect(WebhookSecrets.redacted("no url here") == "no url here")
    #expect(
      WebhookSecrets.redacted("https://h/p?client_secret=a&api_token=b")
        == "https://h/p?client_secret=**********&api_token=**********")
    let stored = "https://u:p@h/p?token=t&x=1"
    #expect(WebhookSecrets.restoring(WebhookSecrets.redacted(stored), from: stored) == stored)
    #expect(
      WebhookSecrets.restoring("https://**********@other/p?token=**********&x=2", from: stored)
        == "https://u:p@other/p?token=t&x=2")
    for name in [
      "Authorization", "Proxy-Authorization", "X-Authorization", "X-Api-Key", "Cookie", "Set-Cookie", "X-Session",
      "X-Auth-Token", "Password",
    ] {
      #expect(WebhookSecrets.isSecret(header: name), "\(name)")
    }
    #expect(!WebhookSecrets.isSecret(header: "Content-Type"))
  }

  @Test("hostile texts: a hundred kilobytes of URLs, @ signs and separators is redacted whole, nothing left behind")
  func hostile() {
    let url = "https://u:pw@h/p?token=t&x=1 "
    let text = String(repeating: url, count: 2_000)
    let redacted = WebhookSecrets.redacted(text)
    #expect(!redacted.contains("pw@") && !redacted.contains("token=t&"))
    #expect(redacted.components(separatedBy: "https://**********@h/p?token=**********&x=1 ").count == 2_001)
    let odd = String(repeating: "://@?&=#", count: 10_000)
    #expect(!WebhookSecrets.redacted(odd).isEmpty)
    #expect(WebhookSecrets.restoring(WebhookSecrets.hidden, from: "https://u:p@h") == WebhookSecrets.hidden)
    #expect(WebhookSecrets.redacted("") == "")
  }
}
