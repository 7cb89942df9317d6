/// Writes one JSON object whose known members are given in key order, merging in extra attributes (kept from
/// the file that was read) at their sorted places. Known members win over extras of the same name.
struct ObjectWriter {
  private var extras: [(key: String, value: JSONValue)]
  private var nextExtra = 0

  /// Opens the object on `writer`.
  init(_ writer: inout JSONWriter, extras: [String: JSONValue] = [:]) {
    self.extras = extras.isEmpty ? [] : extras.map { ($0.key, $0.value) }.sorted { utf8Ordered($0.key, $1.key) }
    writer.beginObject()
  }

  /// Writes the member `key`; keys must come in ascending UTF-8 order.
  mutating func field(_ key: String, _ writer: inout JSONWriter, _ write: (inout JSONWriter) -> Void) {
    flushExtras(before: key, &writer)
    if nextExtra < extras.count, extras[nextExtra].key == key { nextExtra += 1 }
    writer.key(key)
    write(&writer)
  }

  mutating func field(_ key: String, _ writer: inout JSONWriter, value: JSONValue) {
    field(key, &writer) { $0.value(value) }
  }

  mutating func field(_ key: String, _ writer: inout JSONWriter, string: String) {
    field(key, &writer) { $0.string(string) }
  }

  /// Writes the remaining extras and closes the object.
  mutating func finish(_ writer: inout JSONWriter) {
    while nextExtra < extras.count {
      writer.key(extras[nextExtra].key)
      writer.value(extras[nextExtra].value)
      nextExtra += 1
    }
    writer.endObject()
  }

  private mutating func flushExtras(before key: String, _ writer: inout JSONWriter) {
    while nextExtra < extras.count, utf8Ordered(extras[nextExtra].key, key) {
      writer.key(extras[nextExtra].key)
      writer.value(extras[nextExtra].value)
      nextExtra += 1
    }
  }
}
