import AccordModel

/// One of the `consumerVersionSelectors` of `POST /pacts/provider/{provider}/for-verification`: which consumer
/// versions' pacts a provider build verifies.
///
/// ```swift
/// let selectors = try ConsumerVersionSelector.list(from: body["consumerVersionSelectors"])
/// ```
public struct ConsumerVersionSelector: Sendable, Hashable {
  public var mainBranch = false
  public var branch: String?
  public var matchingBranch = false
  public var fallbackBranch: String?
  public var tag: String?
  public var fallbackTag: String?
  /// `true`: the latest only; `false`: all; `nil`: the default for the other fields (latest for a branch when
  /// `latest` is not given is the Pact Broker's default, all for a tag).
  public var latest: Bool?
  public var deployed = false
  public var released = false
  public var deployedOrReleased = false
  public var environment: String?
  public var consumer: String?

  public init() {}

  /// Reads the selectors of a request body; `json` is the `consumerVersionSelectors` member (absent → none).
  public static func list(from json: JSONValue?) throws(BrokerError) -> [ConsumerVersionSelector] {
    guard let json, !json.isNull else { return [] }
    guard case .array(let items) = json else {
      throw .invalid("consumerVersionSelectors must be an array of objects, e.g. [{\"mainBranch\": true}]")
    }
    var selectors: [ConsumerVersionSelector] = []
    for (index, item) in items.enumerated() {
      selectors.append(try ConsumerVersionSelector(json: item, path: "consumerVersionSelectors[\(index)]"))
    }
    return selectors
  }

  init(json: JSONValue, path: String) throws(BrokerError) {
    guard case .object(let members) = json else { throw .invalid("\(path) must be an object") }
    let known: Set<String> = [
      "mainBranch", "branch", "matchingBranch", "fallbackBranch", "tag", "fallbackTag", "latest", "deployed",
      "released", "deployedOrReleased", "environment", "consumer",
    ]
    if let unknown = members.keys.first(where: { !known.contains($0) }) {
      throw .invalid(
        "\(path).\(PrintSafe.escaped(unknown)) is not a consumer version selector field; use one of "
          + known.sorted().joined(separator: ", "))
    }
    func flag(_ key: String) throws(BrokerError) -> Bool {
      guard let value = members[key], !value.isNull else { return false }
      guard let bool = value.boolValue else { throw .invalid("\(path).\(key) must be true or false") }
      return bool
    }
    func text(_ key: String) throws(BrokerError) -> String? {
      guard let value = members[key], !value.isNull else { return nil }
      guard let string = value.stringValue else { throw .invalid("\(path).\(key) must be a string") }
      try Names.check(string, what: "\(path).\(key)")
      return string
    }
    mainBranch = try flag("mainBranch")
    branch = try text("branch")
    matchingBranch = try flag("matchingBranch")
    fallbackBranch = try text("fallbackBranch")
    tag = try text("tag")
    fallbackTag = try text("fallbackTag")
    if let value = members["latest"], !value.isNull {
      guard let bool = value.boolValue else { throw .invalid("\(path).latest must be true or false") }
      latest = bool
    }
    deployed = try flag("deployed")
    released = try flag("released")
    deployedOrReleased = try flag("deployedOrReleased")
    environment = try text("environment")
    consumer = try text("consumer")
    let kinds = [mainBranch, branch != nil, matchingBranch, tag != nil, deployed || released || deployedOrReleased]
    if kinds.filter({ $0 }).count > 1 {
      throw .invalid(
        "\(path) mixes mainBranch, branch, matchingBranch, tag and deployed/released; give one per selector")
    }
    if fallbackBranch != nil, branch == nil, !matchingBranch {
      throw .invalid("\(path).fallbackBranch needs branch or matchingBranch")
    }
    if fallbackTag != nil, tag == nil { throw .invalid("\(path).fallbackTag needs tag") }
  }

  /// The selector as the Pact Broker writes it back in notices and `verificationProperties`.
  public var json: JSONValue {
    var members = JSONObject()
    if mainBranch { members["mainBranch"] = true }
    if let branch { members["branch"] = .string(branch) }
    if matchingBranch { members["matchingBranch"] = true }
    if let fallbackBranch { members["fallbackBranch"] = .string(fallbackBranch) }
    if let tag { members["tag"] = .string(tag) }
    if let fallbackTag { members["fallbackTag"] = .string(fallbackTag) }
    if let latest { members["latest"] = .bool(latest) }
    if deployed { members["deployed"] = true }
    if released { members["released"] = true }
    if deployedOrReleased { members["deployedOrReleased"] = true }
    if let environment { members["environment"] = .string(environment) }
    if let consumer { members["consumer"] = .string(consumer) }
    return .object(members)
  }
}
