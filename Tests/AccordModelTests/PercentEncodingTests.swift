import AccordModel
import Testing

@Suite("percent-encoding")
struct PercentEncodingTests {
  @Test(
    "everything but unreserved ASCII is encoded, byte by byte",
    arguments: [
      ("web-1.0_~", "web-1.0_~"), ("feat/a&b", "feat%2Fa%26b"), ("a b=c?d#e", "a%20b%3Dc%3Fd%23e"),
      ("ü", "%C3%BC"), ("\u{1b}[31m", "%1B%5B31m"), ("%", "%25"), ("", ""), ("\0", "%00"), ("🚀", "%F0%9F%9A%80"),
    ])
  func encodes(_ text: String, _ encoded: String) {
    #expect(PercentEncoding.unreserved(text) == encoded)
  }
}
