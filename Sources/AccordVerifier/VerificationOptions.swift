import AccordModel
import Foundation

/// What to verify against and how.
///
/// ```swift
/// var options = VerificationOptions(providerBaseURL: "http://127.0.0.1:8080")
/// options.stateHandler = HTTPProviderStates(url: "http://127.0.0.1:8080/_pact/state")
/// options.headers = [("Authorization", "Bearer test-token")]
/// ```
public struct VerificationOptions: Sendable {
  /// Where HTTP interactions are replayed.
  public var providerBaseURL: String?
  /// Sets up provider states (and their values for `ProviderState` generators).
  public var stateHandler: (any ProviderStateHandler)?
  /// Produces messages for message interactions.
  public var messageProducer: (any MessageProducer)?
  /// Headers added to (or replacing those of) every request.
  public var headers: [(name: String, value: String)]
  /// Changes every request just before it is sent.
  public var requestFilter: RequestFilter?
  /// How long a provider may take to answer one request or state call.
  public var requestTimeout: Duration
  /// How many interactions without provider states run at once. Interactions with states always run one at a time.
  public var concurrency: Int
  /// While `concurrency` is 1: how many interactions without provider states whose request is a read (`GET`,
  /// `HEAD`, `OPTIONS`: methods that change nothing) run at once. 1 runs every interaction one at a time, for a
  /// provider whose reads have side effects.
  public var readConcurrency = 8
  /// Only interactions whose description matches this regular expression.
  public var descriptionFilter: String?
  /// Only contracts of these consumers (all when empty).
  public var consumerFilter: [String]
  /// Only interactions with a provider state matching this regular expression.
  public var stateFilter: String?
  /// Only interactions without provider states (`pact verifier --filter-no-state`).
  public var onlyStateless = false
  /// Whether to call teardown for each state after its interaction.
  public var tearDownStates: Bool

  public init(
    providerBaseURL: String? = nil, stateHandler: (any ProviderStateHandler)? = nil,
    messageProducer: (any MessageProducer)? = nil, headers: [(name: String, value: String)] = [],
    requestFilter: RequestFilter? = nil, requestTimeout: Duration = .seconds(30), concurrency: Int = 1,
    descriptionFilter: String? = nil, consumerFilter: [String] = [], stateFilter: String? = nil,
    tearDownStates: Bool = true
  ) {
    self.providerBaseURL = providerBaseURL
    self.stateHandler = stateHandler
    self.messageProducer = messageProducer
    self.headers = headers
    self.requestFilter = requestFilter
    self.requestTimeout = requestTimeout
    self.concurrency = concurrency
    self.descriptionFilter = descriptionFilter
    self.consumerFilter = consumerFilter
    self.stateFilter = stateFilter
    self.tearDownStates = tearDownStates
  }
}
