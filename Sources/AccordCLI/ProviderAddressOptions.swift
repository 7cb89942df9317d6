import AccordModel
import ArgumentParser

/// Where the provider answers, given as `pact verifier` takes it: `--hostname`, `--port`, `--transport` and
/// `--base-path` (or their `PACT_PROVIDER_…` variables), so a verifier command line moves to `accord verify`
/// unchanged. `--provider-base-url` says the same in one flag and wins.
struct ProviderAddressOptions: ParsableArguments {
  @Option(name: .customLong("hostname"), help: "The provider's host (or PACT_PROVIDER_HOSTNAME; default localhost).")
  var hostnameFlag: String?

  @Option(name: .customLong("port"), help: "The provider's port (or PACT_PROVIDER_PORT).")
  var portFlag: Int?

  @Option(name: .customLong("transport"), help: "http or https (or PACT_PROVIDER_TRANSPORT; default http).")
  var transportFlag: String?

  @Option(name: .customLong("base-path"), help: "A path before every request's path (or PACT_PROVIDER_BASE_PATH).")
  var basePathFlag: String?

  var hostname: String? { hostnameFlag ?? Environment.value("PACT_PROVIDER_HOSTNAME") }
  var transport: String { (transportFlag ?? Environment.value("PACT_PROVIDER_TRANSPORT") ?? "http").lowercased() }
  var basePath: String? { basePathFlag ?? Environment.value("PACT_PROVIDER_BASE_PATH") }

  /// The port from the flag or the environment; a value that is not a port is a usage error in ``validate()``.
  var port: Int? {
    if let portFlag { return portFlag }
    return Environment.value("PACT_PROVIDER_PORT").flatMap { Int($0) }
  }

  /// Whether any of these was given: then they make the provider's URL.
  var isGiven: Bool { hostname != nil || port != nil || basePath != nil }

  /// `transport://hostname:port/base-path`, or `nil` when none of the parts is given.
  var baseURL: String? {
    guard isGiven else { return nil }
    var url = "\(transport)://\(hostname ?? "localhost")"
    if let port { url += ":\(port)" }
    if let basePath, !basePath.isEmpty {
      url += (basePath.hasPrefix("/") ? "" : "/") + basePath
      while url.hasSuffix("/") { url.removeLast() }
    }
    return url
  }

  func validate() throws {
    guard isGiven || transportFlag != nil else { return }
    guard transport == "http" || transport == "https" else {
      throw ValidationError("--transport \(PrintSafe.quoted(transport)) is not supported; use http or https")
    }
    if let text = Environment.value("PACT_PROVIDER_PORT"), portFlag == nil, Int(text) == nil {
      throw ValidationError("PACT_PROVIDER_PORT \(PrintSafe.quoted(text)) is not a port; give a number from 1 to 65535")
    }
    if let port, !(1...65535).contains(port) {
      throw ValidationError("--port \(port) is not a port; give a number from 1 to 65535")
    }
    if let hostname, hostname.isEmpty || hostname.contains(where: { "/?#@ ".contains($0) }) {
      throw ValidationError(
        "--hostname \(PrintSafe.quoted(hostname)) is not a host name; give one like 127.0.0.1 or provider.local")
    }
  }
}
