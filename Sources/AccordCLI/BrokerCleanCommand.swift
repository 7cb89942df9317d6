import AccordBroker
import AccordModel
import ArgumentParser
import Foundation

/// `accord broker clean`: deletes old versions, their publications and verifications by a retention policy.
struct BrokerCleanCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "clean",
    abstract: "Delete old versions, publications and verifications by a retention policy.",
    discussion: """
      Keeps the latest --keep-latest versions of each branch of each pacticipant and every version newer than \
      --keep-days days, and never deletes what is deployed or released now, the latest version of a main branch, \
      or a provider version whose verification is the latest of a kept version's pact. --dry-run lists what would \
      go. Safe while brokers run on the same database (one transaction). It never creates a database: the one \
      --database (or ACCORD_BROKER_DATABASE) names must be a broker's.

      Examples:
        accord broker clean --keep-latest 10 --keep-days 90 --dry-run
        accord broker clean --database postgres://accord@db/accord --keep-latest 5 --keep-days 30
      """)

  @OptionGroup var database: DatabaseOptions

  @OptionGroup var retention: RetentionOptions

  @Flag(name: .customLong("dry-run"), help: "List what would be deleted; delete nothing.")
  var dryRun = false

  func run() async throws {
    let store: any BrokerStore
    do {
      store = try await database.argument().openExisting()
    } catch {
      throw CommandFailure.report("broker clean", error, flag: database.source)
    }
    do {
      let cleaned = try await CleanOldVersions(store: store, policy: retention.policy)(dryRun: dryRun)
      print(Self.describe(cleaned.plan, dryRun: dryRun))
      guard !dryRun, !cleaned.plan.doomed.isEmpty else { return }
      let counts = cleaned.counts
      print(
        "Deleted \(counts.versions) versions, \(counts.publications) publications, \(counts.verifications) "
          + "verification results and \(counts.contents) contracts no version uses any more.")
    } catch {
      throw CommandFailure.report("broker clean", error)
    }
  }

  static func describe(_ plan: RetentionPolicy.Plan, dryRun: Bool) -> String {
    var reasons: [String: Int] = [:]
    for reason in plan.kept.values { reasons[reason.rawValue, default: 0] += 1 }
    let keptText = reasons.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
    var lines = ["Keeping \(plan.kept.count) versions" + (keptText.isEmpty ? "." : " (\(keptText)).")]
    if plan.doomed.isEmpty {
      lines.append("Nothing to delete.")
      return lines.joined(separator: "\n")
    }
    lines.append((dryRun ? "Would delete " : "Deleting ") + "\(plan.doomed.count) versions:")
    let byPacticipant = Dictionary(grouping: plan.doomed, by: \.pacticipant)
    for name in byPacticipant.keys.sorted() {
      let numbers = byPacticipant[name]!.map(\.number)
      let shown =
        numbers.prefix(20).joined(separator: ", ") + (numbers.count > 20 ? ", … (\(numbers.count) in all)" : "")
      lines.append("  " + PrintSafe.escaped(name) + ": " + PrintSafe.escaped(shown))
    }
    return lines.joined(separator: "\n")
  }
}
