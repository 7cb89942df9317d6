import AccordBroker
import AccordModel

extension MatrixQuery {
  /// `GET /matrix`'s query, read as the Pact Broker reads it (Rack's nested parameters): `q[][field]=…` fields
  /// build a selector until a field repeats, which starts the next one; `ignore[][field]` likewise. Also read:
  /// `pacticipant[]=…&version[]=…` (older clients), `q[]field=…` and `q[0][field]=…`. Top level: `latestby`,
  /// `success[]` (or `success`), `limit`, and the target: `latest`, `tag`, `branch`, `mainBranch`, `environment`.
  ///
  /// ```swift
  /// let query = try MatrixQuery(items: request.queryItems)
  /// ```
  init(items: [(name: String, value: String)]) throws(APIError) {
    var selectors = SelectorList(parameter: "q")
    var ignore = SelectorList(parameter: "ignore")
    var success: Set<Bool?>?
    var latestBy: LatestBy?
    var limit = Self.defaultLimit
    var target = Target()
    var inferring = false
    for (name, value) in items {
      if let field = Self.field(of: name, in: "q") {
        try selectors.add(field, value)
      } else if let field = Self.field(of: name, in: "ignore") {
        try ignore.add(field, value)
      } else {
        switch name {
        case "pacticipant[]": try selectors.add("pacticipant", value)
        case "version[]": try selectors.add("version", value)
        case "success[]", "success":
          guard ["true", "false", ""].contains(value) else {
            throw APIError(
              .badRequest, "\(name) must be true, false or empty (unverified), not \(value.quotedForError)")
          }
          success = (success ?? []).union([value.isEmpty ? nil : value == "true"])
        case "latestby" where !value.isEmpty:
          guard let parsed = LatestBy(rawValue: value) else {
            throw APIError(.badRequest, "latestby must be cvp, cvpv or cp, not \(value.quotedForError)")
          }
          latestBy = parsed
        case "limit" where !value.isEmpty:
          guard let number = Int(value), (1...Self.maximumLimit).contains(number) else {
            throw APIError(
              .badRequest, "limit must be a number from 1 to \(Self.maximumLimit), not \(value.quotedForError)")
          }
          limit = number
        case "latest" where !value.isEmpty:
          target.latest = value == "true"
          inferring = inferring || target.latest
        case "tag" where !value.isEmpty:
          target.tag = value
          inferring = true
        case "branch" where !value.isEmpty:
          target.branch = value
          inferring = true
        case "mainBranch" where !value.isEmpty:
          target.mainBranch = value == "true"
          inferring = inferring || target.mainBranch
        case "environment" where !value.isEmpty:
          target.environment = value
          inferring = true
        default: break
        }
      }
    }
    self.init(
      selectors: try selectors.selectors(), ignore: try ignore.selectors(), target: inferring ? target : nil,
      latestBy: latestBy, success: success, limit: limit)
  }

  /// `q[][field]`, `q[]field` or `q[N][field]` → `field` (and `N`, kept for grouping by ``SelectorList``).
  static func field(of name: String, in parameter: String) -> String? {
    guard name.hasPrefix(parameter + "[") else { return nil }
    var rest = name.dropFirst(parameter.count + 1)
    guard let close = rest.firstIndex(of: "]") else { return nil }
    let index = rest[rest.startIndex..<close]
    rest = rest[rest.index(after: close)...]
    let field: Substring
    if rest.hasPrefix("["), rest.hasSuffix("]") {
      field = rest.dropFirst().dropLast()
    } else {
      field = rest
    }
    guard !field.isEmpty, !field.contains("["), !field.contains("]") else { return nil }
    return index.isEmpty ? String(field) : "\(index)\u{0}\(field)"
  }
}

/// Selectors as the query's fields build them.
private struct SelectorList {
  let parameter: String
  var fields: [[String: String]] = []
  var indexes: [String: Int] = [:]

  init(parameter: String) { self.parameter = parameter }

  /// A field of the current selector; one the current selector has already starts the next. `N\0field` (from
  /// `q[N][field]`) goes to selector `N`.
  mutating func add(_ field: String, _ value: String) throws(APIError) {
    let parts = field.split(separator: "\u{0}", maxSplits: 1).map(String.init)
    if parts.count == 2 {
      let position: Int
      if let known = indexes[parts[0]] {
        position = known
      } else {
        position = fields.count
        indexes[parts[0]] = position
        fields.append([:])
      }
      fields[position][parts[1]] = value
      return
    }
    if fields.isEmpty || fields[fields.count - 1][field] != nil { fields.append([:]) }
    fields[fields.count - 1][field] = value
  }

  func selectors() throws(APIError) -> [MatrixSelector] {
    try fields.map { fields throws(APIError) -> MatrixSelector in
      func value(_ name: String) -> String? { fields[name].flatMap { $0.isEmpty ? nil : $0 } }
      let pacticipant = value("pacticipant") ?? ""
      for (name, text) in [
        ("pacticipant", pacticipant), ("version", value("version")), ("tag", value("tag")),
        ("branch", value("branch")), ("environment", value("environment")),
      ] {
        guard let text, !text.isEmpty else { continue }
        do throws(BrokerError) {
          try Names.check(text, what: "\(parameter)[][\(name)]")
        } catch {
          throw APIError(error)
        }
      }
      return MatrixSelector(
        pacticipant: pacticipant, version: value("version"), tag: value("tag"), branch: value("branch"),
        mainBranch: value("mainBranch") == "true", environment: value("environment"),
        latest: value("latest") == "true")
    }
  }
}

extension String {
  /// The value quoted and printable, for an error message.
  fileprivate var quotedForError: String { PrintSafe.quoted(String(prefix(100))) }
}
