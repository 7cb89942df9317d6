import Foundation
import Logging
import NIOCore
import SampleKit
import ServiceLifecycle

/// Relays the outbox to subscribers at least once: each undelivered event is posted to `POST <subscriber>/events`
/// (with `Message-Topic` and `Message-Type` headers) and marked delivered only after a 2xx, in order; an event a
/// subscriber did not take is sent again on the next pass. Subscribers ignore redeliveries by `eventId`.
///
/// ```swift
/// let relay = OutboxRelay(store: store, subscribers: ["http://127.0.0.1:8085"])
/// try await relay.relayOnce()
/// ```
public struct OutboxRelay: Service {
  public let store: OrderStore
  public let subscribers: [String]
  public var interval: Duration
  /// How long one delivery may take before the relay gives up on it for this pass.
  public var timeout: TimeAmount

  public init(
    store: OrderStore, subscribers: [String], interval: Duration = .milliseconds(100),
    timeout: TimeAmount = .seconds(5)
  ) {
    self.store = store
    self.subscribers = subscribers
    self.interval = interval
    self.timeout = timeout
  }

  /// One pass over every subscriber; returns how many deliveries succeeded.
  @discardableResult
  public func relayOnce() async throws -> Int {
    var delivered = 0
    for subscriber in subscribers {
      let downstream = Downstream(name: "subscriber", baseURL: subscriber, timeout: timeout)
      for event in try await store.undelivered(to: subscriber) {
        let answer: Downstream.Answer
        do {
          answer = try await downstream.send(
            "POST", "/events", json: event,
            headers: [("Message-Topic", OrderEvent.topic), ("Message-Type", event.type)])
        } catch {
          break  // not reachable now; the next pass tries again, from this event
        }
        guard (200..<300).contains(answer.status) else { break }
        try await store.markDelivered(event.eventId, to: subscriber)
        delivered += 1
      }
    }
    return delivered
  }

  /// Relays every `interval` until the service group shuts down.
  public func run() async throws {
    // On shutdown the pass under way is cancelled too: what it had not delivered stays in the outbox for the next
    // start (at least once), and a stopping service never waits out a long interval.
    try? await cancelWhenGracefulShutdown {
      while !Task.isCancelled {
        _ = try? await self.relayOnce()
        try await Task.sleep(for: self.interval)
      }
    }
  }
}
