import AccordModel
import HTTPTypes

extension Headers {
  /// The fields of a swift-http-types message (what Hummingbird requests carry), in order, names as sent.
  ///
  /// ```swift
  /// let headers = Headers(request.headers)
  /// headers.contentType  // application/json
  /// ```
  public init(_ fields: HTTPFields) {
    self.init()
    for field in fields { add(field.name.rawName, field.value) }
  }
}

extension HTTPFields {
  /// The headers as swift-http-types fields, one field per value. Names that are not HTTP tokens and values with
  /// CR, LF or NUL cannot be sent and are left out; `skipped` gets their names.
  ///
  /// ```swift
  /// let response = Response(status: .ok, headers: HTTPFields(contractResponse.headers))
  /// ```
  public init(_ headers: Headers, skipped: ((String) -> Void)? = nil) {
    self.init()
    for field in headers.fields {
      guard let name = HTTPField.Name(field.name) else {
        skipped?(field.name)
        continue
      }
      for value in field.values {
        guard HTTPToken.isFieldValue(value) else {
          skipped?(field.name)
          continue
        }
        append(HTTPField(name: name, value: value))
      }
    }
  }
}
