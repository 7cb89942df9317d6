import AccordVerifier
import Hummingbird

/// Verifies a Hummingbird app against its consumers' contracts in one call: the app runs in-process on port 0, the
/// contracts are replayed, and the report comes back for `#expect(report.succeeded)`.
///
/// ```swift
/// let report = try await verifyProvider(
///   buildRouter(store), contracts: [FileContractSource(path: "contracts")],
///   states: ProviderStates().given("user 42 exists") { _ in store.insert(id: 42, name: "Alice") })
/// #expect(report.succeeded, "\(HumanReport(report))")
/// ```
public func verifyProvider<Builder: HTTPResponderBuilder>(
  _ router: Builder, contracts: [any ContractSource], states: (any ProviderStateHandler)? = nil,
  messages: (any MessageProducer)? = nil, configure: (inout VerificationOptions) -> Void = { _ in }
) async throws -> VerificationReport
where Builder.Responder.Context: InitializableFromSource<ApplicationRequestContextSource> {
  try await withProvider(router) { baseURL in
    var options = VerificationOptions(providerBaseURL: baseURL, stateHandler: states, messageProducer: messages)
    configure(&options)
    return try await Verifier(sources: contracts, options: options).verify()
  }
}
