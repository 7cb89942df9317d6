import AccordModel
import Foundation

extension AccessPolicy {
  /// The environment variables read, for `--help` and the README.
  ///
  /// - `ACCORD_BROKER_WRITE_TOKENS`, `ACCORD_BROKER_READ_TOKENS`: bearer tokens, separated by commas or spaces
  /// - `PACT_BROKER_BASIC_AUTH_USERNAME` / `_PASSWORD`: the read-write user, as the Pact Broker names it
  /// - `PACT_BROKER_BASIC_AUTH_READ_ONLY_USERNAME` / `_PASSWORD`: the read-only user
  /// - `ACCORD_BROKER_PUBLIC_READ` or `PACT_BROKER_ALLOW_PUBLIC_READ` = `true`: reading needs no credential
  /// - `ACCORD_BROKER_PUBLIC_BADGES` or `PACT_BROKER_ENABLE_PUBLIC_BADGE_ACCESS` = `true`: status badges need none
  /// - `ACCORD_BROKER_AUTH_FILE`: a JSON file of tokens and users (see ``load(file:into:)``)
  public static let variables = [
    "ACCORD_BROKER_WRITE_TOKENS", "ACCORD_BROKER_READ_TOKENS", "PACT_BROKER_BASIC_AUTH_USERNAME",
    "PACT_BROKER_BASIC_AUTH_PASSWORD", "PACT_BROKER_BASIC_AUTH_READ_ONLY_USERNAME",
    "PACT_BROKER_BASIC_AUTH_READ_ONLY_PASSWORD", "ACCORD_BROKER_PUBLIC_READ", "PACT_BROKER_ALLOW_PUBLIC_READ",
    "ACCORD_BROKER_PUBLIC_BADGES", "PACT_BROKER_ENABLE_PUBLIC_BADGE_ACCESS", "ACCORD_BROKER_AUTH_FILE",
  ]

  /// The policy from the environment and an optional file (`file` wins over `ACCORD_BROKER_AUTH_FILE`).
  public static func load(environment: [String: String], file: String? = nil) throws(AccessPolicyError)
    -> AccessPolicy
  {
    var policy = AccessPolicy()
    func value(_ name: String) -> String? {
      environment[name].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
    }
    // A credential setting that is present but yields no credential (an empty secret file, a typo) fails closed:
    // it must never leave the broker open to anyone.
    let openOnPurpose = "to run a broker open to anyone on purpose, unset it and start with --allow-anonymous"
    for (variable, access) in [
      ("ACCORD_BROKER_WRITE_TOKENS", Access.readWrite), ("ACCORD_BROKER_READ_TOKENS", .readOnly),
    ] {
      guard let text = environment[variable] else { continue }
      let tokens = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
      if tokens.isEmpty {
        throw AccessPolicyError(
          "\(variable) is set but holds no token (it is \(PrintSafe.quoted(text))); give tokens separated by commas, "
            + openOnPurpose)
      }
      for (index, token) in tokens.enumerated() {
        do {
          try policy.addToken(String(token), access: access, name: "\(variable)[\(index)]")
        } catch {
          throw AccessPolicyError("\(variable): \(error.description)")
        }
      }
    }
    for (prefix, access) in [
      ("PACT_BROKER_BASIC_AUTH_", Access.readWrite), ("PACT_BROKER_BASIC_AUTH_READ_ONLY_", .readOnly),
    ] {
      let (usernameVariable, passwordVariable) = (prefix + "USERNAME", prefix + "PASSWORD")
      if environment[usernameVariable] == nil && environment[passwordVariable] == nil { continue }
      let username = value(usernameVariable)
      let password = value(passwordVariable)
      switch (username, password) {
      case (nil, nil):
        throw AccessPolicyError(
          "\(usernameVariable) and \(passwordVariable) are set but empty; give both a username and a password, "
            + openOnPurpose)
      case (let username?, let password?):
        do {
          try policy.addUser(username, password: password, access: access)
        } catch {
          throw AccessPolicyError("\(prefix)USERNAME: \(error.description)")
        }
      case (nil, _):
        throw AccessPolicyError("\(passwordVariable) is set but \(usernameVariable) is empty or unset; set both")
      case (_, nil):
        throw AccessPolicyError("\(usernameVariable) is set but \(passwordVariable) is empty or unset; set both")
      }
    }
    func flag(_ variables: [String]) throws(AccessPolicyError) -> Bool {
      var on = false
      for variable in variables {
        guard let text = value(variable) else { continue }
        switch text.lowercased() {
        case "true", "1", "yes": on = true
        case "false", "0", "no": break
        default: throw AccessPolicyError("\(variable) is \(PrintSafe.quoted(text)); set it to true or false")
        }
      }
      return on
    }
    policy.publicRead = try flag(["ACCORD_BROKER_PUBLIC_READ", "PACT_BROKER_ALLOW_PUBLIC_READ"])
    policy.publicBadges = try flag(["ACCORD_BROKER_PUBLIC_BADGES", "PACT_BROKER_ENABLE_PUBLIC_BADGE_ACCESS"])
    if file == nil, let text = environment["ACCORD_BROKER_AUTH_FILE"], value("ACCORD_BROKER_AUTH_FILE") == nil {
      throw AccessPolicyError(
        "ACCORD_BROKER_AUTH_FILE is set but empty (\(PrintSafe.quoted(text))); give the access file's path, "
          + openOnPurpose)
    }
    if let path = file ?? value("ACCORD_BROKER_AUTH_FILE") {
      let before = policy.tokens.count + policy.users.count
      try load(file: path, into: &policy)
      if policy.tokens.count + policy.users.count == before {
        throw AccessPolicyError(
          "the access file \(PrintSafe.quoted(path)) holds no token and no user; add one to $.tokens or $.users, "
            + "or, to run a broker open to anyone on purpose, leave the file out and start with --allow-anonymous")
      }
    }
    return policy
  }

