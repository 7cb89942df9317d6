import AccordBroker
import AccordModel
import Hummingbird

/// `GET /pacts/provider/{provider}/provider-states[/branch/{branch} | /environment/{environment}]`: the provider
/// states a provider's consumers rely on, as the Pact Broker lists them for `pact broker provider-states list`.
struct ProviderStateRoutes {
  let server: BrokerServer

  func add(to router: Router<BasicRequestContext>) {
    let base = "/pacts/provider/:provider/provider-states"
    router.get(RouterPath(base)) { request, context in
      try await answer(request, context, scope: .mainBranch)
    }
    router.get(RouterPath(base + "/branch/:branch")) { request, context in
      try await answer(request, context, scope: .branch(try request.name("branch", context)))
    }
    router.get(RouterPath(base + "/environment/:environment")) { request, context in
      try await answer(request, context, scope: .environment(try request.name("environment", context)))
    }
  }

  func answer(_ request: Request, _ context: BasicRequestContext, scope: ProviderStateList.Scope) async throws
    -> Response
  {
    let provider = try request.name("provider", context, what: "the provider in the path")
    let list = try await ProviderStateList.of(provider: provider, scope: scope, store: server.store)
    let urls = server.urls(request)
    return HAL.response([
      "providerStates": .array(
        list.states.map { state in
          var members: JSONObject = [
            "name": .string(state.name), "consumers": .array(state.consumers.map(JSONValue.string)),
          ]
          if !state.params.isEmpty { members["params"] = .object(JSONObject(state.params)) }
          return .object(members)
        }),
      "_links": [
        "self": HAL.link(urls.base + request.uri.path, title: "Provider states of \(provider)"),
        "pb:provider": HAL.link(urls.pacticipant(provider), title: provider),
      ],
    ])
  }
}
