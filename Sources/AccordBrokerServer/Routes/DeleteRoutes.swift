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
    let deletions = Deletions(store: store)
    router.delete("/pacticipants/:pacticipant") { request, context in
      try await deletions.deletePacticipant(try request.name("pacticipant", context))
      return Response(status: .noContent)
    }
    router.delete("/pacticipants/:pacticipant/versions/:version") { request, context in
      try await deletions.deleteVersion(
        try request.name("pacticipant", context), try request.name("version", context, what: "the version in the path"))
      return Response(status: .noContent)
    }
    router.delete("/pacts/provider/:provider/consumer/:consumer/version/:version") { request, context in
      try await deletions.deletePact(
        provider: try request.name("provider", context, what: "the provider in the path"),
        consumer: try request.name("consumer", context, what: "the consumer in the path"),
        consumerVersion: try request.name("version", context, what: "the consumer version in the path"))
      return Response(status: .noContent)
    }
  }
}
