import AccordBroker
import AccordModel
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Delivers queued webhook deliveries: claims each due one from the store (so among several replicas exactly one
/// sends it), sends it, logs the attempt, and schedules a retry on failure by the ``WebhookRetrySchedule``.
///
/// Run it as a service beside the HTTP server; ``wake()`` makes it look at once (the server calls it when it queues
/// deliveries), and it looks every `pollInterval` anyway for retries and other replicas' deliveries.
///
/// ```swift
/// let dispatcher = WebhookDispatcher(store: store, metrics: server.metrics)
/// let group = ServiceGroup(services: [app, dispatcher], gracefulShutdownSignals: [.sigterm], logger: logger)
/// ```
public final class WebhookDispatcher: Service, Sendable {
  public let store: any WebhookStore
  public let executor: WebhookExecutor
  public let schedule: WebhookRetrySchedule
  /// Who claims deliveries: host, process and a random part, unique per dispatcher.
  public let worker: String
  /// How long a claim holds: longer than any attempt, so only a dispatcher that died loses one.
  public let lease: Duration
  public let pollInterval: Duration
  /// Attempts under way at once, at most.
  public let concurrency: Int
  let metrics: BrokerMetrics
  let logger: Logger
  private let woken = Mutex(false)

  public init(
    store: any WebhookStore, executor: WebhookExecutor = WebhookExecutor(),
    schedule: WebhookRetrySchedule = WebhookRetrySchedule(), lease: Duration = .seconds(60),
    pollInterval: Duration = .seconds(1), concurrency: Int = 4, metrics: BrokerMetrics = BrokerMetrics(),
    logger: Logger = Logger(label: "accord.broker.webhooks")
  ) {
    self.store = store
    self.executor = executor
    self.schedule = schedule
    self.lease = max(lease, executor.timeout * 2)
    self.pollInterval = pollInterval
    self.concurrency = max(1, concurrency)
    self.metrics = metrics
    self.logger = logger
    let random = String(UInt32.random(in: 0...UInt32.max), radix: 16)
    worker = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(random)"
  }

  /// Asks the running dispatcher to look for due deliveries now.
  public func wake() { woken.withLock { $0 = true } }

  public func run() async throws {
    try await cancelWhenGracefulShutdown {
      while !Task.isCancelled {
        await self.deliverDue()
        await self.waitForWork()
      }
    }
  }

  /// Sleeps until woken or until the poll interval is up, looking at the flag every 20 ms (no database query).
  private func waitForWork() async {
    let deadline = ContinuousClock.now + pollInterval
    while ContinuousClock.now < deadline && !Task.isCancelled {
      if woken.withLock({ flag in
        defer { flag = false }
        return flag
      }) {
        return
      }
      try? await Task.sleep(for: .milliseconds(20))
    }
  }

  /// Claims and attempts every delivery due now, `concurrency` at a time; returns how many attempts it made.
  @discardableResult
  public func deliverDue() async -> Int {
    await withTaskGroup(of: Void.self) { group in
      var made = 0
      var running = 0
      while !Task.isCancelled {
        let claimed: WebhookDelivery?
        do {
          claimed = try await store.claimDelivery(now: Date(), worker: worker, lease: lease)
        } catch {
          logger.error("cannot claim webhook deliveries: \(error)")
          break
        }
        guard let delivery = claimed else { break }
        made += 1
        running += 1
        group.addTask { await self.attempt(delivery) }
        if running >= concurrency {
          await group.next()
          running -= 1
        }
      }
      await group.waitForAll()
      return made
    }
  }

  func attempt(_ delivery: WebhookDelivery) async {
    let webhook: Webhook?
    do {
      webhook = try await store.webhook(uuid: delivery.webhookUUID)
    } catch {
      logger.error("cannot read webhook \(delivery.webhookUUID): \(error)")
      return
    }
    guard let webhook else { return }  // deleted meanwhile, with its deliveries
    let result: WebhookExecutor.Result
    if webhook.enabled {
      result = await executor.execute(webhook, parameters: delivery.parameters, attempt: delivery.attempts)
    } else {
      let request = WebhookExecutor.request(webhook, parameters: delivery.parameters)
      result = WebhookExecutor.Result(
        attempt: WebhookAttempt(
          number: delivery.attempts, startedAt: Date(), milliseconds: 0,
          request: "\(request.method) \(WebhookSecrets.redacted(request.url))",
          error: "the webhook was disabled before this attempt; enable it and test it to send again", success: false),
        request: request, response: nil)
    }
    let retryAt =
      result.attempt.success || !webhook.enabled
      ? nil : schedule.delay(afterAttempt: delivery.attempts).map { Date() + Self.seconds($0) }
    do {
      let held = try await store.finishAttempt(result.attempt, delivery: delivery.id, worker: worker, retryAt: retryAt)
      if !held {
        logger.warning(
          "webhook delivery \(delivery.id): the claim lapsed during the attempt and another replica took it; this attempt is not logged"
        )
      }
    } catch {
      logger.error("cannot log webhook delivery \(delivery.id): \(error)")
    }
    let outcome = result.attempt.success ? "success" : retryAt == nil ? "failed" : "retry"
    metrics.webhookAttempt(outcome: outcome, milliseconds: result.attempt.milliseconds)
    var message: Logger.Message =
      "webhook \(PrintSafe.escaped(webhook.title)) \(delivery.event.rawValue) attempt \(delivery.attempts): \(outcome)"
    if let status = result.attempt.status { message = "\(message) (\(status))" }
    if let error = result.attempt.error, result.attempt.status == nil {
      message = "\(message): \(PrintSafe.escaped(error))"
    }
    logger.log(
      level: result.attempt.success ? .info : .warning, message,
      metadata: ["webhook": .string(webhook.uuid), "delivery": .stringConvertible(delivery.id)])
  }

  static func seconds(_ duration: Duration) -> TimeInterval {
    duration.inSeconds
  }
}
