import AccordModel

extension EnvironmentChange {
  /// An environment as clients create or update it (`name`, `displayName`, `production`, as `pact-broker
  /// create-environment` sends them); `uuid` for an update. Every mistake names its JSON path.
  ///
  /// ```swift
  /// let change = try EnvironmentChange(json: ["name": "production", "production": true])
  /// ```
  public init(json body: JSONValue, uuid: String? = nil) throws(BrokerError) {
    guard case .object = body else { throw .invalid("the body must be a JSON object") }
    guard let name = try body.string("name", path: "$") else {
      throw .invalid("$.name is missing; give the environment's name, e.g. production")
    }
    try Names.check(name, what: "$.name")
    guard let production = try body.bool("production", path: "$") else {
      throw .invalid("$.production is missing; say whether it is a production environment (true/false)")
    }
    self.init(uuid: uuid, name: name, displayName: try body.string("displayName", path: "$"), production: production)
  }
}
