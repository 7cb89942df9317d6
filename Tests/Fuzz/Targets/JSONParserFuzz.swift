import Foundation

@testable import AccordModel

/// libFuzzer target: any bytes given to the JSON parser end in a value or a `JSONParseError`, never a crash; a value
/// written back and parsed again is the same value.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONParser(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let data = Data(bytes: start, count: count)
  guard let value = try? JSONValue(parsing: data) else { return 0 }
  let written = value.data()
  guard let again = try? JSONValue(parsing: written), again == value else {
    fatalError("a parsed value did not survive writing and parsing again: \(String(decoding: written, as: UTF8.self))")
  }
  return 0
}
