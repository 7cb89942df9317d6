#!/usr/bin/env python3
"""A small provider for contracts/ExampleWeb-UserService.json, the contract the README examples write.

usage: example-user-service.py PORT [--broken]

With --broken it breaks types, statuses and headers, so that a verifier must fail. Provider states are accepted at
POST /_pact/state ({"state", "params", "action"}), as the Pact verifier sends them.
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(sys.argv[1])
BROKEN = "--broken" in sys.argv[2:]


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_json(self, status, body, headers=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length) or b"{}")

    def do_GET(self):
        if self.path == "/users/42":
            if BROKEN:
                self.send_json(200, {"id": "42", "name": 7, "roles": []})
            else:
                self.send_json(200, {"id": 42, "name": "Alice Smith", "roles": ["admin", "auditor"]})
        else:
            self.send_json(404, {"error": "not found"})

    def do_POST(self):
        body = self.read_body()
        if self.path == "/_pact/state":
            self.send_json(200, {})
        elif self.path == "/users":
            if BROKEN:
                self.send_json(200, {"id": 7.5, "name": body.get("name")}, {"Location": "/people/7"})
            else:
                self.send_json(201, {"id": 7, "name": body.get("name"), "roles": []}, {"Location": "/users/7"})
        else:
            self.send_json(404, {"error": "not found"})


ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
