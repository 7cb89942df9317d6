/// An order a user placed.
public struct Order: Codable, Sendable, Hashable {
  public var id: Int
  public var userId: Int
  public var items: [OrderItem]
  public var total: Double
  /// "placed" or "cancelled".
  public var status: String

  public init(id: Int, userId: Int, items: [OrderItem], total: Double, status: String = "placed") {
    self.id = id
    self.userId = userId
    self.items = items
    self.total = total
    self.status = status
  }
}

public struct OrderItem: Codable, Sendable, Hashable {
  public var sku: String
  public var quantity: Int

  public init(sku: String, quantity: Int) {
    self.sku = sku
    self.quantity = quantity
  }
}

/// What `POST /orders` takes.
public struct NewOrder: Codable, Sendable {
  public var userId: Int
  public var items: [OrderItem]
  public var total: Double

  public init(userId: Int, items: [OrderItem], total: Double) {
    self.userId = userId
    self.items = items
    self.total = total
  }
}

/// The list `GET /orders?userId=` answers.
public struct OrderList: Codable, Sendable {
  public var orders: [Order]
}
