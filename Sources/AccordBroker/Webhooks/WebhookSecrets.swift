import Foundation

/// What of a webhook is secret and never shown, in the API, on the page or in the delivery log: the values of
/// headers whose names speak of credentials, a URL's `user:password@`, and the values of query parameters that
/// carry keys or signatures. A webhook saved back as it was shown keeps its secrets (``restoring(_:from:)``).
///
/// ```swift
/// WebhookSecrets.isSecret(header: "X-Api-Key")                       // true
/// WebhookSecrets.redacted("https://ci:s3cret@ci.example.com/b?token=abc&x=1")
/// // "https://**********@ci.example.com/b?token=**********&x=1"
/// ```
public enum WebhookSecrets {
  /// What is shown instead of a secret.
  public static let hidden = "**********"

  /// Words that make a header's value secret, anywhere in its name, case-insensitively.
  static let headerWords = ["authorization", "token", "secret", "password", "key", "cookie", "session"]

  /// Query parameters whose values are secret: these names, and any name with `token`, `secret` or `password`.
  static let queryNames: Set<String> = ["access_token", "token", "key", "secret", "password", "sig"]

  /// Whether a header's value is secret (`Authorization`, `Proxy-Authorization`, `X-Api-Key`, `Cookie`, …).
  public static func isSecret(header name: String) -> Bool {
    let lower = name.lowercased()
    return headerWords.contains { lower.contains($0) }
  }

  /// Whether a query parameter's value is secret.
  public static func isSecret(queryParameter name: String) -> Bool {
    let lower = (name.removingPercentEncodingLeniently).lowercased()
    return queryNames.contains(lower) || ["token", "secret", "password"].contains { lower.contains($0) }
  }

  /// `text` (a URL, or a log line or error message with URLs in it) with every URL's user information and secret
  /// query values hidden.
  public static func redacted(_ text: String) -> String {
    let characters = Array(text)
    var output: [Character] = []
    output.reserveCapacity(characters.count)
    var index = 0
    while index < characters.count {
      guard let start = schemeSeparator(in: characters, from: index) else {
        output.append(contentsOf: characters[index...])
        break
      }
      output.append(contentsOf: characters[index..<start + 3])
      var end = start + 3
      while end < characters.count, !isURLEnd(characters[end]) { end += 1 }
      output.append(contentsOf: redactedURLRest(Array(characters[(start + 3)..<end])))
      index = end
    }
    return String(output)
  }

  /// A URL sent back as it was shown: each hidden part (user information, a query value) taken from `existing`,
  /// the URL as stored, so a client can change a webhook without knowing its secrets.
  public static func restoring(_ url: String, from existing: String) -> String {
    guard url.contains(hidden) else { return url }
    let new = Parts(url)
    let old = Parts(existing)
    var userinfo = new.userinfo
    if userinfo == hidden { userinfo = old.userinfo }
    let query = new.query.map { pairs in
      pairs.map { pair -> (String, String?) in
        guard pair.1 == hidden, let kept = old.query?.first(where: { $0.0 == pair.0 }) else { return pair }
        return (pair.0, kept.1)
      }
    }
    return Parts(
      scheme: new.scheme, userinfo: userinfo, rest: new.rest, query: query, fragment: new.fragment
    ).text
  }

  // MARK: Scanning

  static func schemeSeparator(in characters: [Character], from index: Int) -> Int? {
    var position = index
    while position + 2 < characters.count {
      if characters[position] == ":" && characters[position + 1] == "/" && characters[position + 2] == "/" {
        return position
      }
      position += 1
    }
    return nil
  }

  static func isURLEnd(_ character: Character) -> Bool {
    character.isWhitespace || "\"'<>`".contains(character)
  }

  /// What follows `scheme://`: `[userinfo@]host[/path][?query][#fragment]`, with its secrets hidden.
  static func redactedURLRest(_ rest: [Character]) -> [Character] {
    let parts = Parts(String(rest), hasScheme: false)
    var redacted = parts
    if parts.userinfo != nil { redacted.userinfo = hidden }
    redacted.query = parts.query?.map { name, value in
      (name, value != nil && isSecret(queryParameter: name) ? hidden : value)
    }
    return Array(redacted.text)
  }

  /// A URL taken apart just enough to hide and restore its secrets; ``text`` puts it back together unchanged.
  struct Parts {
    var scheme: String?
    var userinfo: String?
    /// Host, port and path.
    var rest: String
    /// `name=value` pairs in order (`nil` value for a bare name); `nil` when there is no `?`.
    var query: [(String, String?)]?
    var fragment: String?

    init(
      scheme: String?, userinfo: String?, rest: String, query: [(String, String?)]?, fragment: String?
    ) {
      (self.scheme, self.userinfo, self.rest, self.query, self.fragment) = (scheme, userinfo, rest, query, fragment)
    }

    init(_ url: String, hasScheme: Bool = true) {
      var remainder = Substring(url)
      if hasScheme, let separator = remainder.range(of: "://") {
        scheme = String(remainder[..<separator.lowerBound])
        remainder = remainder[separator.upperBound...]
      }
      if let hash = remainder.firstIndex(of: "#") {
        fragment = String(remainder[remainder.index(after: hash)...])
        remainder = remainder[..<hash]
      }
      if let mark = remainder.firstIndex(of: "?") {
        query = remainder[remainder.index(after: mark)...].split(separator: "&", omittingEmptySubsequences: false)
          .map { pair in
            guard let equals = pair.firstIndex(of: "=") else { return (String(pair), nil) }
            return (String(pair[..<equals]), String(pair[pair.index(after: equals)...]))
          }
        remainder = remainder[..<mark]
      }
      let authorityEnd = remainder.firstIndex(of: "/") ?? remainder.endIndex
      if let at = remainder[..<authorityEnd].lastIndex(of: "@") {
        userinfo = String(remainder[..<at])
        remainder = remainder[remainder.index(after: at)...]
      }
      rest = String(remainder)
    }

    var text: String {
      var text = scheme.map { $0 + "://" } ?? ""
      if let userinfo { text += userinfo + "@" }
      text += rest
      if let query {
        text += "?" + query.map { name, value in value.map { "\(name)=\($0)" } ?? name }.joined(separator: "&")
      }
      if let fragment { text += "#" + fragment }
      return text
    }
  }
}

extension String {
  /// Percent-decoded where it decodes; as it is where it does not.
  fileprivate var removingPercentEncodingLeniently: String { removingPercentEncoding ?? self }
}
