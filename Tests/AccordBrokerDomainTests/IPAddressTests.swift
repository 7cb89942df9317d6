import AccordBroker
import Testing

/// Addresses in every form a URL's host takes, the blocks they fall in, and the operator's allow list (the pure
/// rules behind the server's `WebhookNetworkTests`).
@Suite("addresses and the webhook network policy")
struct IPAddressTests {
  @Test("addresses in every form, and the blocks they fall in")
  func addresses() throws {
    let forms = ["127.0.0.1", "2130706433", "0x7f000001", "127.1", "0177.0.0.1", "[::ffff:127.0.0.1]", "::ffff:7f00:1"]
    for form in forms {
      let address = try #require(IPAddress(host: form), "\(form)")
      #expect(WebhookNetworkPolicy.restrictedKind(of: address) == "loopback", "\(form)")
    }
    #expect(IPAddress(host: "[fd00:ec2::254]")?.description == "fd00:ec2::254")
    #expect(WebhookNetworkPolicy.restrictedKind(of: IPAddress(host: "fd00:ec2::254")!) == "private")
    #expect(WebhookNetworkPolicy.restrictedKind(of: IPAddress(host: "93.184.216.34")!) == nil)
    #expect(WebhookNetworkPolicy.restrictedKind(of: IPAddress(host: "2606:2800:220:1::1")!) == nil)
    for name in ["ci.example.com", "1.2.3.4.5", "256.1.1.1", "0x", "::1::2", "example", "1.2.3.4x"] {
      #expect(
        IPAddress(host: name) == nil || name == "0x", "\(name) parsed as \(String(describing: IPAddress(host: name)))")
    }
    #expect(throws: BrokerError.self) { try WebhookNetworkPolicy.parse(allowing: "10.0.0.0/33") }
    #expect(throws: BrokerError.self) { try WebhookNetworkPolicy.parse(allowing: "not a host!") }
    let policy = try WebhookNetworkPolicy.parse(allowing: "10.20.0.0/16, ci.internal")
    #expect(policy.refusal(host: "x", address: IPAddress(host: "10.20.3.4")!) == nil)
    #expect(policy.refusal(host: "ci.internal", address: IPAddress(host: "10.9.9.9")!) == nil)
    #expect(policy.refusal(host: "x", address: IPAddress(host: "10.9.9.9")!) != nil)
  }

  @Test("hostile hosts: huge, nested, escaped and broken forms are names (nil), never a crash or a slow parse")
  func hostile() {
    let inputs = [
      String(repeating: "1.", count: 10_000), String(repeating: ":", count: 10_000),
      String(repeating: "f", count: 100_000), "[" + String(repeating: "::", count: 5000) + "]", "\u{1B}[2J127.0.0.1",
      "127.0.0.1\u{0}", "0x" + String(repeating: "f", count: 40), "99999999999999999999", "%", "[]", "", "1..1",
      "::ffff:999.1.1.1", "1:2:3:4:5:6:7:8:9",
    ]
    for input in inputs {
      #expect(IPAddress(host: input) == nil, "\(input.prefix(40))")
    }
    #expect(AddressRange(String(repeating: "1", count: 10_000)) == nil)
    #expect(AddressRange("10.0.0.0/" + String(repeating: "9", count: 50)) == nil)
  }
}
