import AccordModel
import Foundation

extension Webhook {
  /// Reads a webhook as the Pact Broker's API sends it:
  /// `{"description", "consumer": {"name"}, "provider": {"name"}, "events": [{"name"}], "request": {"method", "url",
  /// "headers", "body", "username", "password"}, "enabled"}`. `consumer` and `provider` given by the URL win over
  /// the body's only when the body names none; a body naming another is an error. Errors name the JSON path.
  ///
  /// ```swift
  /// let webhook = try Webhook(json: body, uuid: UUID().uuidString.lowercased(), policy: WebhookPolicy())
  /// ```
  public init(
    json: JSONValue, uuid: String, consumer pathConsumer: String? = nil, provider pathProvider: String? = nil,
    policy: WebhookPolicy, now: Date = Date()
  ) throws(BrokerError) {
    guard case .object(let object) = json else {
      throw .invalid("the body must be a JSON object with \"events\" and \"request\"; see the Pact Broker's webhooks")
    }
    func text(_ value: JSONValue?, _ path: String) throws(BrokerError) -> String? {
      guard let value, !value.isNull else { return nil }
      guard let text = value.stringValue else { throw .invalid("\(path) must be a string") }
      return text
    }
    /// The side's label, when it names one instead of a pacticipant.
    func label(_ key: String) throws(BrokerError) -> String? {
      guard let value = object[key], case .object = value else { return nil }
      guard let label = try text(value["label"], "$.\(key).label") else { return nil }
      try Names.check(label, what: "$.\(key).label")
      if value["name"].map({ !$0.isNull }) == true {
        throw .invalid("$.\(key) gives both a name and a label; give one of them")
      }
      return label
    }
    func pacticipant(_ key: String, fromPath: String?) throws(BrokerError) -> String? {
      let value = object[key]
      var name: String?
      if let value, !value.isNull {
        guard case .object = value else {
          throw .invalid("$.\(key) must be an object like {\"name\": \"…\"} or {\"label\": \"…\"}")
        }
        name = try text(value["name"], "$.\(key).name")
        if let name { try Names.check(name, what: "$.\(key).name") }
      }
      if let fromPath {
        if let name, name != fromPath {
          throw .invalid(
            "$.\(key).name is \(PrintSafe.quoted(name)) but the URL names \(PrintSafe.quoted(fromPath)); they must agree"
          )
        }
        return fromPath
      }
      return name
    }
    let consumer = try pacticipant("consumer", fromPath: pathConsumer)
    let provider = try pacticipant("provider", fromPath: pathProvider)
    let consumerLabel = pathConsumer == nil ? try label("consumer") : nil
    let providerLabel = pathProvider == nil ? try label("provider") : nil
    guard let eventValues = object["events"]?.arrayValue, !eventValues.isEmpty else {
      throw .invalid(
        "$.events must be a non-empty array like [{\"name\": \"contract_content_changed\"}]; events: "
          + WebhookEvent.allCases.map(\.rawValue).joined(separator: ", "))
    }
    var events: [WebhookEvent] = []
    for (index, value) in eventValues.enumerated() {
      guard let name = try text(value["name"] ?? (value.stringValue.map(JSONValue.string)), "$.events[\(index)].name")
      else { throw .invalid("$.events[\(index)].name is missing") }
      let event = try WebhookEvent.parse(name, path: "$.events[\(index)].name")
      if !events.contains(event) { events.append(event) }
    }
    guard let requestValue = object["request"], case .object(let request) = requestValue else {
      throw .invalid("$.request must be an object with \"method\" and \"url\"")
    }
    guard let method = try text(request["method"], "$.request.method")?.uppercased(), !method.isEmpty else {
      throw .invalid("$.request.method is missing; give e.g. \"POST\"")
    }
    guard let url = try text(request["url"], "$.request.url"), !url.isEmpty else {
      throw .invalid("$.request.url is missing; give the URL to call")
    }
    var headers: [WebhookHeader] = []
    if let value = request["headers"], !value.isNull {
      guard case .object(let fields) = value else {
        throw .invalid("$.request.headers must be an object of header names to values")
      }
      for (name, value) in fields {
        guard let text = value.stringValue ?? (value.isNumber || value.boolValue != nil ? value.serialized() : nil)
        else { throw .invalid("$.request.headers[\(PrintSafe.quoted(name))] must be a string") }
        guard Self.isToken(name) else {
          throw .invalid(
            "$.request.headers has \(PrintSafe.quoted(name)), which is not a header name; use letters, digits and -")
        }
        guard !text.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else {
          throw .invalid("$.request.headers[\(PrintSafe.quoted(name))] has a line break; a header value is one line")
        }
        headers.append(WebhookHeader(name: name, value: text))
      }
    }
    var body = request["body"]
    if body?.isNull == true { body = nil }
    let webhookRequest = WebhookRequest(
      method: method, url: url, headers: headers, body: body,
      username: try text(request["username"], "$.request.username"),
      password: try text(request["password"], "$.request.password"))
    try policy.check(webhookRequest, path: "$.request")
    var enabled = true
    if let value = object["enabled"], !value.isNull {
      guard let flag = value.boolValue else { throw .invalid("$.enabled must be true or false") }
      enabled = flag
    }
    self.init(
      uuid: uuid, description: try text(object["description"], "$.description"), consumer: consumer,
      provider: provider, consumerLabel: consumerLabel, providerLabel: providerLabel, events: events,
      request: webhookRequest, enabled: enabled, createdAt: now, updatedAt: now)
  }

