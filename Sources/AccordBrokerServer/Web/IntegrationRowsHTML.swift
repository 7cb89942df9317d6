import AccordBroker
import AccordModel
import Foundation

/// The integrations table's rows written directly as HTML (every value escaped): at 500 rows the template
/// engine's look-ups through `[String: Any]` cost about 100 ms a page, this a few.
///
/// ```swift
/// let html = IntegrationRowsHTML.rows(entries, now: Date())   // "<tr class=\"failed\">…</tr>…"
/// ```
enum IntegrationRowsHTML {
  static func rows(_ entries: some Sequence<IntegrationOverview.Entry>, now: Date) -> String {
    var out = ""
    for entry in entries { row(entry, now: now, into: &out) }
    return out
  }

  static func row(_ entry: IntegrationOverview.Entry, now: Date, into out: inout String) {
    func e(_ text: String) -> String { XMLText.escaped(text) }
    func branch(_ branches: [String]) -> String {
      branches.isEmpty ? "" : " <span class=\"branch\">\(e(branches.joined(separator: ", ")))</span>"
    }
    func time(_ date: Date) -> String {
      "<time datetime=\"\(WebRoutes.iso(date))\" title=\"\(WebRoutes.utc(date))\">\(WebRoutes.ago(date, now: now))</time>"
    }
    let pact = entry.pact
    let state = entry.state
    var status = e(state.text)
    if let latest = entry.latest {
      status = "<a href=\"\(e(WebRoutes.url("verifications", latest.sha, String(latest.number))))\">\(status)</a>"
    }
    out += "<tr class=\"\(state.rawValue)\"><td class=\"cell \(state.rawValue)\"><span aria-hidden=\"true\">"
    out += "\(WebRoutes.icon(state))</span> \(status)<div class=\"why\">\(e(entry.explanation))</div></td>"
    out += "<td><a href=\"\(e(WebRoutes.url("pacticipants", entry.consumer)))\">\(e(entry.consumer))</a></td>"
    out += "<td><a href=\"\(e(WebRoutes.url("pacticipants", entry.provider)))\">\(e(entry.provider))</a></td>"
    let contract = WebRoutes.url("contracts", entry.provider, entry.consumer)
    let version = WebRoutes.url("contracts", entry.provider, entry.consumer, "version", pact.consumerVersion.number)
    out += "<td><a href=\"\(e(version))\">\(e(pact.consumerVersion.number))</a>\(branch(pact.consumerVersion.branches))"
    out += " · <a href=\"\(e(contract))\">latest</a></td><td>\(time(pact.createdAt))</td>"
    if let verification = entry.deciding ?? entry.latest {
      out += "<td>\(e(verification.providerVersion.number))\(branch(verification.providerVersion.branches))</td>"
      out += "<td>\(time(verification.executedAt))</td></tr>\n"
    } else {
      out += "<td></td><td></td></tr>\n"
    }
  }
}
