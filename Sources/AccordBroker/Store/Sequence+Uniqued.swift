extension Sequence where Element: Hashable {
  /// The elements in order, each once (its first occurrence).
  ///
  /// ```swift
  /// ["b", "a", "b"].uniqued()  // ["b", "a"]
  /// ```
  public func uniqued() -> [Element] {
    var seen = Set<Element>()
    return filter { seen.insert($0).inserted }
  }
}
