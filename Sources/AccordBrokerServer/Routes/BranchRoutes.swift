import AccordBroker
import AccordModel
import Hummingbird

/// A pacticipant's branches: list them, read one and its versions, put a version on one, delete one (the
/// versions stay), as the Pact Broker's `pb:pacticipant-branch` and `pb:pacticipant-branch-version` relations.
struct BranchRoutes {
  let server: BrokerServer
  var store: any BrokerStore { server.store }

  /// Versions in one answer when the client does not say (`?pageSize=`), and at most.
  static let defaultPageSize = 100
  static let maximumPageSize = 1000

  func add(to router: Router<BasicRequestContext>) {
    router.get("/pacticipants/:pacticipant/branches") { request, context in
      let name = try request.name("pacticipant", context)
      _ = try await PacticipantRoutes(server: server).existing(name)
      let renderer = server.renderer(request)
      let urls = renderer.urls
      let branches = try await store.branches(of: name)
      return HAL.response([
        "_embedded": ["branches": .array(branches.map { renderer.branch($0) })],
        "_links": [
          "self": HAL.link(urls.pacticipant(name) + "/branches", title: "\(name) branches"),
          "pb:branches": .array(branches.map { HAL.link(urls.branch(name, $0.name), name: $0.name) }),
          "pb:pacticipant": HAL.link(urls.pacticipant(name), title: name),
        ],
      ])
    }
    router.get("/pacticipants/:pacticipant/branches/:branch") { request, context in
      let (name, branch) = try names(request, context)
      return HAL.response(server.renderer(request).branch(try await existing(branch, of: name)))
    }
    router.delete("/pacticipants/:pacticipant/branches/:branch") { request, context in
      let (name, branch) = try names(request, context)
      guard try await store.deleteBranch(branch, of: name) else { throw Self.noBranch(branch, of: name) }
      return Response(status: .noContent)
    }
    router.get("/pacticipants/:pacticipant/branches/:branch/versions") { request, context in
      let (name, branch) = try names(request, context)
      _ = try await existing(branch, of: name)
      let size = try Self.pageSize(request)
      let renderer = server.renderer(request)
      let versions = try await store.versions(of: name, branch: branch, limit: size)
      let url = renderer.urls.branch(name, branch) + "/versions"
      return HAL.response([
        "_embedded": ["versions": .array(versions.map { renderer.version($0) })],
        "_links": [
          "self": HAL.link(url, title: "Versions for branch \(branch) of \(name)"),
          "pb:branch": HAL.link(renderer.urls.branch(name, branch), title: "Branch", name: branch),
        ],
      ])
    }
    router.get("/pacticipants/:pacticipant/branches/:branch/versions/:version") { request, context in
      let (name, branch) = try names(request, context)
      let number = try request.name("version", context, what: "the version in the path")
      guard let version = try await store.version(of: name, number: number), version.branches.contains(branch) else {
        throw APIError(
          .notFound,
          "\(PrintSafe.quoted(name)) version \(PrintSafe.quoted(number)) is not on branch \(PrintSafe.quoted(branch)); "
            + "put it there with PUT on this URL, or publish it with --branch")
      }
      return HAL.response(server.renderer(request).branchVersion(version, branch: branch))
    }
    router.put("/pacticipants/:pacticipant/branches/:branch/versions/:version") { request, context in
      let (name, branch) = try names(request, context)
      let number = try request.name("version", context, what: "the version in the path")
      let existed = try await store.version(of: name, number: number)?.branches.contains(branch) ?? false
      let version = try await store.saveVersion(VersionChange(pacticipant: name, number: number, branch: branch))
      return HAL.response(
        server.renderer(request).branchVersion(version, branch: branch), status: existed ? .ok : .created)
    }
  }

  func names(_ request: Request, _ context: BasicRequestContext) throws -> (pacticipant: String, branch: String) {
    (try request.name("pacticipant", context), try request.name("branch", context))
  }

  func existing(_ branch: String, of pacticipant: String) async throws -> Branch {
    guard let found = try await store.branches(of: pacticipant).first(where: { $0.name == branch }) else {
      throw Self.noBranch(branch, of: pacticipant)
    }
    return found
  }

  static func noBranch(_ branch: String, of pacticipant: String) -> APIError {
    APIError(
      .notFound,
      "\(PrintSafe.quoted(pacticipant)) has no branch \(PrintSafe.quoted(branch)); list its branches at "
        + "/pacticipants/\(BrokerURLs.segment(pacticipant))/branches")
  }

  /// `?pageSize=N`: 1 to ``maximumPageSize``, ``defaultPageSize`` when absent.
  static func pageSize(_ request: Request) throws -> Int {
    guard let text = request.query("pageSize") else { return defaultPageSize }
    guard let size = Int(text), (1...maximumPageSize).contains(size) else {
      throw APIError(
        .badRequest, "the query parameter pageSize must be a whole number from 1 to \(maximumPageSize)")
    }
    return size
  }
}
