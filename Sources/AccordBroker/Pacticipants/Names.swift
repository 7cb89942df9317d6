import AccordModel

/// The rules for names the broker stores: pacticipants, version numbers, branches, tags, environments.
///
/// A name is 1 to 255 characters with no control characters (they break logs, terminals and URLs) and no
/// leading or trailing spaces.
///
/// ```swift
/// try Names.check("user-service", what: "pacticipantName")
/// ```
public enum Names {
  public static let maximumLength = 255

  /// Throws ``BrokerError/invalid(_:)`` naming `what` when `name` breaks a rule.
  public static func check(_ name: String, what: String) throws(BrokerError) {
    if name.isEmpty { throw .invalid("\(what) is empty; give a name") }
    if name.count > maximumLength {
      throw .invalid("\(what) is \(name.count) characters long; the limit is \(maximumLength)")
    }
    if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
      throw .invalid("\(what) \(PrintSafe.quoted(name)) contains control characters; remove them")
    }
    if name.first!.isWhitespace || name.last!.isWhitespace {
      throw .invalid("\(what) \(PrintSafe.quoted(name)) starts or ends with a space; trim it")
    }
  }
}
