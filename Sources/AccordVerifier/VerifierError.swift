import AccordClient
import AccordModel

/// Why verification could not run (as opposed to an interaction failing): each names what is wrong and what to do.
public enum VerifierError: Error, CustomStringConvertible, Sendable {
  /// The provider (or its states or messages URL) could not be reached at all, so nothing can be verified.
  case unreachable(HTTPCallError)
  /// The options do not allow verification (e.g. an invalid filter).
  case configuration(String)

  public var description: String {
    switch self {
    case .unreachable(let error): return error.description
    case .configuration(let message): return message
    }
  }
}
