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
  /// How long the call may take, answer included.
  public var timeout: Duration

  public init(url: String, credentials: Credentials = .none, timeout: Duration = .seconds(30)) {
    self.url = url
    self.credentials = credentials
    self.timeout = timeout
  }

  public var description: String { url }

  public func contracts() async throws -> [SourcedContract] {
    let data = try await HALClient(baseURL: url, credentials: credentials, timeout: timeout).getData(url)
    do {
      let decoded = try ContractDecoder(parallelism: .cores).decode(data, source: url)
      return [SourcedContract(contract: decoded.contract, origin: url, warnings: decoded.warnings)]
    } catch {
      throw ClientError.contract(error)
    }
  }
}
