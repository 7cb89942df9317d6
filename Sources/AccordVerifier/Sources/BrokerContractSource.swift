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

  public init(
    brokerURL: String, provider: String, selectors: [JSONValue] = [], enablePending: Bool = false,
    includeWIPSince: String? = nil, providerBranch: String? = nil, credentials: Credentials = .none
  ) {
    self.brokerURL = brokerURL.hasSuffix("/") ? String(brokerURL.dropLast()) : brokerURL
    self.provider = provider
    self.selectors = selectors
    self.enablePending = enablePending
    self.includeWIPSince = includeWIPSince
    self.providerBranch = providerBranch
    self.credentials = credentials
  }

  public var description: String { "\(brokerURL) (pacts for \(provider))" }

  public func contracts() async throws -> [SourcedContract] {
    let fetcher = HTTPFetcher(credentials: credentials)
    let url = try await forVerificationURL(fetcher)
    var query: JSONObject = ["includePendingStatus": .bool(enablePending)]
    if !selectors.isEmpty { query["consumerVersionSelectors"] = .array(selectors) }
    if let includeWIPSince { query["includeWipPactsSince"] = .string(includeWIPSince) }
    if let providerBranch { query["providerVersionBranch"] = .string(providerBranch) }
    let data = try await fetcher.post(url, json: JSONValue.object(query).data())
    let document: JSONValue
    do {
      document = try JSONValue(parsing: data)
    } catch {
      throw VerifierError.source(url, "answered with something that is not JSON (\(error))")
    }
    let pacts = document["_embedded"]?["pacts"]?.arrayValue ?? []
    var result: [SourcedContract] = []
    for pact in pacts {
      guard let href = pact["_links"]?["self"]?["href"]?.stringValue else {
        throw VerifierError.source(url, "listed a pact without _links.self.href")
      }
      let contractData = try await fetcher.get(href)
      let decoded: ContractDecoder.Decoded
      do {
        decoded = try ContractDecoder().decode(contractData, source: href)
      } catch {
        throw VerifierError.contract(error)
      }
      let properties = pact["verificationProperties"]
      let notices = (properties?["notices"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }
      let pending = (properties?["pending"]?.boolValue ?? false) || (properties?["wip"]?.boolValue ?? false)
      result.append(
        SourcedContract(
          contract: decoded.contract, origin: href, pending: pending, notices: notices,
          verificationResultsURL: nil, warnings: decoded.warnings))
    }
    return result
  }

  /// The broker's `pb:provider-pacts-for-verification` link, from its index (or the documented path).
  private func forVerificationURL(_ fetcher: HTTPFetcher) async throws -> String {
    let encodedProvider = provider.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? provider
    if let index = try? JSONValue(parsing: try await fetcher.get(brokerURL + "/")),
      let template = index["_links"]?["pb:provider-pacts-for-verification"]?["href"]?.stringValue
    {
      let url = template.replacingOccurrences(of: "{provider}", with: encodedProvider)
      return url.hasPrefix("/") ? brokerURL + url : url
    }
    return "\(brokerURL)/pacts/provider/\(encodedProvider)/for-verification"
  }
}
