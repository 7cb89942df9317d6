import AccordModel
import Foundation
import Synchronization

/// Collects the interactions of passing tests and writes them to their contract files: checked for conflicts at
/// once (across the processes of a test run), written when the process exits or on ``flush()``.
///
/// Writing merges with the file on disk under a lock and replaces it atomically, so concurrent test processes
/// never lose an interaction and never leave a torn file. An interaction already in the file is replaced by a new
/// recording with the same description and provider states; set `ACCORD_CONTRACT_MODE=replace` to also drop
/// interactions that no test of the current run recorded.
final class ContractRecorder: Sendable {
  static let shared = ContractRecorder()

  struct Conflict {
    var description: String
    var states: [ProviderState]

    var statesSummary: String {
      states.isEmpty ? "" : " given " + states.map { "\"\($0.name)\"" }.joined(separator: " and ")
    }
  }

  private struct Pending {
    var consumer: String
    var provider: String
    var file: URL
    var interactions: [String: Interaction] = [:]
  }

  /// What this process last wrote to each file, and the file's identity then: if the file has not changed since,
  /// it need not be read and decoded again.
  private struct Written {
    var stamp: FileStamp
    var contract: Contract
    /// The contract's interactions by identity.
    var byKey: [String: Interaction]

    init(stamp: FileStamp, contract: Contract) {
      self.stamp = stamp
      self.contract = contract
      byKey = Dictionary(contract.interactions.map { (InteractionIdentity.key($0), $0) }) { first, _ in first }
    }

    /// Whether writing `interactions` would leave the file as it is: each is in it already, identical.
    func holds(_ interactions: [String: Interaction]) -> Bool {
      interactions.allSatisfy { key, interaction in byKey[key] == interaction }
    }
  }

  private let pending = Mutex<[String: Pending]>([:])
  /// The contract files this process recorded for: it leaves their run ledgers at exit.
  private let touched = Mutex<Set<String>>([])
  private let written = Mutex<[String: Written]>([:])
  /// The fingerprints this process has put in each contract's run ledger, by identity. Recording one of them again
  /// (a test run repeatedly, a parameterised test whose cases record the same interaction) needs no file access:
  /// the ledger holds it already, and no other process can have claimed the identity with another recording since
  /// (its claim would have been refused as a conflict).
  private let claimed = Mutex<[String: [String: String]]>([:])
  private let exitHookInstalled = Mutex(false)
  /// Held while writing, so that a flush returns only once everything recorded before it is on disk, even when
  /// another thread's flush took the batch.
  private let writing = Mutex(())

  /// Adds interactions for `pact`; returns those that conflict with an earlier, different recording in this run.
  func record(_ interactions: [Interaction], for pact: Pact) throws -> [Conflict] {
    installExitHook()
    let file = pact.contractFile
    touched.withLock { _ = $0.insert(file.path) }
    let identities = interactions.map {
      (key: InteractionIdentity.key($0), fingerprint: InteractionIdentity.fingerprint($0))
    }
    let known = claimed.withLock { $0[file.path] ?? [:] }
    let accepted: [Interaction]
    if identities.allSatisfy({ known[$0.key] == $0.fingerprint }) {
      accepted = interactions
    } else {
      accepted = try RunLedger(contractFile: file).update { state in
        // Earlier processes of this run (no longer in the ledger) left what they recorded in the contract file.
        let earlier = writtenThisRun(file)
        var accepted: [Interaction] = []
        for (interaction, identity) in zip(interactions, identities) {
          if let recorded = state.fingerprints[identity.key] ?? earlier[identity.key], recorded != identity.fingerprint
          {
            continue
          }
          state.fingerprints[identity.key] = identity.fingerprint
          accepted.append(interaction)
        }
        return accepted
      }
      let acceptedKeys = Set(accepted.map(InteractionIdentity.key))
      claimed.withLock { claimed in
        for identity in identities where acceptedKeys.contains(identity.key) {
          claimed[file.path, default: [:]][identity.key] = identity.fingerprint
        }
      }
    }
    pending.withLock { pending in
      var entry = pending[file.path] ?? Pending(consumer: pact.consumer, provider: pact.provider, file: file)
      for interaction in accepted { entry.interactions[InteractionIdentity.key(interaction)] = interaction }
      pending[file.path] = entry
    }
    let acceptedKeys = Set(accepted.map(InteractionIdentity.key))
    return interactions.filter { !acceptedKeys.contains(InteractionIdentity.key($0)) }
      .map { Conflict(description: $0.description, states: $0.providerStates) }
  }

