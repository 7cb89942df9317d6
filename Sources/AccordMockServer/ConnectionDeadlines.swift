import AccordModel
import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Closes connections that hold the server without using it: a new connection must send a request head within
/// `head`, a request must arrive in full within `idle` of its head, and a kept-alive connection may wait at most
/// `idle` for its next request. A client that trickles bytes (or sends none) cannot keep a stub's connection open.
///
/// ```swift
/// HTTP1Channel(responder: responder, configuration: .init(additionalChannelHandlers: [
///   ConnectionDeadlines(head: .seconds(30), idle: .seconds(120))
/// ]))
/// ```
final class ConnectionDeadlines: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPRequestPart
  typealias InboundOut = HTTPRequestPart
  typealias OutboundIn = HTTPResponsePart
  typealias OutboundOut = HTTPResponsePart

  /// What the connection is doing, and since when: a request costs two clock reads, not a timer each.
  private enum Phase {
    /// Waiting for a request head, at most `limit` from `since`.
    case waiting(since: NIODeadline, limit: TimeAmount)
    /// Reading a request's body, at most `limit` from its head.
    case receiving(since: NIODeadline, limit: TimeAmount)
    /// The server is answering: no deadline of the client's.
    case answering
  }

  private let head: TimeAmount
  private let idle: TimeAmount
  private var phase: Phase
  private var timer: Scheduled<Void>?

  init(head: Duration, idle: Duration) {
    self.head = .nanoseconds(head.clampedNanoseconds)
    self.idle = .nanoseconds(idle.clampedNanoseconds)
    self.phase = .waiting(since: .now(), limit: self.head)
  }

  func handlerAdded(context: ChannelHandlerContext) {
    if context.channel.isActive { start(context) }
  }

  func channelActive(context: ChannelHandlerContext) {
    start(context)
    context.fireChannelActive()
  }

  func handlerRemoved(context: ChannelHandlerContext) {
    timer?.cancel()
    timer = nil
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head: phase = .receiving(since: .now(), limit: idle)
    case .end: phase = .answering
    case .body: break
    }
    context.fireChannelRead(data)
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    if case .end = unwrapOutboundIn(data) { phase = .waiting(since: .now(), limit: idle) }
    context.write(data, promise: promise)
  }

  private func start(_ context: ChannelHandlerContext) {
    guard timer == nil else { return }
    phase = .waiting(since: .now(), limit: head)
    check(context, after: min(head, idle))
  }

  /// Closes the connection if its deadline has passed; otherwise looks again when it would pass or after the
  /// shorter limit, whichever is sooner, so that a deadline set between two looks is late by at most that limit.
  private func check(_ context: ChannelHandlerContext, after delay: TimeAmount) {
    timer = context.eventLoop.assumeIsolated().scheduleTask(in: delay) { [self] in
      switch phase {
      case .answering:
        check(context, after: min(head, idle))
      case .waiting(let since, let limit), .receiving(let since, let limit):
        let left = since + limit - .now()
        if left <= .zero {
          context.close(promise: nil)
        } else {
          // The phase may change before then (a request answered sets a shorter deadline): look again soon enough.
          check(context, after: min(left, min(head, idle)))
        }
      }
    }
  }
}
