import AccordBroker
import AccordModel
import Foundation
import Hummingbird

/// A contract's pages: one version of it (the latest by default), its history, and what changed between two
/// versions.
extension WebRoutes {
  /// Versions listed in a contract's history.
  static let historyLimit = 50

  /// The contract `consumer` → `provider` at a consumer version (the latest when `nil`), with its history.
  func contractPage(provider: String, consumer: String, version: String?, urls: BrokerURLs) async throws -> Response {
    let history = try await store.pacts(provider: provider, consumer: consumer, query: .all)
    let pact: StoredPact?
    if let version {
      pact = try await store.pact(provider: provider, consumer: consumer, consumerVersion: version)
    } else {
      pact = history.first
    }
    guard let pact, let content = try await store.content(sha: pact.sha) else {
      let what =
        version.map { "no pact of \(PrintSafe.quoted(consumer)) version \(PrintSafe.quoted($0))" }
        ?? "no pact"
      throw APIError(
        .notFound,
        "\(what) with \(PrintSafe.quoted(provider)); see the integrations at / or the history at "
          + Self.url("contracts", provider, consumer))
    }
    let view = ContractView(content)
    let latest = history.first
    let now = Date()
    let verifications = try await store.latestVerifications(shas: history.prefix(Self.historyLimit).map(\.sha))
    let versions = history.prefix(Self.historyLimit).enumerated().map { index, entry -> [String: Any] in
      var row: [String: Any] = [
        "number": entry.consumerVersion.number, "branch": entry.consumerVersion.branches.joined(separator: ", "),
        "url": Self.url("contracts", provider, consumer, "version", entry.consumerVersion.number),
        "published": Self.ago(entry.createdAt, now: now), "publishedAt": Self.utc(entry.createdAt),
        "current": entry.id == pact.id, "sha": String(entry.sha.prefix(8)),
      ]
      if index + 1 < history.count {
        let previous = history[index + 1]
        if previous.sha != entry.sha {
          row["diffURL"] = Self.diffURL(
            provider, consumer, from: previous.consumerVersion.number,
            to: entry.consumerVersion.number)
        } else {
          row["same"] = true
        }
      }
      if let verification = verifications[entry.sha] {
        row["status"] = verification.success ? "verified" : "failed"
        row["statusText"] = verification.success ? "verified" : "failed"
        row["verificationURL"] = Self.url("verifications", verification.sha, String(verification.number))
      } else {
        row["status"] = "unverified"
        row["statusText"] = "not verified"
      }
      return row
    }
    let pair = "/pacts/provider/\(BrokerURLs.segment(provider))/consumer/\(BrokerURLs.segment(consumer))"
    var context: [String: Any] = [
      "consumer": consumer, "provider": provider, "version": pact.consumerVersion.number,
      "branch": pact.consumerVersion.branches.joined(separator: ", "),
      "published": Self.ago(pact.createdAt, now: now), "publishedAt": Self.utc(pact.createdAt),
      "specification": view.specification, "interactions": view.interactions,
      "interactionCount": view.interactions.count,
      "consumerURL": Self.url("pacticipants", consumer), "providerURL": Self.url("pacticipants", provider),
      "raw": pair + "/version/" + BrokerURLs.segment(pact.consumerVersion.number),
      "badge": pair + "/latest/badge", "badgeURL": urls.base + pair + "/latest/badge",
      "versions": versions, "more": history.count > Self.historyLimit, "historyCount": history.count,
      "usageURL": Self.url("pacticipants", provider, "fields"),
    ]
    if let latest, latest.id != pact.id {
      context["notLatest"] = [
        "number": latest.consumerVersion.number, "url": Self.url("contracts", provider, consumer),
        "diffURL": Self.diffURL(
          provider, consumer, from: pact.consumerVersion.number, to: latest.consumerVersion.number),
      ]
    }
    return page("\(consumer) → \(provider)", "contract", context)
  }

