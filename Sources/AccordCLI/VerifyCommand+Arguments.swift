import AccordClient
import AccordModel
import AccordVerifier
import ArgumentParser
import Foundation

/// Reading `accord verify`'s arguments: headers, selectors, comma-separated lists, and which flag an error is about.
extension VerifyCommand {
  /// `5000` for 5000.0, `2.5` for 2.5.
  static func plain(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
  }

  /// The longest --request-timeout accepted: a day.
  static let longestTimeout: Double = 86_400

  static func header(_ text: String) throws -> (name: String, value: String) {
    guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else {
      throw ValidationError(
        "--header \"\(text)\" is not \"Name: value\"; give one like --header \"Authorization: Bearer x\"")
    }
    return (
      String(text[..<colon]).trimmingCharacters(in: .whitespaces),
      String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
    )
  }

  /// `a,b` and `c` as `[a, b, c]`, each trimmed.
  static func commaSeparated(_ values: [String]) -> [String] {
    values.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }.map {
      $0.trimmingCharacters(in: .whitespaces)
    }
  }

  func parsedSelectors() throws -> [JSONValue] {
    var result: [JSONValue] = []
    for text in selectors {
      let value: JSONValue
      do {
        value = try JSONValue(parsing: text)
      } catch {
        throw ValidationError("--consumer-version-selectors is not JSON (\(error)): \(text)")
      }
      switch value {
      case .object: result.append(value)
      case .array(let items) where items.allSatisfy({ $0.objectValue != nil }): result += items
      default:
        throw ValidationError(
          "--consumer-version-selectors must be a JSON object or an array of objects, such as '{\"mainBranch\": true}'")
      }
    }
    return result
  }

  /// The flag whose value an error is about, named after the message so the user knows what to change.
  static func flag(for error: any Error) -> String? {
    switch error {
    case VerifierError.unreachable(let call): return flag(for: call)
    case let call as HTTPCallError:
      switch call.peer {
      case "the provider": return "--provider-base-url"
      case "the provider-states URL": return "--provider-states-url"
      case "the messages URL": return "--messages-url"
      case "the broker": return "--broker-url"
      default: return nil
      }
    case ClientError.file: return "--contract"
    case ClientError.call(let call): return flag(for: call)
    case ClientError.status(_, let status, _) where status == 401 || status == 403:
      return "--broker-token, or --broker-username and --broker-password"
    default: return nil
    }
  }
}
