import AccordBroker
import AccordModel
import Foundation
import Hummingbird

/// The home page, a table of integrations with what is broken first, and the list of services.
extension WebRoutes {
  /// Rows on one page of the index; more are paged.
  static let indexPageSize = 500

  /// One row per consumer → provider: failures first, then failures on a provider branch, then what is not
  /// verified, then what is. Filtered by `q` (a name, or part of one), `status` and `environment` (integrations of
  /// a service deployed or released there); `page` from 1.
  func indexPage(_ request: Request) async throws -> Response {
    let query = Dictionary(request.queryItems.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    let text = (query["q"] ?? "").trimmingCharacters(in: .whitespaces)
    let status = query["status"].flatMap(IntegrationOverview.State.init(rawValue:))
    let environment = query["environment"].flatMap { $0.isEmpty ? nil : $0 }
    let environments = try await store.environments()
    var problems: [String] = []
    if let value = query["status"], !value.isEmpty, status == nil {
      problems.append(
        "status \(PrintSafe.quoted(value)) is not one of "
          + IntegrationOverview.State.allCases.map(\.rawValue).joined(separator: ", "))
    }
    var inEnvironment: Set<String>?
    if let environment {
      if let found = environments.first(where: { $0.name == environment }) {
        var names = Set<String>()
        for deployed in try await store.deployedVersions(environmentID: found.id, pacticipant: nil) {
          names.insert(deployed.version.pacticipant)
        }
        for released in try await store.releasedVersions(environmentID: found.id, pacticipant: nil) {
          names.insert(released.version.pacticipant)
        }
        inEnvironment = names
      } else {
        problems.append("no environment named \(PrintSafe.quoted(environment)); pick one from the list")
        inEnvironment = []
      }
    }
    let all = try await IntegrationOverview(store: store).integrations()
    let needle = text.lowercased()
    let shown = all.filter { entry in
      (needle.isEmpty || entry.consumer.lowercased().contains(needle) || entry.provider.lowercased().contains(needle))
        && (status == nil || entry.state == status)
        && (inEnvironment.map { $0.contains(entry.consumer) || $0.contains(entry.provider) } ?? true)
    }
    let pages = max(1, (shown.count + Self.indexPageSize - 1) / Self.indexPageSize)
    let pageNumber = min(max(1, Int(query["page"] ?? "") ?? 1), pages)
    let now = Date()
    let rows = IntegrationRowsHTML.rows(
      shown.dropFirst((pageNumber - 1) * Self.indexPageSize).prefix(Self.indexPageSize), now: now)
    var counts: [[String: Any]] = IntegrationOverview.State.allCases.map { state in
      [
        "state": state.rawValue, "text": state.text, "icon": Self.icon(state),
        "count": all.filter { $0.state == state }.count,
        "url": "/?status=\(state.rawValue)",
      ]
    }
    counts = counts.filter { ($0["count"] as? Int ?? 0) > 0 }
    func link(_ page: Int) -> String {
      var items: [String] = []
      if !text.isEmpty { items.append("q=" + BrokerURLs.segment(text)) }
      if let status { items.append("status=" + status.rawValue) }
      if let environment { items.append("environment=" + BrokerURLs.segment(environment)) }
      items.append("page=\(page)")
      return "/?" + items.joined(separator: "&")
    }
    var context: [String: Any] = [
      "rows": rows, "hasRows": !shown.isEmpty, "total": all.count, "shownCount": shown.count,
      "filtered": shown.count != all.count,
      "counts": counts, "q": text,
      "statuses": IntegrationOverview.State.allCases.map { state in
        ["value": state.rawValue, "text": state.text, "selected": state == status]
      },
      "environments": environments.map { ["name": $0.name, "selected": $0.name == environment] },
      "problems": problems,
    ]
    if pages > 1 {
      context["paging"] = [
        "page": pageNumber, "pages": pages,
        "previous": pageNumber > 1 ? link(pageNumber - 1) : "",
        "next": pageNumber < pages ? link(pageNumber + 1) : "",
      ]
    }
    return page("Integrations", "index", context)
  }

  /// A status's icon: a shape, not only a colour.
  static func icon(_ state: IntegrationOverview.State) -> String {
    switch state {
    case .failed: "✘"
    case .failedOnBranch: "⚠"
    case .unverified: "?"
    case .verified: "✔"
    }
  }

  /// "3 min ago", "2 h ago", "5 days ago".
  static func ago(_ date: Date, now: Date) -> String {
    let seconds = max(0, Int(now.timeIntervalSince(date)))
    switch seconds {
    case ..<60: return "just now"
    case ..<3600: return "\(seconds / 60) min ago"
    case ..<86_400: return "\(seconds / 3600) h ago"
    case ..<(86_400 * 60): return "\(seconds / 86_400) day\(seconds / 86_400 == 1 ? "" : "s") ago"
    default: return "\(seconds / (86_400 * 30)) months ago"
    }
  }

  /// "2026-12-07 19:30:05 UTC": absolute, with its zone.
  static func utc(_ date: Date) -> String { clock(date, separator: " ", zone: " UTC") }

  /// "2026-12-07T19:30:05Z", for `<time datetime>`.
  static func iso(_ date: Date) -> String { clock(date, separator: "T", zone: "Z") }

  /// The civil date and time in UTC by arithmetic on days (H. Hinnant's `civil_from_days`): a page of 500 rows
  /// formats 2,000 of them, where a `Calendar` per call cost milliseconds.
  static func clock(_ date: Date, separator: String, zone: String) -> String {
    let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let time = seconds - days * 86_400
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shifted = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shifted + 2) / 5 + 1
    let month = shifted < 10 ? shifted + 3 : shifted - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : String(value) }
    return "\(year)-\(two(month))-\(two(day))\(separator)\(two(time / 3600)):\(two(time % 3600 / 60)):"
      + "\(two(time % 60))\(zone)"
  }

  /// Every pacticipant with its latest version, branches and where it is deployed.
  func pacticipantsPage() async throws -> Response {
    let pacticipants = try await store.pacticipants()
    let latestPacts = try await store.latestPacts()
    let environments = try await store.environments()
    var places: [String: [String]] = [:]
    for environment in environments {
      for deployed in try await store.deployedVersions(environmentID: environment.id, pacticipant: nil) {
        places[deployed.version.pacticipant, default: []].append("\(environment.name) \(deployed.version.number)")
      }
      for released in try await store.releasedVersions(environmentID: environment.id, pacticipant: nil) {
        places[released.version.pacticipant, default: []].append(
          "\(environment.name) \(released.version.number) (released)")
      }
    }
    let latestVersions = try await store.latestVersions(of: pacticipants.map(\.name))
    let now = Date()
    let rows = pacticipants.map { pacticipant -> [String: Any] in
      let latest = latestVersions[pacticipant.name]
      return [
        "name": pacticipant.name, "url": Self.url("pacticipants", pacticipant.name),
        "latest": latest?.number ?? "—", "branches": latest?.branches.joined(separator: ", ") ?? "",
        "created": latest.map { Self.ago($0.createdAt, now: now) } ?? "",
        "createdAt": latest.map { Self.utc($0.createdAt) } ?? "",
        "mainBranch": pacticipant.mainBranch ?? "—",
        "environments": (places[pacticipant.name] ?? []).joined(separator: ", "),
      ]
    }
    return page(
      "Pacticipants", "pacticipants",
      ["pacticipants": rows, "pacticipantCount": rows.count, "contracts": latestPacts.count])
  }
}
