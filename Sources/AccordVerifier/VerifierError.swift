import AccordModel

/// Why verification could not run (as opposed to an interaction failing): each names what is wrong and what to do.
public enum VerifierError: Error, CustomStringConvertible, Sendable {
  /// A contract source (file, URL, broker) failed.
  case source(String, String)
  /// A contract could not be decoded.
  case contract(ContractError)
  /// The provider (or its states or messages endpoint) could not be reached at all.
  case unreachable(url: String, flag: String, reason: String)
  /// The options do not allow verification (e.g. HTTP interactions but no provider URL).
  case configuration(String)

  public var description: String {
    switch self {
    case .source(let location, let message): return "\(location): \(message)"
    case .contract(let error): return error.description
    case .unreachable(let url, let flag, let reason):
      return "could not reach the provider at \(url) (\(reason)); start the provider or fix \(flag)"
    case .configuration(let message): return message
    }
  }
}
