import AccordModel
import Testing

@Suite("XML text")
struct XMLTextTests {
  @Test(
    "markup is escaped and forbidden control characters become ?",
    arguments: [
      ("a<b & \"c\" 'd'>", "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;"), ("\u{1b}[2J", "?[2J"), ("\0\u{7F}", "??"),
      ("two\nlines\tand\r", "two?lines?and?"), ("ü 🚀", "ü 🚀"), ("", ""),
    ])
  func oneLine(_ text: String, _ expected: String) {
    #expect(XMLText.escaped(text) == expected)
  }

  @Test("element text keeps its tabs and line breaks, and still drops other control characters")
  func keepingLineBreaks() {
    #expect(XMLText.escaped("two\nlines\tand\r\u{1b}", keepingLineBreaks: true) == "two\nlines\tand\r?")
  }
}
