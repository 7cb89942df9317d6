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

  private let head: TimeAmount
  private let idle: TimeAmount
  private var pending: Scheduled<Void>?

  init(head: Duration, idle: Duration) {
    self.head = .nanoseconds(head.clampedNanoseconds)
    self.idle = .nanoseconds(idle.clampedNanoseconds)
  }

  func handlerAdded(context: ChannelHandlerContext) {
    if context.channel.isActive { arm(context, after: head) }
  }

  func channelActive(context: ChannelHandlerContext) {
    arm(context, after: head)
    context.fireChannelActive()
  }

  func handlerRemoved(context: ChannelHandlerContext) {
    pending?.cancel()
    pending = nil
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head: arm(context, after: idle)
    case .end: disarm()
    case .body: break
    }
    context.fireChannelRead(data)
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    if case .end = unwrapOutboundIn(data) {
      let future = context.write(data)
      future.whenComplete { _ in self.arm(context, after: self.idle) }
      future.cascade(to: promise)
      return
    }
    context.write(data, promise: promise)
  }

  private func arm(_ context: ChannelHandlerContext, after delay: TimeAmount) {
    pending?.cancel()
    pending = context.eventLoop.scheduleTask(in: delay) { context.close(promise: nil) }
  }

  private func disarm() {
    pending?.cancel()
    pending = nil
  }
}

extension Duration {
  /// Nanoseconds, clamped to what `Int64` holds.
  var clampedNanoseconds: Int64 {
    let (seconds, overflow) = components.seconds.multipliedReportingOverflow(by: 1_000_000_000)
    if overflow { return components.seconds < 0 ? Int64.min : Int64.max }
    let (total, overflowAdding) = seconds.addingReportingOverflow(components.attoseconds / 1_000_000_000)
    return overflowAdding ? Int64.max : total
  }
}
