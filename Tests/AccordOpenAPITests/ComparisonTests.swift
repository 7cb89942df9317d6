import AccordModel
import Foundation
import Testing

@testable import AccordOpenAPI

/// Each incompatibility kind: a case that must be found, and a near miss that must not.
@Suite struct ComparisonTests {
  static let yaml = """
    openapi: 3.0.3
    info: {title: Users, version: "1.0"}
    servers:
      - url: https://users.example.com/api/v1
    paths:
      /users/{id}:
        parameters:
          - {name: id, in: path, required: true, schema: {type: integer, format: int64}}
        get:
          operationId: getUser
          parameters:
            - {name: fields, in: query, schema: {type: string, enum: [full, short]}}
            - {name: X-Tenant, in: header, required: true, schema: {type: string}}
          responses:
            "200":
              description: a user
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/User'}
            "404": {description: no such user}
        delete:
          responses:
            "204": {description: deleted}
      /users/me:
        get:
          parameters:
            - {name: X-Tenant, in: header, schema: {type: string}}
          responses:
            "200":
              description: the caller
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/User'}
      /users:
        post:
          requestBody:
            required: true
            content:
              application/json:
                schema: {$ref: '#/components/schemas/NewUser'}
          responses:
            "201":
              description: created
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/User'}
            4XX: {description: refused}
    components:
      schemas:
        NewUser:
          type: object
          required: [name, email]
          properties:
            name: {type: string, minLength: 1}
            email: {type: string, format: email}
            id: {type: integer, readOnly: true}
        User:
          allOf:
            - $ref: '#/components/schemas/NewUser'
            - type: object
              required: [id]
              properties:
                id: {type: integer}
                role: {type: string, enum: [admin, member]}
                manager: {type: string, nullable: true}
                joined: {type: string, format: date}
                tags: {type: array, items: {type: string}, maxItems: 3}
    """

  static let document = try! OpenAPIDocument(data: Data(yaml.utf8), source: "users.yaml")

  static func contract(_ interactions: [Interaction]) -> Contract {
    Contract(consumer: "Web", provider: "Users", interactions: interactions)
  }

  static func http(
    _ method: String, _ path: String, query: Query = Query(), headers: Headers = ["X-Tenant": "acme"],
    body: JSONValue? = nil, status: Int = 200, response: JSONValue? = nil
  ) -> Interaction {
    Interaction(
      description: "\(method) \(path)",
      exchange: .http(
        request: PactRequest(
          method: method, path: path, query: query,
          headers: body == nil
            ? headers
            : {
              var all = headers; all.add("Content-Type", "application/json"); return all
            }(),
          body: body.map { .json($0) }),
        response: PactResponse(
          status: status, headers: response == nil ? [:] : ["Content-Type": "application/json"],
          body: response.map { .json($0) })))
  }

  static let user: JSONValue = ["id": 42, "name": "Ada", "email": "ada@example.com"]

  static func findings(_ interaction: Interaction) -> [Incompatibility] {
    ContractComparison(document).compare(contract([interaction])).incompatibilities
  }

  static func kinds(_ interaction: Interaction) -> [Incompatibility.Kind] { findings(interaction).map(\.kind) }

  @Test func aCompatibleInteractionHasNoFindingsAndNamesItsOperation() {
    let report = ContractComparison(Self.document).compare(
      Self.contract([Self.http("GET", "/api/v1/users/42", response: Self.user)]))
    #expect(report.isCompatible, "\(report.incompatibilities)")
    #expect(report.interactions[0].operation?.path == "/users/{id}")
    #expect(report.interactions[0].operation?.operationId == "getUser")
  }

  @Test func unknownPath() {
    #expect(Self.kinds(Self.http("GET", "/api/v1/accounts/42")) == [.unknownPath])
    // Near miss: a trailing slash is the same resource.
    #expect(Self.kinds(Self.http("GET", "/api/v1/users/42/", response: Self.user)) == [])
    // The server's base path is required: the document serves under /api/v1.
    #expect(Self.kinds(Self.http("GET", "/users/42")) == [.unknownPath])
  }

  @Test func unknownMethod() {
    let found = Self.findings(Self.http("PUT", "/api/v1/users/42"))
    #expect(found.map(\.kind) == [.unknownMethod])
    #expect(found.first?.message.contains("GET, DELETE") == true, "\(found)")
    #expect(Self.kinds(Self.http("DELETE", "/api/v1/users/42", status: 204)) == [])
  }

  @Test func aLiteralPathWinsOverATemplateAndATypedParameterPicksTheTemplate() {
    // /users/me is literal: not /users/{id} with id "me" (which an integer would refuse).
    #expect(Self.kinds(Self.http("GET", "/api/v1/users/me", headers: [:], response: Self.user)) == [])
    let found = Self.findings(Self.http("GET", "/api/v1/users/abc"))
    #expect(found.map(\.kind) == [.invalidParameter], "\(found)")
    #expect(found.first?.providerPath == "$.paths['/users/{id}'].parameters[0].schema", "\(found)")
  }

