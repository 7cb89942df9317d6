/// A file that is not a usable contract: names the file, the JSON path and what was expected.
///
/// `contracts/Web-Users.json: $.interactions[2].response.status: expected an integer status code but found "OK"
/// (string)`
public struct ContractError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file (or other source) the contract came from.
  public var source: String
  /// The JSON path of the problem, `$` for the whole document.
  public var path: String
  /// What is wrong and what to do about it.
  public var message: String

  public init(source: String, path: String, message: String) {
    self.source = source
    self.path = path
    self.message = message
  }

  public var description: String { "\(source): \(path): \(message)" }
}

/// Something in a contract that was read but deserves a look, such as a matcher this version does not know.
public struct ContractWarning: Sendable, Hashable, CustomStringConvertible {
  public var path: String
  public var message: String

  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }

  public var description: String { "\(path): \(message)" }
}
