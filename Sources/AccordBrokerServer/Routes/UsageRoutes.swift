import AccordBroker
import AccordModel
import Foundation
import Hummingbird

/// `GET /pacticipants/{provider}/field-usage`: who uses which field of a provider (Accord's own resource; see
/// ``FieldUsage``).
struct UsageRoutes {
  let server: BrokerServer

  func add(to router: Router<BasicRequestContext>) {
    router.get("/pacticipants/:pacticipant/field-usage") { request, context in
      let provider = try request.name("pacticipant", context, what: "the provider in the path")
      let usage = try await FieldUsage.of(provider: provider, store: server.store)
      let urls = server.urls(request)
      return HAL.response(Self.render(usage, selfURL: urls.pacticipant(provider) + "/field-usage"))
    }
  }

  static func render(_ usage: FieldUsage, selfURL: String) -> JSONValue {
    let fields: [JSONValue] = usage.fields.map { field in
      [
        "endpoint": .string(field.endpoint.text), "path": .string(field.path),
        "interactions": .array(field.interactions.map(JSONValue.string)),
        "consumers": .array(
          field.consumers.map { consumer in
            [
              "name": .string(consumer.name), "version": .string(consumer.version),
              "reasons": .array(consumer.reasons.map(JSONValue.string)),
            ]
          }),
      ]
    }
    return [
      "provider": .string(usage.provider),
      "fields": .array(fields),
      "unusedFields": .array(
        usage.unused.map { ["endpoint": .string($0.endpoint.text), "path": .string($0.path)] }),
      "unobservedEndpoints": .array(usage.unobserved.map { .string($0.text) }),
      "_links": ["self": HAL.link(selfURL, title: "Field usage of \(usage.provider)")],
    ]
  }
}
