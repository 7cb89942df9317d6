import AccordBroker
import AccordModel
import Foundation
import Hummingbird

/// Pacticipants, their versions and tags (branches: ``BranchRoutes``), and recording a version's deployment or release.
struct PacticipantRoutes {
  let server: BrokerServer
  var store: any BrokerStore { server.store }

  func add(to router: Router<BasicRequestContext>) {
    router.get("/pacticipants") { request, _ in
      let renderer = server.renderer(request)
      let all = try await store.pacticipants()
      var rendered: [JSONValue] = []
      for pacticipant in all {
        let latest = try await store.latestVersion(of: pacticipant.name, branch: nil, tag: nil)
        rendered.append(renderer.pacticipant(pacticipant, latest: latest))
      }
      return HAL.response([
        "pacticipants": .array(rendered),
        "_embedded": ["pacticipants": .array(rendered)],
        "_links": [
          "self": HAL.link(renderer.urls.pacticipants),
          "pacticipants": .array(all.map { HAL.link(renderer.urls.pacticipant($0.name), title: $0.name) }),
        ],
      ])
    }
    router.get("/pacticipants/label/:label") { request, context in
      let label = try request.name("label", context)
      let renderer = server.renderer(request)
      let labelled = try await store.pacticipants(labelled: label)
      let rendered = labelled.map { renderer.pacticipant($0) }
      return HAL.response([
        "_embedded": ["pacticipants": .array(rendered)],
        "_links": [
          "self": HAL.link(renderer.urls.pacticipants + "/label/" + BrokerURLs.segment(label)),
          "pacticipants": .array(labelled.map { HAL.link(renderer.urls.pacticipant($0.name), title: $0.name) }),
        ],
      ])
    }
    router.get("/pacticipants/:pacticipant/labels/:label") { request, context in
      let (pacticipant, label) = try labelNames(request, context)
      guard try await store.pacticipant(named: pacticipant)?.labels.contains(label) == true else {
        throw APIError(.notFound, "\(PrintSafe.quoted(pacticipant)) has no label \(PrintSafe.quoted(label))")
      }
      return HAL.response(server.renderer(request).label(pacticipant, label))
    }
    router.put("/pacticipants/:pacticipant/labels/:label") { request, context in
      let (pacticipant, label) = try labelNames(request, context)
      let created = try await store.addLabel(label, to: pacticipant)
      let renderer = server.renderer(request)
      return HAL.response(
        renderer.label(pacticipant, label), status: created ? .created : .ok,
        location: created ? renderer.urls.label(pacticipant, label) : nil)
    }
    router.delete("/pacticipants/:pacticipant/labels/:label") { request, context in
      let (pacticipant, label) = try labelNames(request, context)
      guard try await store.removeLabel(label, from: pacticipant) else {
        throw APIError(.notFound, "\(PrintSafe.quoted(pacticipant)) has no label \(PrintSafe.quoted(label))")
      }
      return Response(status: .noContent)
    }
    router.post("/pacticipants") { request, context in
      let body = try await request.json(context, limit: 64 * 1024)
      guard let name = try body.string("name", path: "$") else {
        throw APIError(.badRequest, "$.name is missing; give the pacticipant's name")
      }
      return try await save(name, body, request, created: .created)
    }
    for method in [HTTPRequest.Method.put, .patch] {
      router.on("/pacticipants/:pacticipant", method: method) { request, context in
        let name = try request.name("pacticipant", context)
        let body = try await request.json(context, limit: 64 * 1024)
        return try await save(name, body, request, created: .created)
      }
    }
    router.get("/pacticipants/:pacticipant") { request, context in
      let name = try request.name("pacticipant", context)
      let pacticipant = try await existing(name)
      let latest = try await store.latestVersion(of: name, branch: nil, tag: nil)
      return HAL.response(server.renderer(request).pacticipant(pacticipant, latest: latest))
    }
    router.get("/pacticipants/:pacticipant/versions") { request, context in
      let name = try request.name("pacticipant", context)
      _ = try await existing(name)
      let renderer = server.renderer(request)
      let versions = try await store.versions(of: name, limit: 100)
      return HAL.response([
        "_embedded": ["versions": .array(versions.map { renderer.version($0) })],
        "_links": ["self": HAL.link(renderer.urls.versions(name))],
      ])
    }
    router.get("/pacticipants/:pacticipant/versions/:version") { request, context in
      let name = try request.name("pacticipant", context)
      let number = try request.name("version", context, what: "the version in the path")
      guard let version = try await store.version(of: name, number: number) else {
        throw APIError(.notFound, "\(name) version \(number) is unknown to the broker; publish or record it first")
      }
      return try await renderVersion(version, request)
    }
    router.put("/pacticipants/:pacticipant/versions/:version") { request, context in
      let name = try request.name("pacticipant", context)
      let number = try request.name("version", context, what: "the version in the path")
      let body = try await optionalJSON(request, context)
      let existed = try await store.version(of: name, number: number) != nil
      let version = try await store.saveVersion(
        VersionChange(
          pacticipant: name, number: number, branch: try body.string("branch", path: "$"),
          buildURL: try body.string("buildUrl", path: "$")))
      return HAL.response(server.renderer(request).version(version), status: existed ? .ok : .created)
    }
    router.get("/pacticipants/:pacticipant/latest-version") { request, context in
      try await latest(request, context, branch: nil, tag: nil)
    }
    router.get("/pacticipants/:pacticipant/latest-version/:tag") { request, context in
      try await latest(request, context, branch: nil, tag: try request.name("tag", context))
    }
    router.get("/pacticipants/:pacticipant/branches/:branch/latest-version") { request, context in
      try await latest(request, context, branch: try request.name("branch", context), tag: nil)
    }
    router.put("/pacticipants/:pacticipant/versions/:version/tags/:tag") { request, context in
      let name = try request.name("pacticipant", context)
      let number = try request.name("version", context, what: "the version in the path")
      let tag = try request.name("tag", context)
      let existed = try await store.version(of: name, number: number)?.tags.contains(tag) ?? false
      _ = try await store.saveVersion(VersionChange(pacticipant: name, number: number, tags: [tag]))
      let urls = server.urls(request)
      return HAL.response(
        [
          "name": .string(tag),
          "_links": [
            "self": HAL.link(urls.tag(name, number, tag), title: "Tag", name: tag),
            "version": HAL.link(urls.version(name, number), title: "Version", name: number),
          ],
        ], status: existed ? .ok : .created)
    }
    router.delete("/pacticipants/:pacticipant/versions/:version/tags/:tag") { request, context in
      let name = try request.name("pacticipant", context)
      let number = try request.name("version", context, what: "the version in the path")
      let tag = try request.name("tag", context)
      guard try await store.deleteTag(tag, of: name, number: number) else {
        throw APIError(.notFound, "\(name) version \(number) has no tag \(tag)")
      }
      return Response(status: .noContent)
    }
    let deployments = Deployments(store: store)
    router.post("/pacticipants/:pacticipant/versions/:version/deployed-versions/environment/:environment") {
      request, context in
      let (name, number, environment) = try versionAndEnvironment(request, context)
      let body = try await optionalJSON(request, context)
      let instance = try body.string("applicationInstance", path: "$") ?? body.string("target", path: "$")
      let deployed = try await deployments.deploy(name, number, to: environment, instance: instance)
      return HAL.response(server.renderer(request).deployed(deployed), status: .created)
    }
    router.post("/pacticipants/:pacticipant/versions/:version/released-versions/environment/:environment") {
      request, context in
      let (name, number, environment) = try versionAndEnvironment(request, context)
      let released = try await deployments.release(name, number, into: environment)
      return HAL.response(server.renderer(request).released(released), status: .created)
    }
  }

