import AccordBroker
import AccordModel

/// Branches as the Pact Broker renders them.
extension Renderer {
  func branch(_ branch: Branch) -> JSONValue {
    let url = urls.branch(branch.pacticipant, branch.name)
    return [
      "name": .string(branch.name),
      "createdAt": HAL.date(branch.createdAt),
      "updatedAt": HAL.date(branch.updatedAt),
      "_links": [
        "self": HAL.link(url, title: "Branch", name: branch.name),
        "pb:latest-version": HAL.link(url + "/versions?pageSize=1", title: "Latest version for branch"),
        "pb:versions": HAL.link(url + "/versions", title: "Versions on branch \(branch.name)"),
        "pb:pacticipant": HAL.link(urls.pacticipant(branch.pacticipant), title: branch.pacticipant),
      ],
    ]
  }

  /// A version as seen from one of its branches (`/pacticipants/{p}/branches/{b}/versions/{v}`).
  func branchVersion(_ version: Version, branch: String) -> JSONValue {
    [
      "name": .string(branch),
      "_embedded": ["version": versionSummary(version)],
      "_links": [
        "self": HAL.link(urls.branchVersion(version.pacticipant, branch, version.number), title: "Branch version"),
        "pb:branch": HAL.link(urls.branch(version.pacticipant, branch), title: "Branch", name: branch),
        "pb:version": HAL.link(urls.version(version.pacticipant, version.number), title: "Version"),
      ],
    ]
  }
}
