import AccordModel
import Foundation

/// What the `accord` broker commands do, over the Pact Broker's HAL API: it follows the broker's own links, so it
/// works with `accord broker`, the Pact Broker and PactFlow alike.
///
/// ```swift
/// let broker = BrokerClient(baseURL: "http://127.0.0.1:9292")
/// let answer = try await broker.canIDeploy(pacticipant: "web", version: "1.4.0", to: .environment("production"))
/// print(answer.deployable, answer.reason)
/// ```
public struct BrokerClient: Sendable {
  public let hal: HALClient

  public init(baseURL: String, credentials: Credentials = .none, timeout: Duration = .seconds(30)) {
    hal = HALClient(baseURL: baseURL, credentials: credentials, timeout: timeout)
  }

  public var baseURL: String { hal.baseURL }

  func index() async throws(ClientError) -> JSONValue { try await hal.get(hal.baseURL + "/") }

  // MARK: Publishing

  /// Publishes contract files for a consumer version: one `pb:publish-contracts` call per consumer, all its
  /// contracts in one transaction. Returns the broker's notices, one line each.
  public func publish(
    _ contracts: [JSONValue], version: String, branch: String?, tags: [String], buildURL: String?
  ) async throws(ClientError) -> [String] {
    let index = try await index()
    let url = try hal.link("pb:publish-contracts", in: index, url: baseURL)
    var byConsumer: [(String, [JSONValue])] = []
    for contract in contracts {
      let consumer = contract["consumer"]?["name"]?.stringValue ?? ""
      if let position = byConsumer.firstIndex(where: { $0.0 == consumer }) {
        byConsumer[position].1.append(contract)
      } else {
        byConsumer.append((consumer, [contract]))
      }
    }
    var notices: [String] = []
    for (consumer, pacts) in byConsumer {
      var body: JSONObject = [
        "pacticipantName": .string(consumer),
        "pacticipantVersionNumber": .string(version),
        "tags": .array(tags.map(JSONValue.string)),
        "contracts": .array(
          pacts.map { pact in
            [
              "consumerName": .string(consumer),
              "providerName": pact["provider"]?["name"] ?? .null,
              "specification": "pact",
              "contentType": "application/json",
              "content": .string(pact.data().base64EncodedString()),
            ]
          }),
      ]
      if let branch { body["branch"] = .string(branch) }
      if let buildURL { body["buildUrl"] = .string(buildURL) }
      let answer = try await hal.send("POST", url, json: .object(body))
      notices += (answer["notices"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }
    }
    return notices
  }

  // MARK: can-i-deploy

  /// Where a version would be deployed.
  public enum Target: Sendable, Hashable {
    case environment(String)
    /// Alongside the latest versions with this tag.
    case tag(String)
    /// Alongside the latest version of each integrated pacticipant's main branch (`can-i-merge`).
    case mainBranch
  }

  /// Which version of the pacticipant is asked about.
  /// A pacticipant (or one version of it) whose integrations can-i-deploy does not count.
  public struct Ignored: Sendable, Hashable {
    public var pacticipant: String
    public var version: String?

    public init(pacticipant: String, version: String? = nil) {
      self.pacticipant = pacticipant
      self.version = version
    }

    /// `PACTICIPANT` or `PACTICIPANT:VERSION` (split at the first colon).
    public init(_ text: String) {
      if let colon = text.firstIndex(of: ":") {
        self.init(pacticipant: String(text[..<colon]), version: String(text[text.index(after: colon)...]))
      } else {
        self.init(pacticipant: text)
      }
    }
  }

  public enum VersionSelector: Sendable, Hashable {
    /// This version number.
    case number(String)
    /// The latest version on this branch.
    case latestOnBranch(String)
    /// The latest version on the pacticipant's main branch.
    case latestOnMainBranch
    /// The latest version with this tag, or the latest of all when `nil`.
    case latest(tag: String?)
  }

  /// The broker's answer: `deployable` is `nil` when not known yet.
  public struct CanIDeployAnswer: Sendable {
    public var deployable: Bool?
    public var reason: String
    /// One line per integration, as the broker wrote them.
    public var lines: [String]
    public var rows: [JSONValue]
    public var document: JSONValue
  }

  /// Asks the matrix, as every Pact client's can-i-deploy does.
  public func canIDeploy(
    pacticipant: String, version: String, to target: Target, ignoring ignore: [Ignored] = []
  ) async throws(ClientError) -> CanIDeployAnswer {
    try await canIDeploy(pacticipant: pacticipant, .number(version), to: target, ignoring: ignore)
  }

  /// Asks the matrix about the version `selector` picks.
  public func canIDeploy(
    pacticipant: String, _ selector: VersionSelector, to target: Target, ignoring ignore: [Ignored] = []
  ) async throws(ClientError) -> CanIDeployAnswer {
    var query = "q%5B%5D%5Bpacticipant%5D=\(Self.queryValue(pacticipant))"
    switch selector {
    case .number(let version): query += "&q%5B%5D%5Bversion%5D=\(Self.queryValue(version))"
    case .latestOnBranch(let branch):
      query += "&q%5B%5D%5Bbranch%5D=\(Self.queryValue(branch))&q%5B%5D%5Blatest%5D=true"
    case .latestOnMainBranch: query += "&q%5B%5D%5BmainBranch%5D=true&q%5B%5D%5Blatest%5D=true"
    case .latest(let tag):
      query += "&q%5B%5D%5Blatest%5D=true" + (tag.map { "&q%5B%5D%5Btag%5D=\(Self.queryValue($0))" } ?? "")
    }
    query += "&latestby=cvp"
    for ignored in ignore {
      query += "&ignore%5B%5D%5Bpacticipant%5D=\(Self.queryValue(ignored.pacticipant))"
      if let version = ignored.version { query += "&ignore%5B%5D%5Bversion%5D=\(Self.queryValue(version))" }
    }
    switch target {
    case .environment(let name): query += "&environment=\(Self.queryValue(name))"
    case .tag(let tag): query += "&latest=true&tag=\(Self.queryValue(tag))"
    case .mainBranch: query += "&mainBranch=true&latest=true"
    }
    let document = try await hal.get(baseURL + "/matrix?" + query)
    let rows = document["matrix"]?.arrayValue ?? []
    let lines: [String] = rows.map { row in
      let line = Self.line(row)
      return row["ignored"] == true ? "(ignored) " + line : line
    }
    let summary = document["summary"]
    return CanIDeployAnswer(
      deployable: summary?["deployable"]?.boolValue, reason: summary?["reason"]?.stringValue ?? "", lines: lines,
      rows: rows, document: document)
  }

  /// A matrix row as a line: Accord's text, or the consumer and provider versions and the result.
  static func line(_ row: JSONValue) -> String {
    if let text = row["text"]?.stringValue { return text }
    let consumer = [row["consumer"]?["name"]?.stringValue, row["consumer"]?["version"]?["number"]?.stringValue]
    let provider = [row["provider"]?["name"]?.stringValue, row["provider"]?["version"]?["number"]?.stringValue]
    let success = row["verificationResult"]?["success"]?.boolValue
    let mark = success == true ? "✔" : success == false ? "✘" : "?"
    return "\(mark) \(consumer.compactMap { $0 }.joined(separator: " ")) → "
      + provider.compactMap { $0 }.joined(separator: " ")
  }

  static func queryValue(_ text: String) -> String {
    PercentEncoding.unreserved(text)
  }

  // MARK: Field usage

  /// Who uses which field of `provider` (`GET /pacticipants/{provider}/field-usage`, an Accord broker resource).
  public func fieldUsage(provider: String) async throws(ClientError) -> JSONValue {
    // Unreserved characters only, so the same encoding serves a path segment and a query value.
    try await hal.get(baseURL + "/pacticipants/" + Self.queryValue(provider) + "/field-usage")
  }

  // MARK: Environments

  public func environments() async throws(ClientError) -> [JSONValue] {
    let url = try hal.link("pb:environments", in: try await index(), url: baseURL)
    return try await hal.get(url)["_embedded"]?["environments"]?.arrayValue ?? []
  }

  /// The environment named `name`, or an error that lists the ones there are.
  public func environment(named name: String) async throws(ClientError) -> JSONValue {
    let all = try await environments()
    if let found = all.first(where: { $0["name"]?.stringValue == name }) { return found }
    let names = all.compactMap { $0["name"]?.stringValue }
    throw .invalidAnswer(
      url: baseURL + "/environments",
      message: "no environment named \(PrintSafe.quoted(name))"
        + (names.isEmpty
          ? "; create it with `accord create-environment --name \(name)`"
          : "; there are: \(names.joined(separator: ", "))"))
  }

  public func createEnvironment(name: String, displayName: String?, production: Bool) async throws(ClientError)
    -> JSONValue
  {
    let url = try hal.link("pb:environments", in: try await index(), url: baseURL)
    var body: JSONObject = ["name": .string(name), "production": .bool(production)]
    if let displayName { body["displayName"] = .string(displayName) }
    return try await hal.send("POST", url, json: .object(body))
  }

  // MARK: Versions, deployments, releases

  /// A pacticipant version (the latest when `number` is `nil`).
  public func version(pacticipant: String, number: String?) async throws(ClientError) -> JSONValue {
    let index = try await index()
    if let number {
      let url = try hal.link(
        "pb:pacticipant-version", in: index, url: baseURL, ["pacticipant": pacticipant, "version": number])
      return try await hal.get(url)
    }
    let url = try hal.link("pb:latest-version", in: index, url: baseURL, ["pacticipant": pacticipant])
    return try await hal.get(url)
  }

  /// Records that `version` of `pacticipant` is deployed to `environment` (replacing the version deployed to the
  /// same application instance before).
  public func recordDeployment(
    pacticipant: String, version: String, environment: String, applicationInstance: String?
  ) async throws(ClientError) -> JSONValue {
    let url = try await recordLink("pb:record-deployment", pacticipant, version, environment)
    var body = JSONObject()
    if let applicationInstance { body["applicationInstance"] = .string(applicationInstance) }
    return try await hal.send("POST", url, json: .object(body))
  }

  public func recordRelease(pacticipant: String, version: String, environment: String) async throws(ClientError)
    -> JSONValue
  {
    let url = try await recordLink("pb:record-release", pacticipant, version, environment)
    return try await hal.send("POST", url, json: .object([:]))
  }

  /// Marks what of `pacticipant` is deployed to `environment` (one application instance, or all) undeployed;
  /// returns the version numbers undeployed.
  public func recordUndeployment(pacticipant: String, environment: String, applicationInstance: String?)
    async throws(ClientError) -> [String]
  {
    let found = try await self.environment(named: environment)
    guard
      let url = found["_links"]?["pb:currently-deployed-deployed-versions"]?["href"]?.stringValue
    else {
      throw .invalidAnswer(url: baseURL, message: "the environment has no pb:currently-deployed-deployed-versions link")
    }
    let deployed = try await hal.get(url + "?pacticipant=" + Self.queryValue(pacticipant))
    var undeployed: [String] = []
    for entry in deployed["_embedded"]?["deployedVersions"]?.arrayValue ?? [] {
      if let applicationInstance, entry["applicationInstance"]?.stringValue != applicationInstance { continue }
      guard let link = entry["_links"]?["self"]?["href"]?.stringValue else { continue }
      _ = try await hal.send("PATCH", link, json: ["currentlyDeployed": false])
      undeployed.append(entry["_embedded"]?["version"]?["number"]?.stringValue ?? "?")
    }
    return undeployed
  }

  /// Marks the release of `version` of `pacticipant` to `environment` no longer supported; returns whether there
  /// was a supported release to end.
  public func recordSupportEnded(pacticipant: String, version: String, environment: String)
    async throws(ClientError) -> Bool
  {
    let found = try await self.environment(named: environment)
    guard
      let url = found["_links"]?["pb:currently-supported-released-versions"]?["href"]?.stringValue
    else {
      throw .invalidAnswer(
        url: baseURL, message: "the environment has no pb:currently-supported-released-versions link")
    }
    let released = try await hal.get(url + "?pacticipant=" + Self.queryValue(pacticipant))
    var ended = false
    for entry in released["_embedded"]?["releasedVersions"]?.arrayValue ?? []
    where entry["_embedded"]?["version"]?["number"]?.stringValue == version {
      guard let link = entry["_links"]?["self"]?["href"]?.stringValue else { continue }
      _ = try await hal.send("PATCH", link, json: ["currentlySupported": false])
      ended = true
    }
    return ended
  }

  private func recordLink(_ relation: String, _ pacticipant: String, _ number: String, _ environment: String)
    async throws(ClientError) -> String
  {
    let versionDocument = try await version(pacticipant: pacticipant, number: number)
    let links = versionDocument["_links"]?[relation]?.arrayValue ?? []
    if let link = links.first(where: { $0["name"]?.stringValue == environment })?["href"]?.stringValue {
      return link
    }
    _ = try await self.environment(named: environment)  // throws, listing the environments there are
    throw .invalidAnswer(
      url: baseURL, message: "the broker offers no \(relation) of \(pacticipant) \(number) to \(environment)")
  }
}
