/// A customer of the shop.
public struct User: Codable, Sendable, Hashable {
  public var id: Int
  public var name: String
  public var email: String
  /// "standard" or "gold".
  public var tier: String

  public init(id: Int, name: String, email: String, tier: String = "standard") {
    self.id = id
    self.name = name
    self.email = email
    self.tier = tier
  }
}

/// What `POST /users` takes.
public struct NewUser: Codable, Sendable {
  public var name: String
  public var email: String
  public var tier: String?
}
