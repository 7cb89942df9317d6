import AccordBroker
import AccordModel
import Foundation
import Hummingbird

/// A service's pages: its neighbours, versions, deployments and whether it can deploy; the fields of it that its
/// consumers use.
extension WebRoutes {
  /// A pacticipant: its consumers and providers as a graph (one hop; `?hops=2` for two), its contracts with their
  /// status, its latest versions with branches, tags and where they are deployed, and can-i-deploy of its latest
  /// version to each environment.
  func pacticipantPage(_ name: String, _ request: Request) async throws -> Response {
    guard let pacticipant = try await store.pacticipant(named: name) else {
      throw APIError(.notFound, "no pacticipant named \(PrintSafe.quoted(name)); see the list at /ui/pacticipants")
    }
    let hops = request.queryItems.first { $0.name == "hops" }?.value == "2" ? 2 : 1
    let integrations = try await IntegrationOverview(store: store).integrations()
    var near: Set<String> = [name]
    for _ in 0..<hops {
      let reached = integrations.filter { near.contains($0.consumer) || near.contains($0.provider) }
      for entry in reached {
        near.insert(entry.consumer)
        near.insert(entry.provider)
      }
    }
    let shown = integrations.filter { near.contains($0.consumer) && near.contains($0.provider) }
    let kinds = try await server.pactKinds.kinds(of: shown.map(\.pact.sha), store: store)
    let graph = DependencyGraph(
      nodes: [name],
      edges: shown.map { entry in
        DependencyGraph.Edge(
          consumer: entry.consumer, provider: entry.provider, status: Self.graphStatus(entry.state),
          kind: kinds[entry.pact.sha] ?? .http, href: Self.url("contracts", entry.provider, entry.consumer),
          detail: entry.explanation)
      })
    let now = Date()
    func contract(_ entry: IntegrationOverview.Entry, other: String) -> [String: Any] {
      let pact = entry.pact
      var row: [String: Any] = [
        "other": other, "otherURL": Self.url("pacticipants", other), "version": pact.consumerVersion.number,
        "versionURL": Self.url("contracts", entry.provider, entry.consumer, "version", pact.consumerVersion.number),
        "published": Self.ago(pact.createdAt, now: now), "publishedAt": Self.utc(pact.createdAt),
        "state": entry.state.rawValue, "stateText": entry.state.text, "icon": Self.icon(entry.state),
        "explanation": entry.explanation,
      ]
      if let verification = entry.deciding ?? entry.latest {
        row["verifiedBy"] = verification.providerVersion.number
        row["verifiedBranch"] = verification.providerVersion.branches.joined(separator: ", ")
      }
      return row
    }
    let asConsumer = integrations.filter { $0.consumer == name }.map { contract($0, other: $0.provider) }
    let asProvider = integrations.filter { $0.provider == name }.map { contract($0, other: $0.consumer) }

    // Where each version is: deployed or released, per environment.
    let environments = try await store.environments()
    var places: [Int64: [String]] = [:]
    for environment in environments {
      for deployed in try await store.deployedVersions(environmentID: environment.id, pacticipant: name) {
        places[deployed.version.id, default: []].append(
          "deployed to \(environment.name)" + (deployed.applicationInstance.map { " (\($0))" } ?? ""))
      }
      for released in try await store.releasedVersions(environmentID: environment.id, pacticipant: name) {
        places[released.version.id, default: []].append("released in \(environment.name)")
      }
    }
    let versions = try await store.versions(of: name, limit: 25)
    let versionRows = versions.map { version -> [String: Any] in
      [
        "number": version.number, "branches": version.branches.joined(separator: ", "),
        "tags": version.tags.joined(separator: ", "), "created": Self.ago(version.createdAt, now: now),
        "createdAt": Self.utc(version.createdAt), "places": (places[version.id] ?? []).joined(separator: "; "),
        "canIDeploy": Self.canIDeployURL(name, version.number, environments.first?.name ?? "production"),
      ]
    }
    // can-i-deploy of the latest version on the main branch (or the latest) to each environment.
    let candidate =
      versions.first { version in pacticipant.mainBranch.map { version.branches.contains($0) } ?? false }
      ?? versions.first
    var deployability: [[String: Any]] = []
    if let candidate {
      for environment in environments {
        let answer = try await CanIDeploy(store: store).ask(
          pacticipant: name, version: candidate.number, to: .environment(environment.name))
        deployability.append([
          "environment": environment.name,
          "status": answer.deployable == true ? "verified" : answer.deployable == false ? "failed" : "unverified",
          "text": answer.deployable == true ? "yes" : answer.deployable == false ? "no" : "unknown",
          "reason": answer.headline,
          "url": Self.canIDeployURL(name, candidate.number, environment.name),
        ])
      }
    }
    var context: [String: Any] = [
      "name": name, "mainBranch": pacticipant.mainBranch ?? "not set",
      "svg": graph.svg(focus: name) { Self.url("pacticipants", $0) }, "legend": DependencyGraph.legend,
      "hops": hops, "oneHop": Self.url("pacticipants", name), "twoHops": Self.url("pacticipants", name) + "?hops=2",
      "graphURL": "/ui/graph?focus=" + BrokerURLs.segment(name),
      "asConsumer": asConsumer, "asProvider": asProvider, "provides": !asProvider.isEmpty,
      "contracts": !(asConsumer.isEmpty && asProvider.isEmpty), "versions": versionRows,
      "deployability": deployability, "usageURL": Self.url("pacticipants", name, "fields"),
    ]
    if let candidate { context["candidate"] = candidate.number }
    return page(name, "pacticipant", context)
  }

  static func canIDeployURL(_ pacticipant: String, _ version: String, _ environment: String) -> String {
    "/ui/can-i-deploy?pacticipant=\(BrokerURLs.segment(pacticipant))&version=\(BrokerURLs.segment(version))"
      + "&environment=\(BrokerURLs.segment(environment))"
  }

  /// Which fields of a provider's responses and messages its consumers rely on, and which none does.
  func fieldUsagePage(_ provider: String) async throws -> Response {
    guard try await store.pacticipant(named: provider) != nil else {
      throw APIError(.notFound, "no pacticipant named \(PrintSafe.quoted(provider)); see the list at /ui/pacticipants")
    }
    let usage = try await FieldUsage.of(provider: provider, store: store)
    let fields = usage.fields.map { field -> [String: Any] in
      [
        "endpoint": field.endpoint.text, "path": field.path,
        "consumers": field.consumers.map { consumer -> [String: Any] in
          [
            "name": consumer.name, "version": consumer.version, "reasons": consumer.reasons.joined(separator: "; "),
            "url": Self.url("contracts", provider, consumer.name),
          ]
        },
      ]
    }
    return page(
      "Fields of \(provider) its consumers use", "fields",
      [
        "provider": provider, "providerURL": Self.url("pacticipants", provider), "fields": fields,
        "unused": usage.unused.map { ["endpoint": $0.endpoint.text, "path": $0.path] },
        "hasUnused": !usage.unused.isEmpty,
        "unobserved": usage.unobserved.map(\.text), "json": "/pacticipants/\(BrokerURLs.segment(provider))/field-usage",
      ])
  }
}
