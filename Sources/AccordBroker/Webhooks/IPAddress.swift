import Foundation

/// An IPv4 or IPv6 address, parsed without the network: the forms a URL's host may take, including the ones
/// `inet_aton` accepts (`2130706433`, `0x7f000001`, `127.1`, `0177.0.0.1`), bracketed IPv6 and IPv4-mapped IPv6.
///
/// ```swift
/// IPAddress(host: "0x7f000001")?.description          // "127.0.0.1"
/// IPAddress(host: "[::ffff:127.0.0.1]")?.embeddedIPv4  // 127.0.0.1
/// ```
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
  /// 4 bytes for IPv4, 16 for IPv6, in network order.
  public let bytes: [UInt8]

  public init?(bytes: [UInt8]) {
    guard bytes.count == 4 || bytes.count == 16 else { return nil }
    self.bytes = bytes
  }

  public var isIPv4: Bool { bytes.count == 4 }

  /// A URL's host as an address, or `nil` when it is a name.
  public init?(host: String) {
    var text = Substring(host)
    if text.hasPrefix("[") && text.hasSuffix("]") { text = text.dropFirst().dropLast() }
    if let address = Self.ipv4(text) ?? Self.ipv6(text) {
      self = address
    } else {
      return nil
    }
  }

  /// The IPv4 address inside an IPv4-mapped (`::ffff:a.b.c.d`), IPv4-compatible (`::a.b.c.d`) or NAT64
  /// (`64:ff9b::a.b.c.d`) IPv6 address.
  public var embeddedIPv4: IPAddress? {
    guard bytes.count == 16 else { return nil }
    let head = bytes[0..<12]
    let mapped = head.elementsEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff])
    let compatible = head.allSatisfy { $0 == 0 } && bytes[12..<16].contains { $0 != 0 } && bytes[12] != 0
    let nat64 = head.elementsEqual([0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0])
    guard mapped || compatible || nat64 else { return nil }
    return IPAddress(bytes: Array(bytes[12..<16]))
  }

  public var description: String {
    if isIPv4 { return bytes.map(String.init).joined(separator: ".") }
    var groups: [UInt16] = []
    for index in stride(from: 0, to: 16, by: 2) { groups.append(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])) }
    // The longest run of two or more zero groups becomes "::".
    var best = (start: -1, length: 0)
    var run = (start: -1, length: 0)
    for (index, group) in groups.enumerated() {
      if group == 0 {
        run = run.start < 0 ? (index, 1) : (run.start, run.length + 1)
        if run.length > best.length { best = run }
      } else {
        run = (-1, 0)
      }
    }
    func hex(_ slice: ArraySlice<UInt16>) -> String { slice.map { String($0, radix: 16) }.joined(separator: ":") }
    guard best.length >= 2 else { return hex(groups[...]) }
    return hex(groups[..<best.start]) + "::" + hex(groups[(best.start + best.length)...])
  }

  // MARK: Parsing

  /// `inet_aton`'s forms: one to four parts, each decimal, octal (leading 0) or hexadecimal (0x); the last part
  /// fills the bytes that remain.
  static func ipv4(_ text: Substring) -> IPAddress? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...4).contains(parts.count) else { return nil }
    var values: [UInt64] = []
    for part in parts {
      guard let value = number(part) else { return nil }
      values.append(value)
    }
    var bytes: [UInt8] = []
    for value in values.dropLast() {
      guard value <= 255 else { return nil }
      bytes.append(UInt8(value))
    }
    let remaining = 4 - bytes.count
    let last = values[values.count - 1]
    guard last < (UInt64(1) << (8 * UInt64(remaining))) else { return nil }
    for shift in stride(from: remaining - 1, through: 0, by: -1) {
      bytes.append(UInt8((last >> (8 * UInt64(shift))) & 0xff))
    }
    return IPAddress(bytes: bytes)
  }

  static func number(_ part: Substring) -> UInt64? {
    guard !part.isEmpty, part.count <= 34 else { return nil }
    let lower = part.lowercased()
    if lower.hasPrefix("0x") {
      let digits = lower.dropFirst(2)
      return digits.isEmpty ? 0 : UInt64(digits, radix: 16)
    }
    if lower.count > 1 && lower.hasPrefix("0") { return UInt64(lower.dropFirst(), radix: 8) }
    return UInt64(lower, radix: 10)
  }

  /// RFC 4291's text forms: eight groups, `::` for a run of zeros, a dotted IPv4 tail; a zone (`%eth0`) is dropped.
  static func ipv6(_ text: Substring) -> IPAddress? {
    var text = text
    if let percent = text.firstIndex(of: "%") { text = text[..<percent] }
    guard text.contains(":"), text.count <= 64 else { return nil }
    var tail: [UInt8] = []
    if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
      let dotted = text[text.index(after: lastColon)...]
      let parts = dotted.split(separator: ".", omittingEmptySubsequences: false)
      guard parts.count == 4 else { return nil }
      for part in parts {
        guard let byte = UInt8(part, radix: 10) else { return nil }
        tail.append(byte)
      }
      text = text[...lastColon]
      if text.hasSuffix("::") == false { text = text.dropLast() }
    }
    let halves = text.components(separatedBy: "::")
    guard halves.count <= 2 else { return nil }
    func groups(_ half: String) -> [UInt16]? {
      guard !half.isEmpty else { return [] }
      var result: [UInt16] = []
      for group in half.split(separator: ":", omittingEmptySubsequences: false) {
        guard (1...4).contains(group.count), let value = UInt16(group, radix: 16) else { return nil }
        result.append(value)
      }
      return result
    }
    guard let head = groups(halves[0]) else { return nil }
    let rest = halves.count == 2 ? groups(halves[1]) : []
    guard let rest else { return nil }
    let wanted = 8 - tail.count / 2
    var all: [UInt16]
    if halves.count == 2 {
      guard head.count + rest.count < wanted else { return nil }
      all = head + Array(repeating: 0, count: wanted - head.count - rest.count) + rest
    } else {
      guard head.count == wanted else { return nil }
      all = head
    }
    var bytes: [UInt8] = []
    for group in all { bytes += [UInt8(group >> 8), UInt8(group & 0xff)] }
    return IPAddress(bytes: bytes + tail)
  }
}

