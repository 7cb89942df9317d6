import HTTPTypes
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// The mock server's HTTP/1.1 connections, served by HummingbirdCore's ``Server``: NIO's HTTP/1.1 codec with
/// pipelining assistance, ``ConnectionDeadlines`` and a ``MockRequestHandler`` that answers each request in the
/// pipeline. The connection's task only waits for it to close.
///
/// ```swift
/// let server = MockHTTPChannel(connections: connections, head: .seconds(30), idle: .seconds(120)) { head, body in
///   Answer(status: .ok)
/// }.server(configuration: configuration, eventLoopGroup: group, logger: logger)
/// ```
struct MockHTTPChannel: ServerChildChannel {
  struct Value: ServerChildChannelValue {
    let channel: any Channel
  }

  let connections: ConnectionSet
  let head: Duration
  let idle: Duration
  let respond: MockRequestHandler.Responder

  init(
    connections: ConnectionSet, head: Duration, idle: Duration,
    respond: @escaping MockRequestHandler.Responder
  ) {
    self.connections = connections
    self.head = head
    self.idle = idle
    self.respond = respond
  }

  func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
    connections.insert(channel)
    return channel.eventLoop.makeCompletedFuture {
      // Pipelining assistance: a client's next request waits in NIO until this one is answered; a quiesce event
      // (the listener detaching or shutting down) closes the connection once the request in flight is answered.
      // Error handling: a request that cannot be parsed gets a 400 and the connection is closed.
      try channel.pipeline.syncOperations.configureHTTPServerPipeline(
        withPipeliningAssistance: true, withErrorHandling: true)
      try channel.pipeline.syncOperations.addHandler(HTTP1ToHTTPServerCodec(secure: false))
      try channel.pipeline.syncOperations.addHandler(ConnectionDeadlines(head: head, idle: idle))
      try channel.pipeline.syncOperations.addHandler(MockRequestHandler(respond: respond))
      return Value(channel: channel)
    }
  }

  func handle(value: Value, logger: Logger) async {
    try? await value.channel.closeFuture.get()
  }
}
