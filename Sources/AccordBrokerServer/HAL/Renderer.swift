import AccordBroker
import AccordModel
import Foundation

/// Domain values as the Pact Broker's HAL documents: the same fields and relations, so Pact clients read them.
struct Renderer: Sendable {
  let urls: BrokerURLs

  func pacticipant(_ pacticipant: Pacticipant, latest: Version? = nil) -> JSONValue {
    let name = pacticipant.name
    var members: JSONObject = [
      "name": .string(name),
      "displayName": .string(pacticipant.displayName ?? name),
      "createdAt": HAL.date(pacticipant.createdAt),
      "updatedAt": HAL.date(pacticipant.updatedAt),
      "_links": [
        "self": HAL.link(urls.pacticipant(name), title: name),
        "pb:versions": HAL.link(urls.versions(name)),
        "versions": HAL.link(urls.versions(name)),
        "pb:version": HAL.link(urls.pacticipant(name) + "/versions/{version}", templated: true),
        "pb:version-tag": HAL.link(urls.pacticipant(name) + "/versions/{version}/tags/{tag}", templated: true),
        "pb:branches": HAL.link(urls.pacticipant(name) + "/branches", title: "Branches of \(name)"),
        "pb:branch-version": HAL.link(
          urls.pacticipant(name) + "/branches/{branch}/versions/{version}", templated: true),
        "pb:latest-version": HAL.link(urls.pacticipant(name) + "/latest-version"),
        "pb:label": HAL.link(urls.pacticipant(name) + "/labels/{label}", templated: true),
        "pb:can-i-deploy": HAL.link(
          urls.base
            + "/can-i-deploy?pacticipant=\(BrokerURLs.segment(name))&version={version}&environment={environment}",
          templated: true),
      ],
    ]
    if let main = pacticipant.mainBranch { members["mainBranch"] = .string(main) }
    if let url = pacticipant.repositoryURL { members["repositoryUrl"] = .string(url) }
    var embedded: JSONObject = ["labels": .array(pacticipant.labels.map { label(name, $0) })]
    if let latest { embedded["latest-version"] = version(latest) }
    members["_embedded"] = .object(embedded)
    members["labels"] = .array(pacticipant.labels.map(JSONValue.string))
    return .object(members)
  }

  /// A pacticipant's label, as the Pact Broker's label resource.
  func label(_ pacticipant: String, _ label: String) -> JSONValue {
    [
      "name": .string(label),
      "_links": [
        "self": HAL.link(urls.label(pacticipant, label), title: "Label", name: label),
        "pb:pacticipant": HAL.link(urls.pacticipant(pacticipant), title: pacticipant),
      ],
    ]
  }

  /// A version; with `environments`, the `pb:record-deployment` and `pb:record-release` links (one per
  /// environment, named after it) that the Pact clients follow to record a deployment.
  func version(
    _ version: Version, environments: [Environment] = [], deployments: [DeployedVersion] = [],
    releases: [ReleasedVersion] = []
  ) -> JSONValue {
    let name = version.pacticipant
    var links: JSONObject = [
      "self": HAL.link(urls.version(name, version.number), title: "Version", name: version.number),
      "pb:pacticipant": HAL.link(urls.pacticipant(name), title: name),
      "pb:tag": HAL.link(urls.version(name, version.number) + "/tags/{tag}", templated: true),
    ]
    if !environments.isEmpty {
      links["pb:record-deployment"] = .array(
        environments.map { environment in
          HAL.link(
            urls.recordDeployment(name, version.number, environment: environment.uuid),
            title: "Record deployment to \(environment.displayName ?? environment.name)", name: environment.name)
        })
      links["pb:record-release"] = .array(
        environments.map { environment in
          HAL.link(
            urls.recordRelease(name, version.number, environment: environment.uuid),
            title: "Record release to \(environment.displayName ?? environment.name)", name: environment.name)
        })
    }
    var members: JSONObject = [
      "number": .string(version.number),
      "createdAt": HAL.date(version.createdAt),
      "_links": .object(links),
    ]
    if let buildURL = version.buildURL { members["buildUrl"] = .string(buildURL) }
    var embedded: JSONObject = [
      "branchVersions": .array(
        version.branches.map { branch in
          [
            "name": .string(branch),
            "_links": ["self": HAL.link(urls.branchVersion(name, branch, version.number), title: "Branch version")],
          ]
        }),
      "tags": .array(
        version.tags.map { tag in
          ["name": .string(tag), "_links": ["self": HAL.link(urls.tag(name, version.number, tag), title: "Tag")]]
        }),
    ]
    if !deployments.isEmpty { embedded["deployedVersions"] = .array(deployments.map { deployed($0) }) }
    if !releases.isEmpty { embedded["releasedVersions"] = .array(releases.map { released($0) }) }
    members["_embedded"] = .object(embedded)
    return .object(members)
  }

