import Foundation
import Testing

@testable import AccordModel

@Suite struct HTTPTextTests {
  @Test(arguments: ["  application/json \t", "\r\ntext/plain\n", "", "   ", "a b", "\tgzip, deflate "])
  func trimsAsFoundationDoesForHeaderWhitespace(_ text: String) {
    #expect(text.trimmingHTTPWhitespace() == text.trimmingCharacters(in: .whitespacesAndNewlines))
  }

  @Test(arguments: [
    "/users/42", "/users/J%C3%BCrgen", "/a%2Fb", "%41%62%63", "100%", "%zz", "%4", "%C3", "caf%C3%A9%20au%20lait", "",
  ])
  func decodesAsRemovingPercentEncodingDoes(_ text: String) {
    #expect(text.percentDecoded() == text.removingPercentEncoding)
  }

  @Test func readsAPlusAsASpaceOnlyWhenAsked() {
    #expect("a+b%2Bc".percentDecoded(plusIsSpace: true) == "a b+c")
    #expect("a+b%2Bc".percentDecoded() == "a+b+c")
    #expect("a+b".percentDecoded(plusIsSpace: true) == "a b")
  }

  @Test func aSubstringIsDecodedOnItsOwnBounds() {
    let text = "x=%41%42&y"
    let value = text.split(separator: "=")[1].split(separator: "&")[0]
    #expect(value.percentDecoded() == "AB")
    #expect(text.split(separator: "&")[1].trimmingHTTPWhitespace() == "y")
  }
}
