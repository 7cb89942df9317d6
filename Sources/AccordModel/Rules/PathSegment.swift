/// One step into a document: a member name or an array index. A list of them is a concrete location,
/// rendered as `$.items[1].id`.
public enum PathSegment: Sendable, Hashable {
  case key(String)
  case index(Int)
}

extension [PathSegment] {
  /// The location as a JSON path: `$.items[1].id`, `$['first name']`.
  public var jsonPath: String {
    var text = "$"
    for segment in self {
      switch segment {
      case .key(let name): text += DocPath.renderField(name)
      case .index(let index): text += "[\(index)]"
      }
    }
    return text
  }
}
