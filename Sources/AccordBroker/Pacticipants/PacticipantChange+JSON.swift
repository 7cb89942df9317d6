import AccordModel

extension PacticipantChange {
  /// A pacticipant as clients create or update it (`displayName`, `mainBranch`, `repositoryUrl` — or the Ruby
  /// client's `repository_url`), for the pacticipant `name`. Every mistake names its JSON path.
  ///
  /// ```swift
  /// let change = try PacticipantChange(json: ["mainBranch": "main"], name: "web")
  /// ```
  public init(json body: JSONValue, name: String) throws(BrokerError) {
    guard case .object = body else { throw .invalid("the body must be a JSON object") }
    let mainBranch = try body.string("mainBranch", path: "$")
    if let mainBranch { try Names.check(mainBranch, what: "$.mainBranch") }
    var repositoryURL = try body.string("repositoryUrl", path: "$")
    if repositoryURL == nil { repositoryURL = try body.string("repository_url", path: "$") }
    self.init(
      name: name, displayName: try body.string("displayName", path: "$"), mainBranch: mainBranch,
      repositoryURL: repositoryURL)
  }
}