  /// Fingerprints of the interactions in `file`, when the file was written during this run; empty otherwise.
  private func writtenThisRun(_ file: URL) -> [String: String] {
    guard let started = TestRun.started, let stamp = FileStamp(of: file), stamp.date >= started else { return [:] }
    let contract: Contract
    if let cached = written.withLock({ $0[file.path] }), cached.stamp == stamp {
      contract = cached.contract
    } else if let data = try? Data(contentsOf: file), let decoded = try? ContractDecoder().decode(data).contract {
      contract = decoded
    } else {
      return [:]
    }
    var fingerprints: [String: String] = [:]
    for interaction in contract.interactions {
      fingerprints[InteractionIdentity.key(interaction)] = InteractionIdentity.fingerprint(interaction)
    }
    return fingerprints
  }

  /// Writes everything recorded so far.
  func flush() throws {
    try writing.withLock { _ in
      let batches = pending.withLock { pending -> [Pending] in
        defer { pending.removeAll() }
        return Array(pending.values)
      }
      for batch in batches { try write(batch) }
    }
  }

  private func write(_ batch: Pending) throws {
    // Nothing new since this process last wrote the file, and nobody else wrote it since: no need to look.
    if let cached = written.withLock({ $0[batch.file.path] }), cached.stamp == FileStamp(of: batch.file),
      cached.holds(batch.interactions)
    {
      return
    }
    let ledger = RunLedger(contractFile: batch.file)
    // getenv, not ProcessInfo's environment, which copies every variable into a dictionary on each call.
    let replace = getenv("ACCORD_CONTRACT_MODE").map { String(cString: $0) } == "replace"
    try FileManager.default.createDirectory(
      at: batch.file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try ledger.lock.withLock {
      var contract = Contract(consumer: ContractParty(batch.consumer), provider: ContractParty(batch.provider))
      let stamp = FileStamp(of: batch.file)
      if let stamp, let cached = written.withLock({ $0[batch.file.path] }), cached.stamp == stamp {
        contract = cached.contract
      } else if let data = try? Data(contentsOf: batch.file) {
        do {
          contract = try ContractDecoder().decode(data, source: batch.file.path).contract
        } catch {
          // Keep what was there before replacing it: nothing a user wrote is lost.
          let backup = batch.file.appendingPathExtension("unreadable-\(Int(Date().timeIntervalSince1970))")
          try? data.write(to: backup)
          FileHandle.standardError.write(
            Data("accord: \(error)\naccord: the file was kept as \(backup.lastPathComponent) and is rewritten\n".utf8))
        }
      }
      let existing = contract
      let currentRun = ledger.readState().fingerprints
      // A file written during this run holds only this run's recordings: replace mode keeps them all.
      let writtenByThisRun = TestRun.started.map { started in stamp.map { $0.date >= started } ?? false } ?? false
      var merged: [String: Interaction] = [:]
      for interaction in contract.interactions {
        let key = InteractionIdentity.key(interaction)
        if replace && currentRun[key] == nil && !writtenByThisRun { continue }
        merged[key] = interaction
      }
      merged.merge(batch.interactions) { _, new in new }
      contract.consumer.name = batch.consumer
      contract.provider.name = batch.provider
      contract.specification = .v4
      contract.interactions = merged.values.sorted(by: InteractionIdentity.precedes)
      if contract == existing, stamp != nil { return }
      try AtomicFile.write(ContractEncoder().encode(contract), to: batch.file)
      if let newStamp = FileStamp(of: batch.file) {
        written.withLock { $0[batch.file.path] = Written(stamp: newStamp, contract: contract) }
      }
    }
  }

  /// Takes this process out of the run ledger of every contract it recorded for; the last process of the run
  /// deletes the ledger.
  func leaveRunLedgers() {
    for path in touched.withLock({ $0 }) {
      let ledger = RunLedger(contractFile: URL(fileURLWithPath: path))
      try? ledger.lock.withLock { ledger.leave() }
    }
  }

  private func installExitHook() {
    let install = exitHookInstalled.withLock { installed -> Bool in
      defer { installed = true }
      return !installed
    }
    guard install else { return }
    atexit {
      do {
        try ContractRecorder.shared.flush()
      } catch {
        FileHandle.standardError.write(Data("accord: could not write contracts at exit: \(error)\n".utf8))
      }
      ContractRecorder.shared.leaveRunLedgers()
    }
  }
}