  static func isToken(_ name: String) -> Bool {
    !name.isEmpty && name.utf8.count <= 256
      && name.unicodeScalars.allSatisfy { scalar in
        scalar.isASCII
          && (CharacterSet.alphanumerics.contains(scalar) || "!#$%&'*+-.^_`|~".unicodeScalars.contains(scalar))
      }
  }

  /// The parameters of its URL, headers and body that the Pact Broker does not define (typos, shown as warnings).
  public var unknownParameters: [String] {
    var texts = [request.url] + request.headers.map(\.value)
    if let body = request.body { texts.append(body.stringValue ?? body.serialized()) }
    var unknown: [String] = []
    for text in texts {
      for name in WebhookTemplate.unknownParameters(in: text) where !unknown.contains(name) { unknown.append(name) }
    }
    return unknown
  }
}

extension WebhookRequest {
  /// What the API shows instead of a secret.
  public static let redacted = WebhookSecrets.hidden

  /// Whether a header carries a secret (its value is never shown); see ``WebhookSecrets/isSecret(header:)``.
  public static func isSecret(header name: String) -> Bool { WebhookSecrets.isSecret(header: name) }

  /// The request as stored (`showingPassword`) and as the API shows it (the password and secret headers hidden).
  public func json(showingPassword: Bool) -> JSONValue {
    var object: JSONObject = [
      "method": .string(method), "url": .string(showingPassword ? url : WebhookSecrets.redacted(url)),
    ]
    if !headers.isEmpty {
      let shown = headers.map { header in
        (
          header.name,
          JSONValue.string(
            showingPassword || !Self.isSecret(header: header.name) ? header.value : Self.redacted)
        )
      }
      object["headers"] = .object(JSONObject(Dictionary(shown, uniquingKeysWith: { $1 })))
    }
    if let body { object["body"] = body }
    if let username { object["username"] = .string(username) }
    if let password { object["password"] = .string(showingPassword ? password : Self.redacted) }
    return .object(object)
  }

  /// Reads a request as ``json(showingPassword:)`` wrote it (with the password).
  public init(stored json: JSONValue) {
    var headers: [WebhookHeader] = []
    for (name, value) in json["headers"]?.objectValue ?? [:] {
      headers.append(WebhookHeader(name: name, value: value.stringValue ?? ""))
    }
    self.init(
      method: json["method"]?.stringValue ?? "POST", url: json["url"]?.stringValue ?? "", headers: headers,
      body: json["body"], username: json["username"]?.stringValue, password: json["password"]?.stringValue)
  }
}

extension Webhook {
  /// This webhook sent back as the API showed it: secrets still hidden (`**********`) are taken from `existing`,
  /// so a client can read a webhook, change one thing and save it without knowing its secrets.
  public func keepingSecrets(of existing: Webhook) -> Webhook {
    var kept = self
    if kept.request.password == WebhookRequest.redacted { kept.request.password = existing.request.password }
    kept.request.url = WebhookSecrets.restoring(kept.request.url, from: existing.request.url)
    for index in kept.request.headers.indices where kept.request.headers[index].value == WebhookRequest.redacted {
      let name = kept.request.headers[index].name.lowercased()
      if let old = existing.request.headers.first(where: { $0.name.lowercased() == name }) {
        kept.request.headers[index].value = old.value
      }
    }
    return kept
  }
}
