import AccordModel
import Crypto
import Foundation

/// Who may read and who may write: bearer tokens and basic-auth users, each read-write or read-only, and whether
/// anyone may read without a credential. With no credential configured the broker is open, as the Pact Broker is.
///
/// Configured from the environment or a file, never only on the command line (a command line is visible to every
/// user of the machine):
///
/// ```swift
/// let policy = try AccessPolicy.load(environment: ProcessInfo.processInfo.environment, file: "/etc/accord/access.json")
/// policy.access(for: "Bearer ci-secret")  // .granted(.readWrite, "token ci")
/// ```
public struct AccessPolicy: Sendable {
  public enum Access: String, Sendable {
    case readOnly = "read-only"
    case readWrite = "read-write"
  }

  /// A secret as configured: the text itself, or `sha256:<hex>` of it (so the file need not hold the secret).
  public struct Secret: Sendable {
    let digest: [UInt8]

    public init(configured text: String) throws(AccessPolicyError) {
      if text.hasPrefix("sha256:") {
        let hex = text.dropFirst("sha256:".count)
        guard hex.count == 64, let bytes = Self.bytes(hex: hex) else {
          throw AccessPolicyError("a sha256: secret needs 64 hexadecimal digits after \"sha256:\"")
        }
        digest = bytes
      } else {
        guard !text.isEmpty else { throw AccessPolicyError("a secret is empty") }
        guard text.trimmingCharacters(in: .whitespacesAndNewlines) == text else {
          throw AccessPolicyError("a secret begins or ends with white space; remove it (secrets compare exactly)")
        }
        digest = Array(SHA256.hash(data: Data(text.utf8)))
      }
    }

    /// Compares digests in constant time, so the time taken does not tell how much of a guess was right.
    func matches(_ presented: String) -> Bool {
      let presentedDigest = Array(SHA256.hash(data: Data(presented.utf8)))
      var difference: UInt8 = 0
      for (left, right) in zip(presentedDigest, digest) { difference |= left ^ right }
      return difference == 0
    }

    static func bytes(hex: Substring) -> [UInt8]? {
      var bytes: [UInt8] = []
      var index = hex.startIndex
      while index < hex.endIndex {
        let next = hex.index(index, offsetBy: 2)
        guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
        bytes.append(byte)
        index = next
      }
      return bytes
    }
  }

  public struct Token: Sendable {
    public var name: String
    var secret: Secret
    public var access: Access
  }

  public struct User: Sendable {
    public var username: String
    var password: Secret
    public var access: Access
  }

  public var tokens: [Token] = []
  public var users: [User] = []
  /// Anyone may read (GET) without a credential; writing still needs one.
  public var publicRead = false
  /// Anyone may fetch status badges (`GET …/badge`) without a credential, so a README can show them.
  public var publicBadges = false

  public init() {}

  /// True when any credential is configured: requests must then show one (reads too, unless ``publicRead``).
  public var isEnabled: Bool { !tokens.isEmpty || !users.isEmpty }

  public mutating func addToken(_ secret: String, access: Access, name: String) throws(AccessPolicyError) {
    tokens.append(Token(name: name, secret: try Secret(configured: secret), access: access))
  }

  public mutating func addUser(_ username: String, password: String, access: Access) throws(AccessPolicyError) {
    guard !username.isEmpty, !username.contains(":") else {
      throw AccessPolicyError("the username \(PrintSafe.quoted(username)) is empty or has a colon")
    }
    users.append(User(username: username, password: try Secret(configured: password), access: access))
  }

  /// What a request's `Authorization` header is allowed.
  public enum Decision: Sendable, Equatable {
    /// A known credential: its access, and a name for logs (never the secret).
    case granted(Access, String)
    /// No credential was sent.
    case missing
    /// A credential was sent that the broker does not know; the text says which kind.
    case rejected(String)
  }

  public func decide(authorization: String?) -> Decision {
    guard let authorization, !authorization.isEmpty else { return .missing }
    // Exactly "<scheme> <credential>": one space, nothing around the credential. A token compares as sent.
    guard let space = authorization.firstIndex(of: " ") else {
      return .rejected("the Authorization header is neither \"Bearer …\" nor \"Basic …\"")
    }
    let scheme = authorization[..<space].lowercased()
    let value = String(authorization[authorization.index(after: space)...])
    guard !value.isEmpty, value.trimmingCharacters(in: .whitespacesAndNewlines) == value else {
      return .rejected(
        "the Authorization header has white space around its credential; send exactly the scheme, one space and "
          + "the credential")
    }
    switch scheme {
    case "bearer":
      guard let token = tokens.first(where: { $0.secret.matches(value) }) else {
        return .rejected("the bearer token is not one this broker knows")
      }
      return .granted(token.access, "token \(token.name)")
    case "basic":
      guard let decoded = Data(base64Encoded: value).flatMap({ String(data: $0, encoding: .utf8) }),
        let colon = decoded.firstIndex(of: ":")
      else { return .rejected("the basic credentials are not base64 of \"username:password\"") }
      let username = String(decoded[..<colon])
      let password = String(decoded[decoded.index(after: colon)...])
      guard let user = users.first(where: { $0.username == username }), user.password.matches(password) else {
        return .rejected("the username or password is wrong")
      }
      return .granted(user.access, "user \(user.username)")
    default:
      return .rejected(
        "the Authorization scheme \(PrintSafe.quoted(String(authorization[..<space]))) is neither Bearer nor Basic")
    }
  }
}

/// A configuration of access that cannot be used: what is wrong, and where (the variable, the file, the JSON path).
public struct AccessPolicyError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
