import Foundation

@testable import AccordModel

/// libFuzzer target: the first line is a date/time pattern, the rest a value. Parsing a pattern and checking a value
/// never crash or hang, and neither does writing a date in it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDatePattern(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
  let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
  guard let pattern = try? DateTimePattern(String(parts[0])) else { return 0 }
  _ = pattern.mismatch(parts.count > 1 ? String(parts[1]) : "")
  _ = pattern.format(Date(timeIntervalSince1970: 1_700_000_000))
  return 0
}