  func environment(_ environment: Environment) -> JSONValue {
    var members: JSONObject = [
      "uuid": .string(environment.uuid),
      "name": .string(environment.name),
      "displayName": .string(environment.displayName ?? environment.name),
      "production": .bool(environment.production),
      "contacts": environment.contacts ?? .array([]),
      "createdAt": HAL.date(environment.createdAt),
      "_links": [
        "self": HAL.link(urls.environment(environment.uuid), title: "Environment", name: environment.name),
        "pb:currently-deployed-deployed-versions": HAL.link(
          urls.environment(environment.uuid) + "/deployed-versions/currently-deployed",
          title: "Versions currently deployed to \(environment.name)"),
        "pb:currently-supported-released-versions": HAL.link(
          urls.environment(environment.uuid) + "/released-versions/currently-supported",
          title: "Versions released and supported in \(environment.name)"),
        "pb:environments": HAL.link(urls.environments, title: "Environments"),
      ],
    ]
    if environment.displayName == nil { members["displayName"] = .string(environment.name) }
    return .object(members)
  }

  func deployed(_ deployed: DeployedVersion) -> JSONValue {
    var members: JSONObject = [
      "uuid": .string(deployed.uuid),
      "currentlyDeployed": .bool(deployed.currentlyDeployed),
      "target": deployed.applicationInstance.map(JSONValue.string) ?? .null,
      "applicationInstance": deployed.applicationInstance.map(JSONValue.string) ?? .null,
      "createdAt": HAL.date(deployed.createdAt),
      "_embedded": [
        "version": versionSummary(deployed.version),
        "environment": environmentSummary(deployed.environment),
        "pacticipant": ["name": .string(deployed.version.pacticipant)],
      ],
      "_links": ["self": HAL.link(urls.deployedVersion(deployed.uuid), title: "Deployed version")],
    ]
    if let undeployed = deployed.undeployedAt { members["undeployedAt"] = HAL.date(undeployed) }
    return .object(members)
  }

  func released(_ released: ReleasedVersion) -> JSONValue {
    var members: JSONObject = [
      "uuid": .string(released.uuid),
      "currentlySupported": .bool(released.currentlySupported),
      "createdAt": HAL.date(released.createdAt),
      "_embedded": [
        "version": versionSummary(released.version),
        "environment": environmentSummary(released.environment),
        "pacticipant": ["name": .string(released.version.pacticipant)],
      ],
      "_links": ["self": HAL.link(urls.releasedVersion(released.uuid), title: "Released version")],
    ]
    if let ended = released.supportEndedAt { members["supportEndedAt"] = HAL.date(ended) }
    return .object(members)
  }

  func versionSummary(_ version: Version) -> JSONValue {
    [
      "number": .string(version.number),
      "branch": version.branches.last.map(JSONValue.string) ?? .null,
      "_links": ["self": HAL.link(urls.version(version.pacticipant, version.number))],
    ]
  }

  func environmentSummary(_ environment: Environment) -> JSONValue {
    [
      "uuid": .string(environment.uuid), "name": .string(environment.name),
      "displayName": .string(environment.displayName ?? environment.name),
      "production": .bool(environment.production),
      "_links": ["self": HAL.link(urls.environment(environment.uuid))],
    ]
  }

