import AccordBroker
import AccordClient
import AccordModel
import Foundation

/// Sends one webhook request: the template filled in with a delivery's parameters, within a timeout, the answer
/// kept (its first 4 KB) for the delivery log. Redirects are not followed (a 3xx is a failed attempt): the webhook
/// policy checked the URL given, not wherever its server points.
///
/// ```swift
/// let result = await WebhookExecutor().execute(webhook, parameters: delivery.parameters, attempt: 1)
/// result.attempt.success
/// ```
public struct WebhookExecutor: Sendable {
  /// The whole call, connection to last byte.
  public var timeout: Duration
  /// Which addresses the call may connect to.
  public var network: WebhookNetworkPolicy
  /// Where host names are looked up.
  public var resolver: any WebhookResolver

  public init(
    timeout: Duration = .seconds(15), network: WebhookNetworkPolicy = .init(),
    resolver: any WebhookResolver = SystemWebhookResolver()
  ) {
    self.timeout = timeout
    self.network = network
    self.resolver = resolver
  }

  /// The address to connect to for `url`: its host resolved once, every address checked against ``network``.
  /// Throws the refusal (which rule refused which address) or why the host has no address.
  func checkedAddress(for url: String) async throws -> String {
    guard let host = URLComponents(string: url)?.host, !host.isEmpty else {
      throw WebhookRefusal(description: "the webhook's URL has no host")
    }
    let bare = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
    let addresses: [IPAddress]
    if let literal = IPAddress(host: bare) {
      addresses = [literal]
    } else {
      do {
        addresses = try await resolver.addresses(of: bare)
      } catch {
        throw WebhookRefusal(description: "\(error)")
      }
    }
    // Every answer is checked, not only the first: a name that answers with a public and a private address is one
    // an attacker may be steering.
    for address in addresses {
      if let refusal = network.refusal(host: bare, address: address) { throw WebhookRefusal(description: refusal) }
    }
    guard let first = addresses.first else {
      throw WebhookRefusal(description: "the webhook's host \(bare) has no address")
    }
    return first.description
  }

  /// A call the network policy did not allow, or whose host has no address.
  struct WebhookRefusal: Error, CustomStringConvertible {
    let description: String
  }

  /// What one call sent and got.
  public struct Result: Sendable {
    public var attempt: WebhookAttempt
    public var request: OutgoingRequest
    public var response: ReceivedResponse?
  }

  /// The request a webhook sends for these parameters.
  public static func request(_ webhook: Webhook, parameters: [String: String]) -> OutgoingRequest {
    let template = webhook.request
    var headers = Headers()
    for header in template.headers {
      var value = WebhookTemplate.render(header.value, parameters)
      value.unicodeScalars.removeAll { $0 == "\r" || $0 == "\n" || $0 == "\0" }
      headers.add(header.name, value)
    }
    var body: Data?
    switch template.body {
    case .string(let text)?: body = Data(WebhookTemplate.render(text, parameters).utf8)
    case let json?:
      body = rendered(json, parameters).data()
      if headers["Content-Type"] == nil { headers.add("Content-Type", "application/json") }
    case nil: body = nil
    }
    if let username = template.username, headers["Authorization"] == nil {
      let credentials = Data("\(username):\(template.password ?? "")".utf8).base64EncodedString()
      headers.add("Authorization", "Basic \(credentials)")
    }
    return OutgoingRequest(
      method: template.method, url: WebhookTemplate.render(template.url, parameters, urlEncoded: true),
      headers: headers, body: body)
  }

  /// A JSON body with every string a template: the values go in as JSON strings, so they cannot break the JSON.
  static func rendered(_ json: JSONValue, _ parameters: [String: String]) -> JSONValue {
    switch json {
    case .string(let text): .string(WebhookTemplate.render(text, parameters))
    case .array(let items): .array(items.map { rendered($0, parameters) })
    case .object(let members): .object(members.mapValues { rendered($0, parameters) })
    default: json
    }
  }

  /// Sends the request; never throws: a failure is an unsuccessful attempt that says why.
  public func execute(_ webhook: Webhook, parameters: [String: String], attempt number: Int) async -> Result {
    let request = Self.request(webhook, parameters: parameters)
    let started = Date()
    let clock = ContinuousClock.now
    // The log keeps no secret: the URL's credentials and keys are hidden before anything is stored.
    let line = "\(request.method) \(WebhookSecrets.redacted(request.url))"
    do {
      let address = try await checkedAddress(for: request.url)
      let response = try await AccordHTTPClient.send(
        request, connectingTo: address, peer: "the webhook's server", timeout: timeout, maximumSize: 1024 * 1024)
      let success = WebhookRetrySchedule.isSuccess(status: response.status)
      let attempt = WebhookAttempt(
        number: number, startedAt: started, milliseconds: Self.milliseconds(since: clock), request: line,
        status: response.status, responseBody: Self.excerpt(response.body),
        error: success ? nil : "the server answered \(response.status); a webhook succeeds on a 2xx answer",
        success: success)
      return Result(attempt: attempt, request: request, response: response)
    } catch {
      let attempt = WebhookAttempt(
        number: number, startedAt: started, milliseconds: Self.milliseconds(since: clock), request: line,
        error: WebhookSecrets.redacted("\(error)"), success: false)
      return Result(attempt: attempt, request: request, response: nil)
    }
  }

  static func milliseconds(since start: ContinuousClock.Instant) -> Int {
    Int((ContinuousClock.now - start).inMilliseconds)
  }

  /// The start of a body as text, invalid UTF-8 replaced.
  static func excerpt(_ body: Data) -> String {
    String(decoding: body.prefix(WebhookAttempt.maximumBody), as: UTF8.self)
  }
}
