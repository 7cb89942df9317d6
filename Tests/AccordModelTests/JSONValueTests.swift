import AccordModel
import Foundation
import Testing

@Suite struct JSONValueTests {
  @Test func parsesScalarsKeepingIntegersAndDecimalsApart() throws {
    let value = try JSONValue(
      parsing: #"{"i": 1, "d": 1.0, "e": 2e3, "n": -7, "t": true, "f": false, "z": null, "s": "x"}"#)
    #expect(value["i"] == .int(1))
    #expect(value["d"] == .double(1.0))
    #expect(value["e"] == .double(2000))
    #expect(value["n"] == .int(-7))
    #expect(value["t"] == .bool(true))
    #expect(value["f"] == .bool(false))
    #expect(value["z"] == .null)
    #expect(value["s"] == .string("x"))
  }

  @Test func integersBeyondSixtyFourBitsBecomeDecimals() throws {
    #expect(try JSONValue(parsing: "9223372036854775807") == .int(Int.max))
    #expect(try JSONValue(parsing: "-9223372036854775808") == .int(Int.min))
    #expect(try JSONValue(parsing: "9223372036854775808") == .double(9_223_372_036_854_775_808))
  }

  @Test func decodesEscapesAndSurrogatePairs() throws {
    let value = try JSONValue(parsing: #""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#)
    #expect(value == .string("a\"b\\c/d\n\té😀"))
  }

  @Test func skipsAByteOrderMark() throws {
    #expect(try JSONValue(parsing: Data([0xEF, 0xBB, 0xBF]) + Data("[1]".utf8)) == .array([.int(1)]))
  }

  @Test(arguments: [
    ("{\"a\": 1,}", "line 1, column 9: expected a member name in double quotes, found '}'"),
    ("{\n  \"a\" 1\n}", "line 2, column 7: expected ':' after the member name \"a\", found '1'"),
    ("[1, 2", "line 1, column 6: unexpected end of input; expected ',' or ']' in an array"),
    ("", "line 1, column 1: the document is empty; expected a JSON value"),
    ("01", "line 1, column 1: a number must not start with a leading zero"),
    ("\"abc", "line 1, column 5: unexpected end of input inside a string"),
    ("[tru]", "line 1, column 2: unexpected 't'; expected a JSON value"),
    ("1 2", "line 1, column 3: unexpected '2' after the JSON value"),
  ])
  func reportsWhereAndWhyTextIsNotJSON(text: String, message: String) {
    #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
    do {
      _ = try JSONValue(parsing: text)
    } catch {
      #expect(error.description == message)
    }
  }

  @Test func refusesNestingBeyondTheLimit() {
    let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
    #expect(throws: JSONParseError.self) { try JSONValue(parsing: deep) }
  }

  @Test func writesSortedKeysCompactAndPretty() {
    let value: JSONValue = ["b": [1, 2.5, nil], "a": ["y": true, "x": "q\"\n"]]
    #expect(value.serialized() == #"{"a":{"x":"q\"\n","y":true},"b":[1,2.5,null]}"#)
    #expect(
      value.serialized(.pretty) == """
        {
          "a": {
            "x": "q\\"\\n",
            "y": true
          },
          "b": [
            1,
            2.5,
            null
          ]
        }
        """)
  }

  @Test func writesDecimalsSoTheyReadBackAsDecimals() throws {
    for number in [1.0, 0.1, 1e-05, 1e16, -2.5, 123_456.789] {
      let text = JSONValue.double(number).serialized()
      #expect(try JSONValue(parsing: text) == .double(number), "\(text)")
    }
  }

  @Test func roundTripsThroughText() throws {
    let value: JSONValue = [
      "list": [1, -2, 3.25, "four", ["five": nil]], "empty": [:], "none": [], "unicode": "naïve ☃", "control": "\u{1}",
    ]
    #expect(try JSONValue(parsing: value.serialized()) == value)
    #expect(try JSONValue(parsing: value.serialized(.pretty)) == value)
  }

  @Test func describesValuesForMessages() {
    #expect(JSONValue.string("123").summary == "\"123\" (string)")
    #expect(JSONValue.int(42).summary == "42 (integer)")
    #expect(JSONValue.double(1.5).summary == "1.5 (decimal)")
    #expect(JSONValue.array([1, 2]).summary == "an array of 2 items")
    #expect(JSONValue.object(["a": 1]).summary == "an object with 1 key")
    #expect(JSONValue.null.summary == "null")
  }
}
