import AsyncHTTPClient
import NIOCore

/// The HTTP client the verifier uses: like `HTTPClient.shared`, but a refused connection fails at once instead of
/// being retried until the request's deadline, so that a provider that is down is reported at once, and a connect
/// attempt gives up after five seconds.
enum VerifierHTTPClient {
  static let shared: HTTPClient = {
    var configuration = HTTPClient.Configuration()
    configuration.connectionPool.retryConnectionEstablishment = false
    configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 16
    configuration.timeout.connect = .seconds(5)
    // Lives for the whole process, as HTTPClient.shared does; it is never shut down.
    return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
  }()
}
