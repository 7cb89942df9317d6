import AccordModel
import Hummingbird

/// `GET /` (the HAL index with every relation Pact clients navigate by) and the heartbeat.
struct IndexRoutes {
  let server: BrokerServer

  func add(to router: Router<BasicRequestContext>) {
    router.get("/") { request, _ in
      if WebRoutes.wantsHTML(request) { return try await WebRoutes(server: server).indexPage(request) }
      return HAL.response(index(server.urls(request)))
    }
    router.get("/diagnostic/status/heartbeat") { request, _ in
      HAL.response([
        "ok": true,
        "_links": ["self": HAL.link(server.urls(request).base + "/diagnostic/status/heartbeat", title: "Heartbeat")],
      ])
    }
  }

  func index(_ urls: BrokerURLs) -> JSONValue {
    let base = urls.base
    func template(_ path: String, _ title: String) -> JSONValue {
      HAL.link(base + path, title: title, templated: path.contains("{"))
    }
    return [
      "_links": [
        "self": HAL.link(urls.index, title: "Index"),
        "pb:publish-pact": template(
          "/pacts/provider/{provider}/consumer/{consumer}/version/{consumerApplicationVersion}", "Publish a pact"),
        "pb:publish-contracts": template("/contracts/publish", "Publish contracts"),
        "pb:latest-pact-versions": template("/pacts/latest", "Latest pact versions"),
        "pb:pacticipants": template("/pacticipants", "Pacticipants"),
        "pb:pacticipant": template("/pacticipants/{pacticipant}", "Fetch pacticipant by name"),
        "pb:latest-provider-pacts": template("/pacts/provider/{provider}/latest", "Latest pacts by provider"),
        "pb:latest-provider-pacts-with-tag": template(
          "/pacts/provider/{provider}/latest/{tag}", "Latest pacts for provider with the specified tag"),
        "pb:provider-pacts-with-tag": template(
          "/pacts/provider/{provider}/tag/{tag}",
          "All pact versions for the provider with the specified consumer version tag"),
        "pb:provider-pacts": template("/pacts/provider/{provider}", "All pact versions for the specified provider"),
        "pb:provider-pacts-with-branch": template(
          "/pacts/provider/{provider}/branch/{branch}",
          "All pact versions for the provider from consumer versions on the branch"),
        "pb:latest-provider-pacts-with-branch": template(
          "/pacts/provider/{provider}/branch/{branch}/latest",
          "Latest pacts for the provider from consumer versions on the branch"),
        "pb:provider-pacts-with-main-branch": template(
          "/pacts/provider/{provider}/branch", "All pact versions for the provider from each consumer's main branch"),
        "pb:latest-provider-pacts-with-main-branch": template(
          "/pacts/provider/{provider}/branch/latest", "Latest pacts for the provider from each consumer's main branch"),
        "pb:branch-pact-versions": template(
          "/pacts/provider/{provider}/consumer/{consumer}/branch/{branch}",
          "The versions of a pact from consumer versions on the branch"),
        "pb:latest-branch-pact-versions": template(
          "/pacts/provider/{provider}/consumer/{consumer}/branch/{branch}/latest",
          "The latest pact from consumer versions on the branch"),
        "pb:main-branch-pact-versions": template(
          "/pacts/provider/{provider}/consumer/{consumer}/branch",
          "The versions of a pact from the consumer's main branch"),
        "pb:latest-main-branch-pact-versions": template(
          "/pacts/provider/{provider}/consumer/{consumer}/branch/latest",
          "The latest pact from the consumer's main branch"),
        "pb:provider-states": template(
          "/pacts/provider/{provider}/provider-states",
          "The provider states of the latest pacts from each consumer's main branch"),
        "pb:provider-pacts-for-verification": template(
          "/pacts/provider/{provider}/for-verification", "Pact versions to be verified for the specified provider"),
        "pb:latest-version": template("/pacticipants/{pacticipant}/latest-version", "Latest pacticipant version"),
        "pb:latest-tagged-version": template(
          "/pacticipants/{pacticipant}/latest-version/{tag}", "Latest pacticipant version with the specified tag"),
        "pb:pacticipant-version": template(
          "/pacticipants/{pacticipant}/versions/{version}", "Get, create or delete a pacticipant version"),
        "pb:pacticipant-version-tag": template(
          "/pacticipants/{pacticipant}/versions/{version}/tags/{tag}", "Get, create or delete a tag for a version"),
        "pb:pacticipant-branch": template("/pacticipants/{pacticipant}/branches/{branch}", "Get a branch"),
        "pb:pacticipant-branch-version": template(
          "/pacticipants/{pacticipant}/branches/{branch}/versions/{version}", "Get or add a version to a branch"),
        "pb:environments": template("/environments", "Environments"),
        "pb:environment": template("/environments/{uuid}", "Environment"),
        "pb:can-i-deploy-pacticipant-version-to-environment": template(
          "/can-i-deploy?pacticipant={pacticipant}&version={version}&environment={environment}",
          "Can a version of a pacticipant be deployed to an environment"),
        "pb:can-i-deploy-pacticipant-version-to-tag": template(
          "/can-i-deploy?pacticipant={pacticipant}&version={version}&to={tag}",
          "Can a version be deployed with the latest versions with a tag"),
        "pb:can-i-deploy-branch-to-environment": template(
          "/can-i-deploy?pacticipant={pacticipant}&branch={branch}&environment={environment}",
          "Can the latest version of a branch be deployed to an environment"),
        "pb:matrix": template("/matrix", "The matrix of verified versions"),
        "pb:webhooks": template("/webhooks", "Webhooks"),
        "pb:webhook": template("/webhooks/{uuid}", "Webhook"),
        "pb:pacticipants-webhooks": template(
          "/webhooks/provider/{provider}/consumer/{consumer}", "Webhooks between a consumer and a provider"),
        "pb:heartbeat": template("/diagnostic/status/heartbeat", "Heartbeat"),
        "curies": [["name": "pb", "href": .string(base + "/doc/{rel}?context=index"), "templated": true]],
      ]
    ]
  }
}
