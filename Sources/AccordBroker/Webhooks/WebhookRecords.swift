import AccordModel
import Foundation

/// How both stores write a webhook's lists into text columns and read them back: events comma-separated, the
/// request and a delivery's parameters as JSON.
public enum WebhookRecords {
  public static func events(_ events: [WebhookEvent]) -> String { events.map(\.rawValue).joined(separator: ",") }

  public static func events(_ text: String) -> [WebhookEvent] {
    text.split(separator: ",").compactMap { WebhookEvent(rawValue: String($0)) }
  }

  public static func request(_ request: WebhookRequest) -> String { request.json(showingPassword: true).serialized() }

  public static func request(_ text: String) -> WebhookRequest {
    WebhookRequest(stored: (try? JSONValue(parsing: Data(text.utf8))) ?? .object([:]))
  }

  public static func parameters(_ values: [String: String]) -> String {
    JSONValue.object(JSONObject(values.mapValues { JSONValue.string($0) })).serialized()
  }

  public static func parameters(_ text: String) -> [String: String] {
    guard let object = (try? JSONValue(parsing: Data(text.utf8)))?.objectValue else { return [:] }
    var values: [String: String] = [:]
    for (key, value) in object { values[key] = value.stringValue ?? "" }
    return values
  }

  /// How many finished deliveries each webhook keeps in its log; older ones go when new ones are queued.
  public static let deliveriesKept = 200
}
