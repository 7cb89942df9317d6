/// Contract file names: `<consumer>-<provider>.json`, as Pact tools name them, with path separators made safe.
enum ContractFileName {
  static func make(consumer: String, provider: String) -> String {
    "\(safe(consumer))-\(safe(provider)).json"
  }

  private static func safe(_ name: String) -> String {
    String(name.map { $0 == "/" || $0 == "\\" || $0 == ":" || $0 == "\0" ? "_" : $0 })
  }
}
