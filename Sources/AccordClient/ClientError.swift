import AccordModel

/// Why contracts could not be loaded or a broker call did not succeed: each case names the file or URL and says
/// what to do.
///
/// ```swift
/// do {
///   _ = try await FileContractSource(path: "contracts").contracts()
/// } catch let error as ClientError {
///   print(error)  // contracts: no such file or directory; give the path of a contract or a folder of them
/// }
/// ```
public enum ClientError: Error, CustomStringConvertible, Sendable {
  /// A file or folder could not be read.
  case file(path: String, message: String)
  /// An HTTP call got no whole answer.
  case call(HTTPCallError)
  /// The server answered with a status that is not 2xx.
  case status(url: String, status: Int, message: String)
  /// The answer is not what the API promises (not JSON, a link missing).
  case invalidAnswer(url: String, message: String)
  /// A contract could not be decoded.
  case contract(ContractError)

  public var description: String {
    switch self {
    case .file(let path, let message): return "\(PrintSafe.escaped(path)): \(message)"
    case .call(let error): return error.description
    case .status(let url, let status, let message): return "\(url) answered \(status); \(message)"
    case .invalidAnswer(let url, let message): return "\(url): \(message)"
    case .contract(let error): return error.description
    }
  }
}