  /// The credential settings present in `environment` (set, even if empty), by name: what an open broker must
  /// not have. ``load(environment:file:)`` fails on any of them that yields no credential.
  public static func credentialSettings(in environment: [String: String]) -> [String] {
    [
      "ACCORD_BROKER_WRITE_TOKENS", "ACCORD_BROKER_READ_TOKENS", "PACT_BROKER_BASIC_AUTH_USERNAME",
      "PACT_BROKER_BASIC_AUTH_PASSWORD", "PACT_BROKER_BASIC_AUTH_READ_ONLY_USERNAME",
      "PACT_BROKER_BASIC_AUTH_READ_ONLY_PASSWORD", "ACCORD_BROKER_AUTH_FILE",
    ].filter { environment[$0] != nil }
  }

  /// Adds the tokens and users of a JSON file:
  ///
  /// ```json
  /// {
  ///   "publicRead": false,
  ///   "publicBadges": true,
  ///   "tokens": [{"name": "ci", "token": "sha256:9f86d0…", "access": "read-write"}],
  ///   "users": [{"username": "dev", "password": "s3cret", "access": "read-only"}]
  /// }
  /// ```
  public static func load(file path: String, into policy: inout AccessPolicy) throws(AccessPolicyError) {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw AccessPolicyError(
        "cannot read the access file \(PrintSafe.quoted(path)); check the path and its permissions")
    }
    let source = "the access file \(PrintSafe.quoted(path))"
    let document: JSONValue
    do {
      document = try JSONValue(parsing: data)
    } catch {
      throw AccessPolicyError("\(source) is not JSON: \(error)")
    }
    guard case .object(let root) = document else { throw AccessPolicyError("\(source): $ must be a JSON object") }
    for key in root.keys where !["publicRead", "publicBadges", "tokens", "users"].contains(key) {
      throw AccessPolicyError(
        "\(source): $.\(PrintSafe.escaped(key)) is not a field; the fields are publicRead, publicBadges, tokens and "
          + "users")
    }
    for (key, path) in [("publicRead", \AccessPolicy.publicRead), ("publicBadges", \AccessPolicy.publicBadges)] {
      guard let value = root[key] else { continue }
      guard let flag = value.boolValue else { throw AccessPolicyError("\(source): $.\(key) must be true or false") }
      policy[keyPath: path] = policy[keyPath: path] || flag
    }
    func access(_ entry: JSONValue, _ path: String) throws(AccessPolicyError) -> Access {
      // No default: a forgotten "access" must not grant read-write.
      guard let text = entry["access"]?.stringValue else {
        throw AccessPolicyError(
          "\(source): \(path).access is missing; give \"read-only\" or \"read-write\"")
      }
      guard let access = Access(rawValue: text) else {
        throw AccessPolicyError("\(source): \(path).access is \(PrintSafe.quoted(text)); use read-write or read-only")
      }
      return access
    }
    for (index, entry) in (try list(root["tokens"], "$.tokens", source)).enumerated() {
      let path = "$.tokens[\(index)]"
      guard let token = entry["token"]?.stringValue else {
        throw AccessPolicyError("\(source): \(path).token is missing; give the token or sha256:<hex> of it")
      }
      let granted = try access(entry, path)
      do {
        try policy.addToken(token, access: granted, name: entry["name"]?.stringValue ?? "\(path)")
      } catch {
        throw AccessPolicyError("\(source): \(path).token: \(error.description)")
      }
    }
    for (index, entry) in (try list(root["users"], "$.users", source)).enumerated() {
      let path = "$.users[\(index)]"
      guard let username = entry["username"]?.stringValue, let password = entry["password"]?.stringValue else {
        throw AccessPolicyError("\(source): \(path) needs username and password")
      }
      let granted = try access(entry, path)
      do {
        try policy.addUser(username, password: password, access: granted)
      } catch {
        throw AccessPolicyError("\(source): \(path): \(error.description)")
      }
    }
  }

  private static func list(_ value: JSONValue?, _ path: String, _ source: String) throws(AccessPolicyError)
    -> [JSONValue]
  {
    guard let value else { return [] }
    guard let items = value.arrayValue else { throw AccessPolicyError("\(source): \(path) must be an array") }
    return items
  }
}