  @Test func missingParameter() {
    let found = Self.findings(Self.http("GET", "/api/v1/users/42", headers: [:], response: Self.user))
    #expect(found.map(\.kind) == [.missingParameter])
    #expect(found.first?.consumerPath == "$.interactions[0].request.headers['X-Tenant']")
    #expect(found.first?.providerPath == "$.paths['/users/{id}'].get.parameters[1]")
    // Near miss: header names are case-insensitive.
    #expect(Self.kinds(Self.http("GET", "/api/v1/users/42", headers: ["x-tenant": "acme"], response: Self.user)) == [])
  }

  @Test func invalidParameter() {
    #expect(
      Self.kinds(Self.http("GET", "/api/v1/users/42", query: ["fields": ["all"]], response: Self.user)) == [
        .invalidParameter
      ])
    #expect(Self.kinds(Self.http("GET", "/api/v1/users/42", query: ["fields": ["full"]], response: Self.user)) == [])
  }

  @Test func requestBodyAndItsContentType() {
    let created = Self.user
    #expect(
      Self.kinds(
        Self.http(
          "POST", "/api/v1/users", body: ["name": "Ada", "email": "ada@example.com"], status: 201, response: created))
        == [])
    // Near miss: readOnly id need not be sent; here it is missing the required email instead.
    let missing = Self.findings(
      Self.http("POST", "/api/v1/users", body: ["name": "Ada"], status: 201, response: created))
    #expect(missing.map(\.kind) == [.requestBody], "\(missing)")
    #expect(missing.first?.providerPath == "$.components.schemas.NewUser.properties.email", "\(missing)")
    #expect(
      Self.kinds(
        Self.http(
          "POST", "/api/v1/users", body: ["name": "", "email": "not an address"], status: 201, response: created)) == [
          .requestBody, .requestBody,
        ])
    #expect(Self.kinds(Self.http("POST", "/api/v1/users", status: 201, response: created)) == [.missingRequestBody])
    var form = Self.http("POST", "/api/v1/users", status: 201, response: created)
    if case .http(var request, let response) = form.exchange {
      request.headers.add("Content-Type", "application/x-www-form-urlencoded")
      request.body = Body(data: Data("name=Ada".utf8), contentType: .formURLEncoded)
      form.exchange = .http(request: request, response: response)
    }
    #expect(Self.kinds(form) == [.requestContentType])
  }

  @Test func responseStatus() {
    #expect(Self.kinds(Self.http("GET", "/api/v1/users/42", status: 500)) == [.responseStatus])
    // Near misses: a declared status, and one a range covers.
    #expect(Self.kinds(Self.http("GET", "/api/v1/users/42", status: 404)) == [])
    #expect(Self.kinds(Self.http("POST", "/api/v1/users", body: ["name": "A", "email": "a@b.c"], status: 409)) == [])
  }

  @Test func responseBodyTypesNullsEnumsFormatsAndSizes() {
    func body(_ changes: JSONObject) -> Interaction {
      var user = Self.user.objectValue!
      for (key, value) in changes { user[key] = value }
      return Self.http("GET", "/api/v1/users/42", response: .object(user))
    }
    #expect(Self.kinds(body(["id": "42"])) == [.responseBody])
    #expect(Self.kinds(body(["name": .null])) == [.responseBody])
    #expect(Self.kinds(body(["manager": .null])) == [], "nullable: true admits null")
    #expect(Self.kinds(body(["role": "owner"])) == [.responseBody])
    #expect(Self.kinds(body(["role": "admin"])) == [])
    #expect(Self.kinds(body(["joined": "2026-02-30"])) == [.responseBody])
    #expect(Self.kinds(body(["joined": "2024-02-29"])) == [])
    #expect(Self.kinds(body(["tags": ["a", "b", "c", "d"]])) == [.responseBody])
    #expect(Self.kinds(body(["tags": ["a", "b", "c"]])) == [])
  }

  @Test func aResponsePropertyTheSchemaDoesNotDefine() {
    var user = Self.user.objectValue!
    user["nickname"] = "ada"
    let found = Self.findings(Self.http("GET", "/api/v1/users/42", response: .object(user)))
    #expect(found.map(\.kind) == [.undeclaredResponseProperty])
    #expect(found.first?.consumerPath == "$.interactions[0].response.body.nickname")
    // Near miss: a property defined by the other part of allOf (email is in NewUser, role in the second part).
    user["nickname"] = nil
    user["role"] = "member"
    #expect(Self.kinds(Self.http("GET", "/api/v1/users/42", response: .object(user))) == [])
  }

  @Test func responseContentType() {
    var xml = Self.http("GET", "/api/v1/users/42")
    if case .http(let request, var response) = xml.exchange {
      response.headers = ["Content-Type": "application/xml"]
      response.body = Body(data: Data("<user/>".utf8), contentType: .xml)
      xml.exchange = .http(request: request, response: response)
    }
    #expect(Self.kinds(xml) == [.responseContentType])
    #expect(
      Self.kinds(Self.http("GET", "/api/v1/users/42", status: 404, response: ["error": "none"])) == [
        .responseContentType
      ])
  }
}