  func verification(_ verification: Verification) -> JSONValue {
    var members: JSONObject = [
      "providerName": .string(verification.provider),
      "providerApplicationVersion": .string(verification.providerVersion.number),
      "success": .bool(verification.success),
      "verificationDate": HAL.date(verification.executedAt),
      "_links": [
        "self": HAL.link(
          urls.verification(
            provider: verification.provider, consumer: verification.consumer, sha: verification.sha,
            number: verification.number), title: "Verification result"),
        "pb:pact-version": HAL.link(
          urls.pactVersion(provider: verification.provider, consumer: verification.consumer, sha: verification.sha),
          title: "Pact"),
        "pb:provider-version": HAL.link(
          urls.version(verification.provider, verification.providerVersion.number),
          title: "Provider version", name: verification.providerVersion.number),
      ],
    ]
    if let buildURL = verification.buildURL { members["buildUrl"] = .string(buildURL) }
    if let testResults = verification.testResults { members["testResults"] = testResults }
    if let verifiedBy = verification.verifiedBy { members["verifiedBy"] = verifiedBy }
    return .object(members)
  }

  /// The pact content as published, with the broker's `_links` (the verifier publishes results to
  /// `pb:publish-verification-results`).
  func pact(_ content: JSONValue, _ pact: StoredPact) -> JSONValue {
    guard case .object(var members) = content else { return content }
    let (provider, consumer, number) = (pact.provider, pact.consumer, pact.consumerVersion.number)
    members["createdAt"] = HAL.date(pact.createdAt)
    members["_links"] = [
      "self": HAL.link(
        urls.pact(provider: provider, consumer: consumer, version: number),
        title: "Pact", name: "Pact between \(consumer) (\(number)) and \(provider)"),
      "pb:consumer": HAL.link(urls.pacticipant(consumer), title: "Consumer", name: consumer),
      "pb:consumer-version": HAL.link(urls.version(consumer, number), title: "Consumer version", name: number),
      "pb:provider": HAL.link(urls.pacticipant(provider), title: "Provider", name: provider),
      "pb:pact-version": HAL.link(urls.pactVersion(provider: provider, consumer: consumer, sha: pact.sha)),
      "pb:latest-pact-version": HAL.link(urls.latestPact(provider: provider, consumer: consumer)),
      "pb:publish-verification-results": HAL.link(
        urls.verificationResults(provider: provider, consumer: consumer, sha: pact.sha),
        title: "Publish verification results"),
      "pb:latest-verification-results": HAL.link(
        urls.verificationResults(provider: provider, consumer: consumer, sha: pact.sha) + "/latest"),
    ]
    return .object(members)
  }

  /// A pact in a list: names, consumer version, and where to get it.
  /// A pact in a list. With `latest` (`GET /pacts/latest`), `self` is two links, as the Pact Broker gives them: the
  /// latest pact's URL and the consumer version's.
  func pactSummary(_ pact: StoredPact, latest: Bool = false) -> JSONValue {
    let (provider, consumer, number) = (pact.provider, pact.consumer, pact.consumerVersion.number)
    let versionLink = HAL.link(
      urls.pact(provider: provider, consumer: consumer, version: number), title: "Pact",
      name: "Pact between \(consumer) (\(number)) and \(provider)")
    let selfLink: JSONValue =
      latest
      ? [HAL.link(urls.latestPact(provider: provider, consumer: consumer), title: "Latest pact"), versionLink]
      : versionLink
    return [
      "createdAt": HAL.date(pact.createdAt),
      "_embedded": [
        "consumer": [
          "name": .string(consumer),
          "_links": ["self": HAL.link(urls.pacticipant(consumer))],
          "_embedded": ["version": ["number": .string(number)]],
        ],
        "provider": ["name": .string(provider), "_links": ["self": HAL.link(urls.pacticipant(provider))]],
      ],
      "_links": [
        "self": selfLink,
        "pb:pact-version": HAL.link(urls.pactVersion(provider: provider, consumer: consumer, sha: pact.sha)),
      ],
    ]
  }
}
