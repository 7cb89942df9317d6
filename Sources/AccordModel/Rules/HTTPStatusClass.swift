/// The statuses a `statusCode` matcher accepts: a class (`success` is 200–299) or an explicit list.
public enum HTTPStatusClass: Sendable, Hashable {
  case information
  case success
  case redirect
  case clientError
  case serverError
  case nonError
  case error
  case codes([Int])

  /// The name in Pact files: `"info"`, `"success"`, … or a list of numbers.
  public var jsonValue: JSONValue {
    switch self {
    case .information: return "info"
    case .success: return "success"
    case .redirect: return "redirect"
    case .clientError: return "clientError"
    case .serverError: return "serverError"
    case .nonError: return "nonError"
    case .error: return "error"
    case .codes(let codes): return .array(codes.map { .int($0) })
    }
  }

  public init?(jsonValue: JSONValue) {
    switch jsonValue {
    case .string("info"), .string("information"): self = .information
    case .string("success"): self = .success
    case .string("redirect"): self = .redirect
    case .string("clientError"): self = .clientError
    case .string("serverError"): self = .serverError
    case .string("nonError"): self = .nonError
    case .string("error"): self = .error
    case .array(let items):
      let codes = items.compactMap(\.intValue)
      guard codes.count == items.count else { return nil }
      self = .codes(codes)
    case .int(let code): self = .codes([code])
    default: return nil
    }
  }

  public func contains(_ status: Int) -> Bool {
    switch self {
    case .information: return (100...199).contains(status)
    case .success: return (200...299).contains(status)
    case .redirect: return (300...399).contains(status)
    case .clientError: return (400...499).contains(status)
    case .serverError: return (500...599).contains(status)
    case .nonError: return status < 400
    case .error: return status >= 400
    case .codes(let codes): return codes.contains(status)
    }
  }

  /// For messages: "a success (2xx) status", "one of 200, 204".
  public var summary: String {
    switch self {
    case .information: return "an information (1xx) status"
    case .success: return "a success (2xx) status"
    case .redirect: return "a redirect (3xx) status"
    case .clientError: return "a client error (4xx) status"
    case .serverError: return "a server error (5xx) status"
    case .nonError: return "a status below 400"
    case .error: return "an error (4xx or 5xx) status"
    case .codes(let codes): return "one of " + codes.map(String.init).joined(separator: ", ")
    }
  }
}
