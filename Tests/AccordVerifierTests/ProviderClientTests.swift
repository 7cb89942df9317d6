import Foundation
import Testing

@testable import AccordVerifier

@Suite struct ProviderClientTests {
  /// The fast path for plain paths must send exactly what Foundation's encoder would.
  @Test(arguments: [
    "/items/1", "/a-b_c.d~e/!$&'()*+,;=:@", "/users/José", "/with space/and%25", "/q?x=1", "/frag#x", "/tab\t/nul\u{0}",
    "", "/ünïcödé/😀", "/%2F/already",
  ])
  func aPathIsEncodedAsFoundationEncodesIt(path: String) {
    #expect(ProviderClient.encodedPath(path) == path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed))
  }
}