  func existing(_ name: String) async throws -> Pacticipant {
    guard let pacticipant = try await store.pacticipant(named: name) else {
      throw APIError(
        .notFound, "no pacticipant named \(PrintSafe.quoted(name)); check the name, or publish its contracts first")
    }
    return pacticipant
  }

  func save(_ name: String, _ body: JSONValue, _ request: Request, created: HTTPResponse.Status) async throws
    -> Response
  {
    let change = try PacticipantChange(json: body, name: name)
    let existed = try await store.pacticipant(named: name) != nil
    let pacticipant = try await store.savePacticipant(change)
    let latest = try await store.latestVersion(of: name, branch: nil, tag: nil)
    return HAL.response(
      server.renderer(request).pacticipant(pacticipant, latest: latest), status: existed ? .ok : created)
  }

  func renderVersion(_ version: Version, _ request: Request) async throws -> Response {
    let environments = try await store.environments()
    let deployments = try await store.deployments(versionID: version.id)
    let releases = try await store.releases(versionID: version.id)
    return HAL.response(
      server.renderer(request).version(
        version, environments: environments, deployments: deployments, releases: releases))
  }

  func latest(_ request: Request, _ context: BasicRequestContext, branch: String?, tag: String?) async throws
    -> Response
  {
    let name = try request.name("pacticipant", context)
    _ = try await existing(name)
    guard let version = try await store.latestVersion(of: name, branch: branch, tag: tag) else {
      let what = branch.map { " on branch \($0)" } ?? tag.map { " with tag \($0)" } ?? ""
      throw APIError(.notFound, "\(name) has no version\(what)")
    }
    return try await renderVersion(version, request)
  }

  /// The pacticipant, version number and environment uuid a deployment or release URL names.
  func versionAndEnvironment(_ request: Request, _ context: BasicRequestContext) throws
    -> (pacticipant: String, number: String, environment: String)
  {
    (
      try request.name("pacticipant", context), try request.name("version", context, what: "the version in the path"),
      try request.name("environment", context, what: "the environment uuid in the path")
    )
  }

  /// The body as JSON, or an empty object when there is none.
  func optionalJSON(_ request: Request, _ context: BasicRequestContext) async throws -> JSONValue {
    let length = request.headers[.contentLength].flatMap(Int.init)
    if length == 0 { return .object([:]) }
    do {
      return try await request.json(context, limit: 64 * 1024)
    } catch let error as APIError where error.message.contains("has no body") {
      return .object([:])
    }
  }

  func labelNames(_ request: Request, _ context: BasicRequestContext) throws -> (String, String) {
    (
      try request.name("pacticipant", context, what: "the pacticipant in the path"),
      try request.name("label", context, what: "the label in the path")
    )
  }
}
