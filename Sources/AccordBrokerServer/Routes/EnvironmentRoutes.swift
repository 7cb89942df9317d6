import AccordBroker
import AccordModel
import Foundation
import Hummingbird

/// Environments, and what is deployed or released in each.
struct EnvironmentRoutes {
  let server: BrokerServer
  var store: any BrokerStore { server.store }

  func add(to router: Router<BasicRequestContext>) {
    router.get("/environments") { request, _ in
      let renderer = server.renderer(request)
      var environments = try await store.environments()
      if let name = request.query("name") { environments = environments.filter { $0.name == name } }
      return HAL.response([
        "_embedded": ["environments": .array(environments.map { renderer.environment($0) })],
        "_links": [
          "self": HAL.link(renderer.urls.environments, title: "Environments"),
          "pb:createEnvironment": HAL.link(renderer.urls.environments, title: "Create an environment"),
          "pb:environments": .array(
            environments.map {
              HAL.link(renderer.urls.environment($0.uuid), title: "Environment", name: $0.name)
            }),
        ],
      ])
    }
    router.post("/environments") { request, context in
      let change = try await environmentChange(request, context, uuid: nil)
      let environment = try await store.saveEnvironment(change)
      let renderer = server.renderer(request)
      return HAL.response(
        renderer.environment(environment), status: .created, location: renderer.urls.environment(environment.uuid))
    }
    router.get("/environments/:uuid") { request, context in
      HAL.response(server.renderer(request).environment(try await existing(request, context)))
    }
    router.put("/environments/:uuid") { request, context in
      let uuid = try request.name("uuid", context)
      _ = try await existing(request, context)
      let environment = try await store.saveEnvironment(try await environmentChange(request, context, uuid: uuid))
      return HAL.response(server.renderer(request).environment(environment))
    }
    router.delete("/environments/:uuid") { request, context in
      let uuid = try request.name("uuid", context)
      guard try await store.deleteEnvironment(uuid: uuid) else {
        throw APIError(.notFound, "no environment with uuid \(uuid)")
      }
      return Response(status: .noContent)
    }
    router.get("/environments/:uuid/deployed-versions/currently-deployed") { request, context in
      let environment = try await existing(request, context)
      let renderer = server.renderer(request)
      let deployed = try await store.deployedVersions(
        environmentID: environment.id, pacticipant: request.query("pacticipant"))
      return HAL.response([
        "_embedded": ["deployedVersions": .array(deployed.map { renderer.deployed($0) })],
        "_links": [
          "self": HAL.link(renderer.urls.environment(environment.uuid) + "/deployed-versions/currently-deployed")
        ],
      ])
    }
    router.get("/environments/:uuid/released-versions/currently-supported") { request, context in
      let environment = try await existing(request, context)
      let renderer = server.renderer(request)
      let released = try await store.releasedVersions(
        environmentID: environment.id, pacticipant: request.query("pacticipant"))
      return HAL.response([
        "_embedded": ["releasedVersions": .array(released.map { renderer.released($0) })],
        "_links": [
          "self": HAL.link(renderer.urls.environment(environment.uuid) + "/released-versions/currently-supported")
        ],
      ])
    }
    router.get("/deployed-versions/:uuid") { request, context in
      let uuid = try request.name("uuid", context)
      guard let deployed = try await store.deployedVersion(uuid: uuid) else {
        throw APIError(.notFound, "no deployed version with uuid \(uuid)")
      }
      return HAL.response(server.renderer(request).deployed(deployed))
    }
    router.patch("/deployed-versions/:uuid") { request, context in
      let uuid = try request.name("uuid", context)
      let body = try await request.json(context, limit: 64 * 1024)
      guard try body.bool("currentlyDeployed", path: "$") == false else {
        throw APIError(.badRequest, "$.currentlyDeployed must be false: a deployment can only be ended")
      }
      guard let deployed = try await store.undeploy(uuid: uuid) else {
        throw APIError(.notFound, "no deployed version with uuid \(uuid)")
      }
      return HAL.response(server.renderer(request).deployed(deployed))
    }
    router.get("/released-versions/:uuid") { request, context in
      let uuid = try request.name("uuid", context)
      guard let released = try await store.releasedVersion(uuid: uuid) else {
        throw APIError(.notFound, "no released version with uuid \(uuid)")
      }
      return HAL.response(server.renderer(request).released(released))
    }
    router.patch("/released-versions/:uuid") { request, context in
      let uuid = try request.name("uuid", context)
      let body = try await request.json(context, limit: 64 * 1024)
      guard try body.bool("currentlySupported", path: "$") == false else {
        throw APIError(.badRequest, "$.currentlySupported must be false: support can only be ended")
      }
      guard let released = try await store.endSupport(uuid: uuid) else {
        throw APIError(.notFound, "no released version with uuid \(uuid)")
      }
      return HAL.response(server.renderer(request).released(released))
    }
  }

  func existing(_ request: Request, _ context: BasicRequestContext) async throws -> AccordBroker.Environment {
    let uuid = try request.name("uuid", context)
    guard let environment = try await store.environment(uuid: uuid) else {
      throw APIError(.notFound, "no environment with uuid \(uuid); list them at /environments")
    }
    return environment
  }

  func environmentChange(_ request: Request, _ context: BasicRequestContext, uuid: String?) async throws
    -> EnvironmentChange
  {
    try EnvironmentChange(json: try await request.json(context, limit: 64 * 1024), uuid: uuid)
  }
}
