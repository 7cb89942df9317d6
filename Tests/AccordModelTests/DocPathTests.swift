import AccordModel
import Testing

@Suite struct DocPathTests {
  @Test func parsesDottedBracketedAndWildcardTokens() throws {
    #expect(try DocPath("$").tokens == [])
    #expect(try DocPath("$.items[*].id").tokens == [.field("items"), .anyIndex, .field("id")])
    #expect(try DocPath("$['first name'][2].*").tokens == [.field("first name"), .index(2), .anyField])
    #expect(
      try DocPath("$.animals.alligator['@phoneNumber']").tokens == [
        .field("animals"), .field("alligator"), .field("@phoneNumber"),
      ])
    #expect(try DocPath(#"$['it\'s']"#).tokens == [.field("it's")])
  }

  @Test(arguments: [
    ("items", "a path must start with '$' at position 1 of \"items\""),
    ("$.items[1", "expected ']' at position 9 of \"$.items[1\""),
    ("$.", "expected a name after '.' at position 2 of \"$.\""),
    ("$[x]", "expected an index, '*' or a quoted name after '[' at position 3 of \"$[x]\""),
  ])
  func saysWhereAnExpressionIsWrong(expression: String, message: String) {
    do {
      _ = try DocPath(expression)
      Issue.record("\(expression) should not parse")
    } catch {
      #expect(error.description == message)
    }
  }

  @Test func weighsExactNamesAboveWildcards() throws {
    let location: [PathSegment] = [.key("items"), .index(3), .key("id")]
    #expect(try DocPath("$.items[3].id").weight(for: location) == 16)
    #expect(try DocPath("$.items[*].id").weight(for: location) == 8)
    #expect(try DocPath("$.*[*].*").weight(for: location) == 2)
    #expect(try DocPath("$.items").weight(for: location) == 4)
    #expect(try DocPath("$.other").weight(for: location) == 0)
    #expect(try DocPath("$.items[3].id.more").weight(for: location) == 0)
    #expect(try DocPath("$").weight(for: location) == 2)
  }

  @Test func rendersLocationsAsJSONPaths() {
    #expect([PathSegment.key("items"), .index(1), .key("id")].jsonPath == "$.items[1].id")
    #expect([PathSegment.key("first name")].jsonPath == "$['first name']")
    #expect([PathSegment]().jsonPath == "$")
  }
}
