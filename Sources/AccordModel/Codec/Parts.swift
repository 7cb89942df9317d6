/// Work on a long list of interactions split as a ``Parallelism`` allows: contiguous parts, the results returned in
/// list order. A list too short to be worth it is one part, run in place.
///
/// ```swift
/// let sizes = Parts.map(interactions.count, minimumPerPart: 100, .none) { range in range.count }
/// ```
enum Parts {
  static func map<T>(
    _ count: Int, minimumPerPart: Int, _ parallelism: Parallelism, _ body: @Sendable (Range<Int>) -> T
  ) -> [T] {
    let parts = max(1, min(parallelism.parts, count / minimumPerPart))
    if parts == 1 { return [body(0..<count)] }
    let ranges = (0..<parts).map { part in (count * part / parts)..<(count * (part + 1) / parts) }
    var results = [T?](repeating: nil, count: parts)
    results.withUnsafeMutableBufferPointer { slots in
      // Each part writes its own slot only.
      nonisolated(unsafe) let slots = slots
      parallelism.run(parts) { part in slots[part] = body(ranges[part]) }
    }
    return results.map { $0! }
  }
}
