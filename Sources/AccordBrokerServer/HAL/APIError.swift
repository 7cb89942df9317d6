import AccordBroker
import AccordModel
import HTTPTypes
import Hummingbird

/// An answer that is not a success: a status and a message that says what to fix, as JSON. Thrown by route
/// handlers; ``BrokerErrorMiddleware`` turns it (and ``BrokerError``) into a response, so a client's mistake is
/// always a 4xx that names the field, and never a 500.
struct APIError: Error, Sendable {
  var status: HTTPResponse.Status
  var message: String
  var diff: String?
  /// The `WWW-Authenticate` challenges of a 401, one header field each: browsers read one challenge per field, so
  /// `Basic` sharing a field with `Bearer` would never bring up their login prompt.
  var challenges: [String]

  /// Each of several problems, as `errors` lists them (the message is all of them).
  var messages: [String]

  init(_ status: HTTPResponse.Status, _ message: String, diff: String? = nil, challenges: [String] = []) {
    self.status = status
    self.message = message
    self.diff = diff
    self.challenges = challenges
    self.messages = [diff.map { message + "\n" + $0 } ?? message]
  }

  /// Problems by the field they are about (`request.url`), as the Pact Broker keys a webhook's: `errors` is then an
  /// object of field → messages.
  var fields: [String: [String]]?

  /// One problem with one field of the body.
  init(_ status: HTTPResponse.Status, field: String, _ message: String) {
    self.init(status, message)
    self.fields = [field: [message]]
  }

  /// Several problems at once, one entry of `errors` each.
  init(_ status: HTTPResponse.Status, messages: [String]) {
    self.init(status, messages.joined(separator: "; "))
    self.messages = messages
  }

  init(_ error: BrokerError) {
    switch error {
    case .invalid(let message): self.init(.badRequest, message)
    case .notFound(let message): self.init(.notFound, message)
    case .conflict(let message, let diff): self.init(.conflict, message, diff: diff.isEmpty ? nil : diff)
    case .tooLarge(let message): self.init(.contentTooLarge, message)
    case .storage(let message): self.init(.serviceUnavailable, message)
    }
  }

  /// `{"error": {"message": …, "diff": …}, "errors": [message]}`: the Pact clients print `errors`.
  var response: Response {
    var error: JSONObject = ["message": .string(message)]
    if let diff { error["diff"] = .string(diff) }
    var errors = JSONValue.array(messages.map(JSONValue.string))
    if let fields {
      var object: JSONObject = [:]
      for (field, messages) in fields.sorted(by: { $0.key < $1.key }) {
        object[field] = .array(messages.map(JSONValue.string))
      }
      errors = .object(object)
    }
    var response = HAL.response(["error": .object(error), "errors": errors], status: status)
    for challenge in challenges { response.headers.append(HTTPField(name: .wwwAuthenticate, value: challenge)) }
    return response
  }
}

/// Turns every error a handler throws into a JSON answer, or a page with the navigation for a browser.
struct BrokerErrorMiddleware<Context: RequestContext>: RouterMiddleware {
  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    do {
      return try await next(request, context)
    } catch let error as APIError {
      return Self.answer(error, request)
    } catch let error as BrokerError {
      return Self.answer(APIError(error), request)
    } catch let error as HTTPError {
      let message =
        error.status == .notFound
        ? "no such resource: \(PrintSafe.escaped(request.uri.path)); start from the index at /"
        : (error.body ?? "\(error.status)")
      return Self.answer(APIError(error.status, message), request)
    } catch {
      context.logger.error("unexpected error: \(error)")
      return APIError(.internalServerError, "the broker failed: \(error)").response
    }
  }
}

extension BrokerErrorMiddleware {
  static func answer(_ error: APIError, _ request: Request) -> Response {
    guard request.method == .get || request.method == .head, WebRoutes.wantsHTML(request) else {
      return error.response
    }
    var response = WebTemplates.errorPage(error)
    for challenge in error.challenges { response.headers.append(HTTPField(name: .wwwAuthenticate, value: challenge)) }
    return response
  }
}
