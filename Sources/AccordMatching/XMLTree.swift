import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// An XML element reduced to what matching compares: qualified name, attributes, child elements and text.
struct XMLTree: Sendable {
  struct Name: Sendable, Hashable {
    let local: String
    let namespace: String?

    var qualified: String { namespace.map { "\($0):\(local)" } ?? local }
  }

  var name: Name
  /// Attributes without namespace declarations, in name order.
  var attributes: [(name: Name, value: String)]
  var children: [XMLTree]
  /// The element's own text: each run of text between child elements trimmed, then joined.
  var text: String

  /// How deeply elements may nest; deeper documents are refused (as JSON past 512 levels is).
  static let maximumDepth = 512

  /// Parses a document and returns its root element; throws a readable message for malformed XML.
  static func parse(_ data: Data) throws(XMLTreeError) -> XMLTree {
    let parser = XMLParser(data: data)
    let builder = XMLTreeBuilder()
    parser.delegate = builder
    parser.shouldProcessNamespaces = true
    parser.shouldReportNamespacePrefixes = true
    parser.shouldResolveExternalEntities = false
    let succeeded = parser.parse()
    if builder.tooDeep {
      throw XMLTreeError(
        message: "XML that nests deeper than \(maximumDepth) elements (line \(parser.lineNumber)); "
          + "Accord does not compare documents this deep")
    }
    guard succeeded, parser.parserError == nil, let root = builder.root else {
      throw XMLTreeError(
        message: "not well-formed XML (line \(parser.lineNumber), column \(parser.columnNumber))")
    }
    return root
  }
}

struct XMLTreeError: Error {
  let message: String
}

/// Builds ``XMLTree`` from parser events, resolving attribute prefixes to namespaces.
private final class XMLTreeBuilder: NSObject, XMLParserDelegate {
  var root: XMLTree?
  private(set) var tooDeep = false
  private var stack: [XMLTree] = []
  private var segment = ""
  private var prefixes: [String: [String]] = [:]

  func parser(_ parser: XMLParser, didStartMappingPrefix prefix: String, toURI namespaceURI: String) {
    prefixes[prefix, default: []].append(namespaceURI)
  }

  func parser(_ parser: XMLParser, didEndMappingPrefix prefix: String) {
    prefixes[prefix]?.removeLast()
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    flushText()
    guard stack.count < XMLTree.maximumDepth else {
      tooDeep = true
      parser.abortParsing()
      return
    }
    var resolved: [(name: XMLTree.Name, value: String)] = []
    for key in attributes.keys.sorted() {
      if key == "xmlns" || key.hasPrefix("xmlns:") { continue }
      let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
      let name =
        parts.count == 2
        ? XMLTree.Name(local: parts[1], namespace: prefixes[parts[0]]?.last)
        : XMLTree.Name(local: key, namespace: nil)
      resolved.append((name, attributes[key]!))
    }
    let namespace = namespaceURI.flatMap { $0.isEmpty ? nil : $0 }
    stack.append(
      XMLTree(
        name: XMLTree.Name(local: elementName, namespace: namespace), attributes: resolved, children: [], text: ""))
  }

  func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
    if tooDeep { return }
    flushText()
    guard let element = stack.popLast() else { return }
    if stack.isEmpty {
      root = element
    } else {
      stack[stack.count - 1].children.append(element)
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    segment += string
  }

  func parser(_ parser: XMLParser, foundCDATA block: Data) {
    segment += String(decoding: block, as: UTF8.self)
  }

  private func flushText() {
    let trimmed = segment.trimmingCharacters(in: .whitespacesAndNewlines)
    segment = ""
    guard !trimmed.isEmpty, !stack.isEmpty else { return }
    stack[stack.count - 1].text += trimmed
  }
}
