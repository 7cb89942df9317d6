#!/usr/bin/env python3
"""A server for webhooks in the interop scripts: appends each request it gets to FILE as one JSON line
({"method", "path", "body"}) and answers 200. Usage: webhook-receiver.py PORT FILE"""
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer


class Receiver(BaseHTTPRequestHandler):
    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(min(length, 1 << 20)).decode("utf-8", "replace")
        with open(sys.argv[2], "a", encoding="utf-8") as out:
            out.write(json.dumps({"method": self.command, "path": self.path, "body": body}) + "\n")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"received": true}')

    do_POST = do_PUT = do_GET = handle_any

    def log_message(self, *args):
        pass


HTTPServer(("127.0.0.1", int(sys.argv[1])), Receiver).serve_forever()
