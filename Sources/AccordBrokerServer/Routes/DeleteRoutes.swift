import AccordBroker
import AccordModel
import Hummingbird

/// Deleting what was published by mistake, as the Pact Broker allows: a pacticipant with all of it (a renamed or
/// retired service), one version of a pacticipant, or one pact. Each needs a read-write credential; `accord broker
/// clean` removes old data by policy instead.
struct DeleteRoutes {
  let server: BrokerServer
  var store: any BrokerStore { server.store }

  func add(to router: Router<BasicRequestContext>) {
    router.delete("/pacticipants/:pacticipant") { request, context in
      let name = try request.name("pacticipant", context)
      guard try await store.deletePacticipant(named: name) != nil else {
        throw APIError(.notFound, "no pacticipant named \(PrintSafe.quoted(name)); list them at /pacticipants")
      }
      return Response(status: .noContent)
    }
    router.delete("/pacticipants/:pacticipant/versions/:version") { request, context in
      let name = try request.name("pacticipant", context)
      let number = try request.name("version", context, what: "the version in the path")
      guard let version = try await store.version(of: name, number: number) else {
        throw APIError(
          .notFound,
          "\(PrintSafe.quoted(name)) has no version \(PrintSafe.quoted(number)); list its versions at "
            + "/pacticipants/\(BrokerURLs.segment(name))/versions")
      }
      _ = try await store.deleteVersions([version.id])
      return Response(status: .noContent)
    }
    router.delete("/pacts/provider/:provider/consumer/:consumer/version/:version") { request, context in
      let provider = try request.name("provider", context, what: "the provider in the path")
      let consumer = try request.name("consumer", context, what: "the consumer in the path")
      let number = try request.name("version", context, what: "the consumer version in the path")
      guard try await store.deletePact(provider: provider, consumer: consumer, consumerVersion: number) else {
        throw APIError(
          .notFound,
          "no pact between \(PrintSafe.quoted(consumer)) version \(PrintSafe.quoted(number)) and "
            + "\(PrintSafe.quoted(provider)); check the names and the version")
      }
      return Response(status: .noContent)
    }
  }
}
