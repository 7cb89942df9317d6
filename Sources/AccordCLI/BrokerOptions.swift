import AccordClient
import AccordModel
import AccordVerifier
import ArgumentParser
import Foundation

/// How to reach and authenticate to a Pact Broker; shared by the commands that talk to one.
struct BrokerOptions: ParsableArguments {
  @Option(
    name: .customLong("broker-url"),
    help: "The broker's base URL (or ACCORD_BROKER_URL, or PACT_BROKER_BASE_URL).")
  var url: String?

  @Option(
    name: [.customLong("broker-token"), .customLong("token")],
    help: "A bearer token for the broker (or ACCORD_BROKER_TOKEN, or PACT_BROKER_TOKEN).")
  var token: String?

  @Option(
    name: [.customLong("broker-username"), .customLong("user")],
    help: "A username for the broker (or ACCORD_BROKER_USERNAME, or PACT_BROKER_USERNAME).")
  var username: String?

  @Option(
    name: [.customLong("broker-password"), .customLong("password")],
    help: "A password for the broker (or ACCORD_BROKER_PASSWORD, or PACT_BROKER_PASSWORD).")
  var password: String?

  /// The URL from the flag or the environment, as Accord and the Pact tools read it.
  var resolvedURL: String? {
    url ?? Environment.value("ACCORD_BROKER_URL") ?? Environment.value("PACT_BROKER_BASE_URL")
  }

  var credentials: Credentials {
    if let token = token ?? Environment.value("ACCORD_BROKER_TOKEN") ?? Environment.value("PACT_BROKER_TOKEN") {
      return .bearer(token)
    }
    if let username = username ?? Environment.value("ACCORD_BROKER_USERNAME")
      ?? Environment.value("PACT_BROKER_USERNAME")
    {
      let password =
        password ?? Environment.value("ACCORD_BROKER_PASSWORD") ?? Environment.value("PACT_BROKER_PASSWORD") ?? ""
      return .basic(username: username, password: password)
    }
    return .none
  }

  /// A client for the broker; the URL must be given one way or another.
  func client() throws -> BrokerClient {
    guard let url = resolvedURL else {
      throw ValidationError(
        "give the broker's URL: --broker-url URL (or set ACCORD_BROKER_URL or PACT_BROKER_BASE_URL)")
    }
    try URLArgument.check(url, flag: "--broker-url")
    return BrokerClient(baseURL: url, credentials: credentials)
  }

  func validate() throws {
    if token != nil && (username != nil || password != nil) {
      throw ValidationError("give either --broker-token or --broker-username and --broker-password, not both")
    }
    if password != nil && username == nil {
      throw ValidationError("--broker-password needs --broker-username")
    }
    if let url { try URLArgument.check(url, flag: "--broker-url") }
  }
}

enum Environment {
  static func value(_ name: String) -> String? {
    guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
    return value
  }
}

enum URLArgument {
  /// Accepts `http://` and `https://` URLs with a host.
  static func check(_ text: String, flag: String) throws {
    guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
      url.host != nil
    else {
      throw ValidationError(
        "\(flag) \(PrintSafe.quoted(text)) is not an http(s) URL; give one like http://127.0.0.1:8080")
    }
    if let port = url.port, !(1...65535).contains(port) {
      throw ValidationError("\(flag) \(PrintSafe.quoted(text)) has the port \(port); a port is from 1 to 65535")
    }
  }
}
