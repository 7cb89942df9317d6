import AccordModel

extension EnvironmentChange {
  /// An environment as clients create or update it (`name`, `displayName`, `production`, `contacts`, as
  /// `pact-broker create-environment` sends them); `uuid` for an update. Every mistake names its JSON path.
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
    self.init(
      uuid: uuid, name: name, displayName: try body.string("displayName", path: "$"), production: production,
      contacts: try Self.contacts(body["contacts"]))
  }

  /// `contacts`: a list of `{"name": "…", "details": {…}}` (details free-form), at most 100.
  static func contacts(_ value: JSONValue?) throws(BrokerError) -> JSONValue? {
    guard let value, !value.isNull else { return nil }
    guard let contacts = value.arrayValue else {
      throw .invalid("$.contacts must be a list like [{\"name\": \"Team A\", \"details\": {\"slack\": \"#team-a\"}}]")
    }
    guard contacts.count <= 100 else { throw .invalid("$.contacts has \(contacts.count) entries; the limit is 100") }
    for (index, contact) in contacts.enumerated() {
      guard case .object = contact else { throw .invalid("$.contacts[\(index)] must be an object with a name") }
      guard let name = contact["name"]?.stringValue, !name.isEmpty else {
        throw .invalid("$.contacts[\(index)].name is missing; give who to contact")
      }
      try Names.check(name, what: "$.contacts[\(index)].name")
      if let details = contact["details"], !details.isNull {
        guard case .object = details else { throw .invalid("$.contacts[\(index)].details must be an object") }
      }
    }
    return value
  }
}
