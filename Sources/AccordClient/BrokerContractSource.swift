import AccordModel
import Foundation

/// The contracts a Pact Broker selects for a provider ("pacts for verification"), with their pending and
/// work-in-progress status, as every Pact verifier asks for them.
///
/// ```swift
/// BrokerContractSource(
///   brokerURL: "http://127.0.0.1:9292", provider: "UserService",
///   selectors: [["mainBranch": true], ["deployedOrReleased": true]], enablePending: true)
/// ```
public struct BrokerContractSource: ContractSource {
  public var brokerURL: String
  public var provider: String
  /// Consumer version selectors, as the Pact Broker documents them (`{"mainBranch": true}`, `{"tag": "prod"}`).
  public var selectors: [JSONValue]
  public var enablePending: Bool
  /// Include work-in-progress pacts created since this date (`2024-01-31`).
  public var includeWIPSince: String?
  /// The provider's branch, which decides what is pending for it.
  public var providerBranch: String?
  public var credentials: Credentials
  /// How long one call to the broker may take, answer included.
  public var timeout: Duration

  public init(
    brokerURL: String, provider: String, selectors: [JSONValue] = [], enablePending: Bool = false,
    includeWIPSince: String? = nil, providerBranch: String? = nil, credentials: Credentials = .none,
    timeout: Duration = .seconds(30)
  ) {
    self.brokerURL = brokerURL.hasSuffix("/") ? String(brokerURL.dropLast()) : brokerURL
    self.provider = provider
    self.selectors = selectors
    self.enablePending = enablePending
    self.includeWIPSince = includeWIPSince
    self.providerBranch = providerBranch
    self.credentials = credentials
    self.timeout = timeout
  }

  public var description: String { "\(brokerURL) (pacts for \(provider))" }

  public func contracts() async throws -> [SourcedContract] {
    let broker = HALClient(baseURL: brokerURL, credentials: credentials, timeout: timeout)
    let url = try await forVerificationURL(broker)
    var query: JSONObject = ["includePendingStatus": .bool(enablePending)]
    if !selectors.isEmpty { query["consumerVersionSelectors"] = .array(selectors) }
    if let includeWIPSince { query["includeWipPactsSince"] = .string(includeWIPSince) }
    if let providerBranch { query["providerVersionBranch"] = .string(providerBranch) }
    let document = try await broker.send("POST", url, json: .object(query))
    let pacts = document["_embedded"]?["pacts"]?.arrayValue ?? []
    var result: [SourcedContract] = []
    for pact in pacts {
      guard let href = pact["_links"]?["self"]?["href"]?.stringValue else {
        throw ClientError.invalidAnswer(url: url, message: "a pact is listed without _links.self.href")
      }
      let contractDocument = try await broker.get(href)
      let decoded: ContractDecoder.Decoded
      do {
        decoded = try ContractDecoder(parallelism: .cores).decode(contractDocument, source: href)
      } catch {
        throw ClientError.contract(error)
      }
      let properties = pact["verificationProperties"]
      let notices = (properties?["notices"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }
      let pending = (properties?["pending"]?.boolValue ?? false) || (properties?["wip"]?.boolValue ?? false)
      result.append(
        SourcedContract(
          contract: decoded.contract, origin: href, pending: pending, notices: notices,
          verificationResultsURL: contractDocument["_links"]?["pb:publish-verification-results"]?["href"]?.stringValue,
          warnings: decoded.warnings))
    }
    return result
  }

  /// The broker's `pb:provider-pacts-for-verification` link, from its index (or the documented path).
  private func forVerificationURL(_ broker: HALClient) async throws(ClientError) -> String {
    if let index = try? await broker.get(brokerURL + "/"),
      let url = try? broker.link(
        "pb:provider-pacts-for-verification", in: index, url: brokerURL, ["provider": provider])
    {
      return url
    }
    let encoded = provider.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? provider
    return "\(brokerURL)/pacts/provider/\(encoded)/for-verification"
  }
}
