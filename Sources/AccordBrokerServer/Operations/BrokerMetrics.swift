import Prometheus

/// The broker's Prometheus metrics, served at `GET /metrics`: request latencies by route, method and status;
/// contracts published; verification results by outcome; webhook attempts by outcome and their durations. One registry per server, so tests and several servers in
/// one process do not mix their figures.
///
/// ```swift
/// let metrics = BrokerMetrics()
/// metrics.published(contracts: 3)
/// print(metrics.exposition())  // accord_broker_contracts_published_total 3
/// ```
public final class BrokerMetrics: Sendable {
  public let registry: PrometheusCollectorRegistry
  private let publications: Counter
  private let contracts: Counter
  private let verificationsPassed: Counter
  private let verificationsFailed: Counter

  /// Latency buckets from a millisecond to ten seconds.
  static let buckets: [Duration] = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000].map {
    .microseconds(Int64($0 * 1000))
  }

  public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
    self.registry = registry
    publications = registry.makeCounter(
      descriptor: .init(
        namespace: "accord", subsystem: "broker", metricName: "publications", unitName: "total",
        helpText: "Consumer versions published (each with its contracts)"))
    contracts = registry.makeCounter(
      descriptor: .init(
        namespace: "accord", subsystem: "broker", metricName: "contracts_published", unitName: "total",
        helpText: "Contracts published"))
    let verifications = MetricNameDescriptor(
      namespace: "accord", subsystem: "broker", metricName: "verifications", unitName: "total",
      helpText: "Verification results published, by outcome")
    verificationsPassed = registry.makeCounter(descriptor: verifications, labels: [("success", "true")])
    verificationsFailed = registry.makeCounter(descriptor: verifications, labels: [("success", "false")])
  }

  public func published(contracts count: Int) {
    publications.increment()
    contracts.increment(by: Int64(count))
  }

  public func verified(success: Bool) {
    (success ? verificationsPassed : verificationsFailed).increment()
  }

  /// Records one webhook attempt: `success`, `retry` (failed, will be tried again) or `failed` (for good).
  public func webhookAttempt(outcome: String, milliseconds: Int) {
    registry.makeCounter(
      descriptor: .init(
        namespace: "accord", subsystem: "broker", metricName: "webhook_attempts", unitName: "total",
        helpText: "Webhook delivery attempts, by outcome (success, retry, failed)"),
      labels: [("outcome", outcome)]
    ).increment()
    registry.makeDurationHistogram(
      descriptor: .init(
        namespace: "accord", subsystem: "broker", metricName: "webhook_attempt_duration", unitName: "seconds",
        helpText: "Time a webhook's server took to answer"),
      buckets: Self.buckets
    ).record(.milliseconds(milliseconds))
  }

  /// Records one request's latency.
  func request(method: String, route: String, status: Int, duration: Duration) {
    registry.makeDurationHistogram(
      descriptor: .init(
        namespace: "accord", subsystem: "broker", metricName: "request_duration", unitName: "seconds",
        helpText: "Time to answer a request, by route, method and status"),
      labels: [("method", method), ("route", route), ("status", String(status))], buckets: Self.buckets
    ).record(duration)
  }

  /// The metrics in Prometheus' text format.
  public func exposition() -> String { registry.emitToString() }
}