/// A block of addresses in CIDR notation (`10.0.0.0/8`, `fd00::/8`, or one address).
///
/// ```swift
/// AddressRange("10.0.0.0/8")?.contains(IPAddress(host: "10.1.2.3")!)  // true
/// ```
public struct AddressRange: Hashable, Sendable, CustomStringConvertible {
  public let address: IPAddress
  public let prefixLength: Int

  public init?(_ text: String) {
    let parts = text.split(separator: "/", maxSplits: 1)
    guard let first = parts.first, let address = IPAddress(host: String(first)) else { return nil }
    let bits = address.bytes.count * 8
    if parts.count == 2 {
      guard let length = Int(parts[1]), (0...bits).contains(length) else { return nil }
      self.init(address, prefixLength: length)
    } else {
      self.init(address, prefixLength: bits)
    }
  }

  public init(_ address: IPAddress, prefixLength: Int) {
    self.address = address
    self.prefixLength = prefixLength
  }

  public func contains(_ candidate: IPAddress) -> Bool {
    guard candidate.bytes.count == address.bytes.count else { return false }
    var remaining = prefixLength
    for (left, right) in zip(candidate.bytes, address.bytes) {
      guard remaining > 0 else { return true }
      let mask: UInt8 = remaining >= 8 ? 0xff : ~(0xff >> UInt8(remaining))
      if left & mask != right & mask { return false }
      remaining -= 8
    }
    return true
  }

  public var description: String { "\(address)/\(prefixLength)" }
}