  static func diffURL(_ provider: String, _ consumer: String, from: String, to: String) -> String {
    url("contracts", provider, consumer, "diff") + "?from=" + BrokerURLs.segment(from) + "&to="
      + BrokerURLs.segment(to)
  }

  /// What changed between two consumer versions of a contract (`?from=…&to=…`; `to` defaults to the latest), and
  /// whether the provider's verifications cover it.
  func diffPage(provider: String, consumer: String, _ request: Request) async throws -> Response {
    let query = Dictionary(request.queryItems.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    let history = try await store.pacts(provider: provider, consumer: consumer, query: .all)
    guard let latest = history.first else {
      throw APIError(
        .notFound, "no pact between \(PrintSafe.quoted(consumer)) and \(PrintSafe.quoted(provider)); see /")
    }
    func find(_ parameter: String, _ fallback: StoredPact?) throws -> StoredPact {
      guard let number = query[parameter], !number.isEmpty else {
        if let fallback { return fallback }
        throw APIError(
          .badRequest,
          "give the versions to compare: ?from=VERSION&to=VERSION (the history is at "
            + Self.url("contracts", provider, consumer) + ")")
      }
      guard let found = history.first(where: { $0.consumerVersion.number == number }) else {
        throw APIError(
          .notFound,
          "\(PrintSafe.quoted(consumer)) version \(PrintSafe.quoted(number)) (\(parameter)) has no pact "
            + "with \(PrintSafe.quoted(provider)); pick one from the history at "
            + Self.url("contracts", provider, consumer))
      }
      return found
    }
    let to = try find("to", latest)
    let from = try find("from", history.first { $0.id < to.id })
    guard let old = try await store.content(sha: from.sha), let new = try await store.content(sha: to.sha) else {
      throw APIError(.notFound, "the contents of these versions are gone (removed by retention)")
    }
    let diff = PactDiff(from: old, to: new)
    let verifications = try await store.latestVerifications(shas: [from.sha, to.sha])
    let verdict: (status: String, text: String)
    if from.sha == to.sha {
      verdict = ("verified", "The two versions published the same contract.")
    } else if let verified = verifications[to.sha] {
      verdict =
        verified.success
        ? (
          "verified",
          "\(provider) \(verified.providerVersion.number) has verified \(to.consumerVersion.number): "
            + "nothing here is unverified."
        )
        : ("failed", "\(provider) \(verified.providerVersion.number) failed to verify \(to.consumerVersion.number).")
    } else if diff.mayBreak {
      let count = diff.entries.filter(\.mayBreak).count
      let base =
        verifications[from.sha].map {
          " (\(provider) \($0.providerVersion.number) "
            + "\($0.success ? "verified" : "failed") \(from.consumerVersion.number))"
        } ?? ""
      verdict = (
        "failed",
        "Can break \(provider)'s verification\(base): \(count) change\(count == 1 ? "" : "s") "
          + "below \(count == 1 ? "is" : "are") not verified yet."
      )
    } else {
      verdict = ("verified", "Cannot break \(provider)'s verification: this change only takes expectations away.")
    }
    let entries = diff.entries.map { entry -> [String: Any] in
      [
        "description": entry.description, "states": entry.states, "change": entry.change.rawValue,
        "lines": entry.lines.map { line -> [String: Any] in
          ["text": line, "kind": line.hasPrefix("+") ? "added" : line.hasPrefix("-") ? "removed" : "changed"]
        },
        "mayBreak": entry.mayBreak,
      ]
    }
    return page(
      "\(consumer) → \(provider): \(from.consumerVersion.number) → \(to.consumerVersion.number)", "diff",
      [
        "entries": entries, "verdict": verdict.text, "verdictStatus": verdict.status,
        "fromURL": Self.url("contracts", provider, consumer, "version", from.consumerVersion.number),
        "toURL": Self.url("contracts", provider, consumer, "version", to.consumerVersion.number),
        "from": from.consumerVersion.number, "to": to.consumerVersion.number,
        "historyURL": Self.url("contracts", provider, consumer),
      ])
  }
}
