import AccordClient
import AccordModel
import Foundation

/// Publishes a run's results to the broker the contracts came from: one result per contract, posted to the link
/// the broker gave with it (`pb:publish-verification-results`), with the provider version, its branch, and a
/// result per interaction.
///
/// ```swift
/// let publisher = VerificationPublisher(
///   brokerURL: "http://127.0.0.1:9292", provider: "UserService", providerVersion: "2.0.1", providerBranch: "main")
/// let urls = try await publisher.publish(report)
/// ```
public struct VerificationPublisher: Sendable {
  public var brokerURL: String
  public var provider: String
  public var providerVersion: String
  public var providerBranch: String?
  public var buildURL: String?
  /// Tags put on the provider version before the results are published (`--provider-tags`).
  public var providerTags: [String]
  public var credentials: Credentials
  public var timeout: Duration

  public init(
    brokerURL: String, provider: String, providerVersion: String, providerBranch: String? = nil,
    buildURL: String? = nil, providerTags: [String] = [], credentials: Credentials = .none,
    timeout: Duration = .seconds(30)
  ) {
    self.providerTags = providerTags
    self.brokerURL = brokerURL
    self.provider = provider
    self.providerVersion = providerVersion
    self.providerBranch = providerBranch
    self.buildURL = buildURL
    self.credentials = credentials
    self.timeout = timeout
  }

  /// Publishes a result for each contract of `report` that came from a broker; returns the results' URLs.
  public func publish(_ report: VerificationReport) async throws(ClientError) -> [String] {
    let broker = HALClient(baseURL: brokerURL, credentials: credentials, timeout: timeout)
    if let providerBranch { try await recordBranch(providerBranch, broker) }
    for tag in providerTags { try await recordTag(tag, broker) }
    var published: [String] = []
    for contract in report.contracts {
      guard let url = contract.verificationResultsURL else { continue }
      let results = report.results.filter { $0.origin == contract.origin }
      guard !results.isEmpty else { continue }
      var body: JSONObject = [
        "success": .bool(results.allSatisfy(\.passed)),
        "providerApplicationVersion": .string(providerVersion),
        "verifiedBy": ["implementation": "Accord", "version": .string(AccordVersion.current)],
        "testResults": .array(results.map(Self.testResult)),
      ]
      if let providerBranch { body["providerVersionBranch"] = .string(providerBranch) }
      if let buildURL { body["buildUrl"] = .string(buildURL) }
      let answer = try await broker.send("POST", url, json: .object(body))
      published.append(answer["_links"]?["self"]?["href"]?.stringValue ?? url)
    }
    return published
  }

  /// Puts the provider version on its branch, as the Pact verifiers do before publishing.
  private func recordBranch(_ branch: String, _ broker: HALClient) async throws(ClientError) {
    let index = try await broker.get(broker.baseURL + "/")
    guard
      let url = try? broker.link(
        "pb:pacticipant-branch-version", in: index, url: broker.baseURL,
        ["pacticipant": provider, "branch": branch, "version": providerVersion])
    else { return }  // an older broker: the branch goes with the result instead
    _ = try await broker.send("PUT", url, json: .object([:]))
  }

  /// Tags the provider version, as the Pact verifiers do with `--provider-tags`.
  private func recordTag(_ tag: String, _ broker: HALClient) async throws(ClientError) {
    let index = try await broker.get(broker.baseURL + "/")
    let url = try broker.link(
      "pb:pacticipant-version-tag", in: index, url: broker.baseURL,
      ["pacticipant": provider, "version": providerVersion, "tag": tag])
    _ = try await broker.send("PUT", url, json: .object([:]))
  }

  static func testResult(_ result: InteractionResult) -> JSONValue {
    var members: JSONObject = [
      "interactionDescription": .string(result.description),
      "success": .bool(result.passed),
    ]
    if case .failed(let mismatches, let errors) = result.outcome {
      members["mismatches"] = .array(
        mismatches.map { ["attribute": .string($0.kind.rawValue), "description": .string($0.description)] }
          + errors.map { ["attribute": "error", "description": .string($0)] })
    }
    if let observed = result.observed {
      // Accord's own key (Pact clients ignore it): the fields the provider answered with.
      var entry: JSONObject = ["fields": .array(observed.fields.map(JSONValue.string))]
      if let method = observed.method { entry["method"] = .string(method) }
      if let path = observed.path { entry["path"] = .string(path) }
      members["accordObserved"] = .object(entry)
    }
    return .object(members)
  }
}
