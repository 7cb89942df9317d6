import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers a connection's requests in the channel pipeline: it collects each request's body, hands head and body
/// to the attached ``Recorder``, and writes the ``Answer`` — on the connection's event loop, without a Swift task
/// or an async sequence per request, which is what a bare SwiftNIO server pays and no more.
///
/// A body larger than ``offloadBytes`` is matched off the event loop, so that a large upload does not stall the
/// other connections the loop serves; NIO's pipelining handler holds the connection's next request until the
/// answer is written. A body over ``HTTPConversion/maximumBodySize`` is answered 413 at once and the connection
/// closed, without reading the rest.
final class MockRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPRequestPart
  typealias OutboundOut = HTTPResponsePart

  /// Who answers: the recorder attached to the listener now, or nil when no test uses it.
  typealias Responder = @Sendable (HTTPRequest, ByteBuffer) -> Answer

  /// Bodies above this size are matched on the cooperative pool rather than on the event loop.
  static let offloadBytes = 256 * 1024

  private enum State {
    /// Between requests.
    case idle
    /// A request's head has come; its body so far.
    case reading(HTTPRequest, ByteBuffer)
    /// The request is refused; its body is not kept, and the refusal is written at its end.
    case refusing(HTTPRequest, Answer)
    /// The connection is being closed: anything more is ignored.
    case closing
  }

  private let respond: Responder
  private var state = State.idle
  /// An answer is being worked out off the loop.
  private var offloaded = false
  /// The client has closed its sending side: close once the answer in flight is written.
  private var inputClosed = false

  init(respond: @escaping Responder) {
    self.respond = respond
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head(let head):
      if let refusal = HTTPConversion.refusal(head) {
        state = .refusing(head, refusal)
      } else if let length = head.headerFields[.contentLength].flatMap({ Int($0) }),
        length > HTTPConversion.maximumBodySize
      {
        // Announced too large: refused before a byte of it is read.
        state = .closing
        write(HTTPConversion.tooLarge, for: head, closing: true, context: context)
      } else {
        state = .reading(head, ByteBuffer())
      }
    case .body(var chunk):
      guard case .reading(let head, var body) = state else { return }
      state = .idle  // the buffer is uniquely referenced while it grows
      guard body.readableBytes + chunk.readableBytes <= HTTPConversion.maximumBodySize else {
        state = .closing
        write(HTTPConversion.tooLarge, for: head, closing: true, context: context)
        return
      }
      body.writeBuffer(&chunk)
      state = .reading(head, body)
    case .end:
      switch state {
      case .reading(let head, let body):
        state = .idle
        answer(head, body, context: context)
      case .refusing(let head, let refusal):
        state = .idle
        write(refusal, for: head, closing: false, context: context)
      case .idle, .closing:
        break
      }
    }
  }

  /// A client that half-closes (it has sent all it will) gets the answer to a complete request, then the
  /// connection is closed; a request it left incomplete can never be answered, so it is closed at once.
  func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
    guard case ChannelEvent.inputClosed = event else {
      context.fireUserInboundEventTriggered(event)
      return
    }
    inputClosed = true
    if !offloaded {
      state = .closing
      context.close(promise: nil)
    }
  }

  /// A request that cannot be parsed has had its 400 from NIO's error handler; nothing more can be read from the
  /// connection, so it is closed. Any other error on the connection closes it too.
  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    state = .closing
    context.close(promise: nil)
  }

  private func answer(_ head: HTTPRequest, _ body: ByteBuffer, context: ChannelHandlerContext) {
    guard body.readableBytes > Self.offloadBytes else {
      write(respond(head, body), for: head, closing: false, context: context)
      return
    }
    let respond = self.respond
    let loop = context.eventLoop
    let bound = NIOLoopBound((self, context), eventLoop: loop)
    offloaded = true
    Task {
      let answer = respond(head, body)
      loop.execute {
        let (handler, context) = bound.value
        handler.offloaded = false
        handler.write(answer, for: head, closing: false, context: context)
      }
    }
  }

  /// Writes `answer` (its head only for a `HEAD` request), and closes the connection after it when the client
  /// asked to or `closing` says so.
  private func write(_ answer: Answer, for request: HTTPRequest, closing: Bool, context: ChannelHandlerContext) {
    guard context.channel.isActive else { return }
    let close = closing || inputClosed || Self.asksToClose(request)
    var response = HTTPResponse(status: answer.status, headerFields: answer.headers)
    if close { response.headerFields[.connection] = "close" }
    context.write(wrapOutboundOut(.head(response)), promise: nil)
    if request.method != .head, answer.body.readableBytes > 0 {
      context.write(wrapOutboundOut(.body(answer.body)), promise: nil)
    }
    guard close else {
      context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
      return
    }
    let written = context.eventLoop.makePromise(of: Void.self)
    context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
    let loop = context.eventLoop
    written.futureResult.assumeIsolated().whenComplete { _ in
      guard closing, !self.inputClosed else {
        context.close(promise: nil)
        return
      }
      // The client may still be sending the request we refused: stop writing but go on reading (and dropping)
      // for a moment, so that the refusal reaches it instead of a reset; then close.
      context.close(mode: .output, promise: nil)
      loop.assumeIsolated().scheduleTask(in: Self.lingering) { context.close(promise: nil) }
    }
  }

  /// How long a refused upload's connection is read (and dropped) after its answer, before it is closed.
  static let lingering = TimeAmount.seconds(2)

  /// `Connection: close` among the request's connection options.
  private static func asksToClose(_ request: HTTPRequest) -> Bool {
    guard let options = request.headerFields[.connection] else { return false }
    return HTTPConversion.tokens(options).contains("close")
  }
}
