#!/usr/bin/env python3
"""One address for both hubs, as a mirror that serves the Hugging Face and Civitai APIs would be.

Forwards Civitai's routes (/api/v1/..., /api/download/...) to the test hub's Civitai origin and
everything else to its Hugging Face origin, without following redirects; in JSON answers the
two origins' URLs are rewritten to the proxy's own, as a mirror's links name the mirror. With
--add-collection-item JSON (repeatable) it appends that item to every collection answer, so a
test can serve a collection holding something that is not a model; --add-tree-entry JSON
(repeatable) does the same for every file tree page.

Prints {"url": "http://127.0.0.1:PORT"} once listening; exits when stdin closes.
"""
import argparse
import http.client
import json
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
              "proxy-authorization", "proxy-authenticate", "host", "content-length"}


def make_handler(hf, civitai, extra_items, extra_entries):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def _forward(self):
            civ = self.path.startswith("/api/v1/") or self.path.startswith("/api/download/")
            target = urllib.parse.urlsplit(civitai if civ else hf)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            conn = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
            try:
                conn.request(self.command, self.path, body=body, headers=headers)
                reply = conn.getresponse()
                data = reply.read()
                if "json" in (reply.getheader("Content-Type") or ""):
                    # As a mirror would: the hubs' own links (Civitai's downloadUrl) name the
                    # mirror's address, not the origin behind it.
                    for origin in (hf, civitai):
                        data = data.replace(origin.rstrip("/").encode(), self.server.own_url.encode())
                if (extra_items and self.command == "GET" and reply.status == 200
                        and self.path.startswith("/api/collections/")):
                    document = json.loads(data)
                    document["items"].extend(extra_items)
                    data = json.dumps(document).encode()
                if (extra_entries and self.command == "GET" and reply.status == 200
                        and self.path.startswith("/api/models/") and "/tree/" in self.path):
                    document = json.loads(data)
                    document.extend(extra_entries)
                    data = json.dumps(document).encode()
                self.send_response(reply.status)
                for name, value in reply.getheaders():
                    if name.lower() not in HOP_BY_HOP:
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)
            finally:
                conn.close()

        do_GET = do_HEAD = do_POST = _forward

    return Handler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hf", required=True)
    parser.add_argument("--civitai", required=True)
    parser.add_argument("--add-collection-item", action="append", default=[])
    parser.add_argument("--add-tree-entry", action="append", default=[])
    args = parser.parse_args()
    items = [json.loads(item) for item in args.add_collection_item]
    entries = [json.loads(entry) for entry in args.add_tree_entry]
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(args.hf, args.civitai, items, entries))
    server.daemon_threads = True
    server.own_url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(json.dumps({"url": server.own_url}), flush=True)
    sys.stdin.read()  # until the test closes our stdin (or dies)
    server.shutdown()


if __name__ == "__main__":
    main()
