import AccordBroker
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The broker's HTTP API: the Pact Broker's HAL resources over a ``BrokerStore``.
///
/// ```swift
/// let router = BrokerServer(store: try SQLiteBrokerStore(path: "accord-broker.sqlite")).router()
/// let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 9292)))
/// try await app.runService()
/// ```
public struct BrokerServer: Sendable {
  public struct Options: Sendable {
    /// The base URL for links, when clients reach the broker through a proxy; otherwise each request's `Host`.
    public var publicURL: String?
    /// The largest request body read (publishing many large contracts at once needs more).
    public var maximumBodySize: Int
    /// Who may read and write; open to all when it has no credential.
    public var access: AccessPolicy
    /// Which requests webhooks may send (schemes, hosts, methods).
    public var webhookPolicy: WebhookPolicy
    /// When failed webhook deliveries are tried again.
    public var webhookSchedule: WebhookRetrySchedule
    /// How long one webhook call may take.
    public var webhookTimeout: Duration
    /// Where webhook host names are looked up (the system's resolver; tests give names any answer).
    public var webhookResolver: any WebhookResolver

    public init(
      publicURL: String? = nil, maximumBodySize: Int = 32 * 1024 * 1024, access: AccessPolicy = AccessPolicy(),
      webhookPolicy: WebhookPolicy = WebhookPolicy(), webhookSchedule: WebhookRetrySchedule = WebhookRetrySchedule(),
      webhookTimeout: Duration = .seconds(15), webhookResolver: any WebhookResolver = SystemWebhookResolver()
    ) {
      self.webhookResolver = webhookResolver
      self.publicURL = publicURL
      self.maximumBodySize = maximumBodySize
      self.access = access
      self.webhookPolicy = webhookPolicy
      self.webhookSchedule = webhookSchedule
      self.webhookTimeout = webhookTimeout
    }
  }

  public let store: any BrokerStore
  public let options: Options
  /// What `GET /metrics` reports.
  public let metrics: BrokerMetrics
  /// Where webhooks are kept: the store itself when it keeps them (both of Accord's stores do).
  public let webhookStore: (any WebhookStore)?
  /// Sends webhook deliveries; run it as a service beside the HTTP server (``BrokerServer/services(_:)``).
  public let webhookDispatcher: WebhookDispatcher?
  let webhookExecutor: WebhookExecutor
  let logger: Logger
  /// Whether each pact holds messages or HTTP, for the graph.
  let pactKinds = PactKindCache()
  /// The whole network's layout, until the network changes.
  let graphLayouts = GraphLayoutCache()

  public init(
    store: any BrokerStore, options: Options = Options(), metrics: BrokerMetrics = BrokerMetrics(),
    logger: Logger = Logger(label: "accord.broker.webhooks")
  ) {
    self.logger = logger
    self.store = store
    self.options = options
    self.metrics = metrics
    webhookStore = store as? any WebhookStore
    let executor = WebhookExecutor(
      timeout: options.webhookTimeout, network: options.webhookPolicy.network, resolver: options.webhookResolver)
    webhookExecutor = executor
    webhookDispatcher = webhookStore.map { webhooks in
      WebhookDispatcher(
        store: webhooks, executor: executor,
        schedule: options.webhookSchedule, metrics: metrics, logger: logger)
    }
  }

  /// After a use case queued webhook deliveries: wakes the dispatcher, or logs why none could be queued (what was
  /// published is stored all the same, so it is not answered as an error).
  func queued(_ deliveries: [WebhookDelivery], error: BrokerError?) {
    if let error { logger.error("cannot queue webhook deliveries: \(error)") }
    if !deliveries.isEmpty { webhookDispatcher?.wake() }
  }

  /// The webhook store, or the error for a store that keeps none (both of Accord's stores keep them).
  func requireWebhookStore() throws -> any WebhookStore {
    guard let webhookStore else {
      throw APIError(.notImplemented, "this broker's store keeps no webhooks; run it on SQLite or PostgreSQL")
    }
    return webhookStore
  }

  /// Whether `request` may see what webhook targets answered (the delivery log's bodies): a read-write credential,
  /// or anyone on an open broker. On a public-read broker, reading the log needs no credential, so the answers
  /// (which may echo tokens or internal details) are held back.
  func mayReadWebhookAnswers(_ request: Request) -> Bool {
    guard options.access.isEnabled else { return true }
    if case .granted(.readWrite, _) = options.access.decide(authorization: request.headers[.authorization]) {
      return true
    }
    return false
  }

  /// The router with every route of the API.
  public func router() -> Router<BasicRequestContext> {
    // HEAD answers as GET without the body, on every readable route.
    let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: RequestLogMiddleware(metrics: metrics))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: BrokerErrorMiddleware())
    let server = self
    router.add(middleware: CrossSiteWriteMiddleware(ownOrigin: { request in server.urls(request).base }))
    router.add(middleware: AccessMiddleware(policy: options.access))
    router.add(middleware: BrowserRedirectMiddleware())
    router.get("/metrics") { _, _ in
      Response(
        status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(string: metrics.exposition())))
    }
    IndexRoutes(server: self).add(to: router)
    PublishRoutes(server: self).add(to: router)
    PactRoutes(server: self).add(to: router)
    BranchPactRoutes(server: self).add(to: router)
    ProviderStateRoutes(server: self).add(to: router)
    BadgeRoutes(server: self).add(to: router)
    DeleteRoutes(server: self).add(to: router)
    PacticipantRoutes(server: self).add(to: router)
    BranchRoutes(server: self).add(to: router)
    EnvironmentRoutes(server: self).add(to: router)
    MatrixRoutes(server: self).add(to: router)
    UsageRoutes(server: self).add(to: router)
    WebhookRoutes(server: self).add(to: router)
    WebRoutes(server: self).add(to: router)
    return router
  }

  /// The URLs for links in the answer to `request`.
  func urls(_ request: Request) -> BrokerURLs {
    if let publicURL = options.publicURL { return BrokerURLs(base: publicURL) }
    let forwardedHost = request.headers[HTTPField.Name("X-Forwarded-Host")!]
    let host = [forwardedHost, request.head.authority].compactMap { $0 }.first {
      Self.isPlainHost($0)
    }
    let forwardedScheme = request.headers[HTTPField.Name("X-Forwarded-Proto")!]
    let scheme = forwardedScheme == "https" ? "https" : "http"
    return BrokerURLs(base: "\(scheme)://\(host ?? "127.0.0.1")")
  }

  /// A host (and port) with nothing that could break out of a URL.
  static func isPlainHost(_ text: String) -> Bool {
    !text.isEmpty && text.count <= 255
      && text.unicodeScalars.allSatisfy { scalar in
        scalar.isASCII
          && (CharacterSet.alphanumerics.contains(scalar) || ".-:[]_".unicodeScalars.contains(scalar))
      }
  }

  func renderer(_ request: Request) -> Renderer { Renderer(urls: urls(request)) }
}
