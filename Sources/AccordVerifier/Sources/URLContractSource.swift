import AccordModel
import Foundation

/// A contract fetched from a URL (a broker's pact URL, an artifact store).
///
/// ```swift
/// URLContractSource(url: "https://broker.example.com/pacts/provider/Users/consumer/Web/latest")
/// ```
public struct URLContractSource: ContractSource {
  public var url: String
  public var credentials: Credentials

  public init(url: String, credentials: Credentials = .none) {
    self.url = url
    self.credentials = credentials
  }

  public var description: String { url }

  public func contracts() async throws -> [SourcedContract] {
    let data = try await HTTPFetcher(credentials: credentials).get(url)
    do {
      let decoded = try ContractDecoder().decode(data, source: url)
      return [SourcedContract(contract: decoded.contract, origin: url, warnings: decoded.warnings)]
    } catch {
      throw VerifierError.contract(error)
    }
  }
}
