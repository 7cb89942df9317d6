import AccordModel
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

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

  /// The answer to a `postJSON` call, its body read in full.
  struct Answer {
    var status: UInt
    var headers: HTTPHeaders
    var data: Data
  }

  /// POSTs `body` as JSON to a URL the user gave with `flag` (a provider-states or messages URL). Nothing
  /// listening becomes `VerifierError.unreachable`, naming the flag; any other failure is passed to `failure`.
  static func postJSON(
    _ body: JSONValue, to url: String, headers: [(name: String, value: String)], timeout: Duration, flag: String,
    failure: (any Error) -> any Error
  ) async throws -> Answer {
    var request = HTTPClientRequest(url: url)
    request.method = .POST
    request.headers.add(name: "Content-Type", value: "application/json")
    for header in headers { request.headers.add(name: header.name, value: header.value) }
    request.body = .bytes(ByteBuffer(data: body.data()))
    let response: HTTPClientResponse
    do {
      response = try await shared.execute(request, timeout: .nanoseconds(timeout.nanoseconds))
    } catch {
      if ProviderClient.isConnectionFailure(error) {
        throw VerifierError.unreachable(url: url, flag: flag, reason: "\(error)")
      }
      throw failure(error)
    }
    let data = Data(buffer: try await response.body.collect(upTo: 64 * 1024 * 1024))
    return Answer(status: response.status.code, headers: response.headers, data: data)
  }
}

extension Duration {
  var nanoseconds: Int64 {
    components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
  }
}
