"""HTTP plumbing shared by the three origins: request parsing, the request
log, response helpers (JSON, bytes, files with Range/If-Range/If-None-Match),
and the fault switches that alter status or body."""
import hashlib
import json
import os
import socket
import sys
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from .faults import BODY_FAULTS


class HubServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, addr, handler, app, origin, family=socket.AF_INET):
        self.address_family = family
        self.app = app
        self.origin = origin
        super().__init__(addr, handler)

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError, OSError)):
            return  # clients hanging up mid-response is routine here
        super().handle_error(request, client_address)


class HttpError(Exception):
    """Raised by routes to answer with an error (status, headers, body)."""

    def __init__(self, status, body, headers=None, content_type="application/json"):
        super().__init__(status)
        self.status = status
        self.body = body
        self.headers = headers or []
        self.content_type = content_type


def parse_range(value, size):
    """Single byte range -> (start, end_exclusive); 'unsatisfiable'; or None
    when absent/unsupported (multi-range etc.: we then answer 200 in full)."""
    if not value or not value.startswith("bytes=") or "," in value:
        return None
    spec = value[6:].strip()
    first, sep, last = spec.partition("-")
    if not sep:
        return None
    try:
        if first == "":
            n = int(last)
            if n <= 0:
                return "unsatisfiable"
            return (max(0, size - n), size)
        start = int(first)
        end = int(last) + 1 if last else size
    except ValueError:
        return None
    if start >= size or end <= start:
        return "unsatisfiable"
    return (start, min(end, size))


class BaseHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; without TCP_NODELAY, Nagle plus the
    # client's delayed ACK adds ~40 ms to every keep-alive request (Qt reuses connections).
    disable_nagle_algorithm = True
    server_version = "ModelDockTestHub/1.0"
    sys_version = ""

    def version_string(self):
        return self.server_version

    def log_message(self, fmt, *args):
        if self.server.app.verbose:
            sys.stderr.write("[%s] %s\n" % (self.server.origin, fmt % args))

    # -- dispatch -------------------------------------------------------------
    def do_GET(self):
        self._handle()

    do_HEAD = do_POST = do_DELETE = do_PUT = do_OPTIONS = do_PATCH = do_GET

    def _handle(self):
        self.app = self.server.app
        self.origin = self.server.origin
        parts = urlsplit(self.path)
        self.url_path = parts.path
        self.query = parse_qs(parts.query, keep_blank_values=True)
        self.record = None
        self.body_bytes = 0
        self.headers_sent = False
        length = int(self.headers.get("Content-Length") or 0)
        self.req_body = self.rfile.read(length) if length else b""
        try:
            if not self.is_admin():
                self.record = self.app.log.start(self.origin, self.command, self.path, self.headers)
                scen = self.take(("status", "drop"))
                if scen and scen.fault == "drop":
                    # An unreachable hub: the connection closes without a byte of answer.
                    self.record["status"] = 0
                    self.close_connection = True
                    return
                if scen:
                    self.send_status_fault(scen)
                    return
            self.route()
        except HttpError as err:
            self.send_bytes(err.status, err.body if isinstance(err.body, bytes)
                            else json.dumps(err.body).encode(), err.content_type, err.headers)
        except (ConnectionError, TimeoutError):
            self.close_connection = True
        except Exception:  # a bug in the hub: answer 500 rather than hang the client
            traceback.print_exc(file=sys.stderr)
            if not self.headers_sent:
                self.send_bytes(500, b'{"error": "internal test hub error"}', "application/json")
            else:
                self.close_connection = True
        finally:
            if self.record is not None:
                self.record["t_done"] = time.time()  # with "t": how long the exchange took

    def is_admin(self):
        return False

    def route(self):
        raise NotImplementedError

    def q(self, name, default=None):
        vals = self.query.get(name)
        return vals[0] if vals else default

    def take(self, faults):
        if self.record is None:  # admin requests are never faulted (nor logged)
            return None
        return self.app.faults.take(self.origin, self.command, self.path, faults)

    def base_headers(self):
        """Hook for per-origin headers added to every response (rate limits)."""
        return []

    # -- low level ------------------------------------------------------------
    def send_head(self, status, headers):
        if self.record is not None:  # before the client can see the answer, not after
            self.record["status"] = status
        self.send_response(status)
        headers = list(headers)
        # A response that brings its own rate-limit state (a 429 fault) replaces the
        # normal one: two RateLimit headers (r=999 and r=0) would contradict each other.
        own = {name.lower() for name, _ in headers}
        if own & {"ratelimit", "ratelimit-policy"}:
            own |= {"ratelimit", "ratelimit-policy"}
        base = [(n, v) for n, v in self.base_headers() if n.lower() not in own]
        for name, value in base + headers:
            self.send_header(name, str(value))
        self.end_headers()
        self.headers_sent = True

    def _count(self, n):
        self.body_bytes += n
        if self.record is not None:
            self.record["bytes_sent"] = self.body_bytes

    def _send(self, data):
        # Counted first: a client may read the request log as soon as it holds the bytes.
        self._count(len(data))
        try:
            self.wfile.write(data)
        except OSError:
            self._count(-len(data))
            raise

    def write_body(self, chunks, status, total, start=0):
        """Write `chunks` (the bytes [start, start+total) of a resource),
        applying body faults when the response is a 200/206 GET."""
        faults = {}
        if self.command == "GET" and status in (200, 206) and total > 0:
            for name in BODY_FAULTS:
                s = self.take((name,))
                if s:
                    faults[name] = s
        if not faults and hasattr(chunks, "sendfile_path"):
            self._sendfile(chunks.sendfile_path, start, total)
            return
        cut = faults["cut_after"].params.get("bytes", 0) if "cut_after" in faults else None
        stall = faults.get("stall")
        stall_at = stall.params.get("bytes", 0) if stall else None
        corrupt = None
        if "corrupt_byte" in faults:
            corrupt = faults["corrupt_byte"].params.get("offset", self._resource_size // 2)
        rate = faults["slow"].params["rate"] if "slow" in faults else None
        sent = 0
        pos = start
        for piece in chunks:
            if corrupt is not None and pos <= corrupt < pos + len(piece):
                i = corrupt - pos
                piece = piece[:i] + bytes([piece[i] ^ 0xFF]) + piece[i + 1:]
            limit = len(piece)
            if cut is not None:
                limit = min(limit, cut - sent)
            if stall_at is not None:
                limit = min(limit, stall_at - sent)
            if limit < len(piece):
                self._write(piece[:limit], rate)
                sent += limit
                if stall_at is not None and sent >= stall_at:
                    time.sleep(float(stall.params.get("seconds", 30)))
                self._abort()
                return
            self._write(piece, rate)
            sent += len(piece)
            pos += len(piece)

    def _write(self, data, rate):
        if rate is None:
            self._send(data)
            return
        step = max(1, int(rate / 20))  # 50 ms slices
        for off in range(0, len(data), step):
            part = data[off:off + step]
            self._send(part)
            time.sleep(len(part) / rate)

    def _abort(self):
        """Drop the connection mid-body (client sees fewer bytes than announced)."""
        self.close_connection = True
        try:
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _sendfile(self, path, start, total):
        with open(path, "rb") as fh:
            sent = 0
            while sent < total:
                # In steps of 1 MiB, so the request log's bytes_sent stays close to what left
                # even when the client drops the connection mid-body (a killed download).
                n = self.connection.sendfile(fh, start + sent, min(total - sent, 1 << 20))
                if n == 0:
                    break
                sent += n
                self._count(n)

    # -- responses --------------------------------------------------------------
    def send_bytes(self, status, body, content_type, headers=()):
        hdrs = [("Content-Type", content_type), ("Content-Length", len(body))] + list(headers)
        self.send_head(status, hdrs)
        if self.command != "HEAD" and body:
            self._resource_size = len(body)
            self.write_body([body], status, len(body))

    def send_json(self, obj, status=200, headers=()):
        """JSON answer; honours the malformed_json / oversized_json faults."""
        scen = self.take(("malformed_json", "oversized_json"))
        ctype = "application/json; charset=utf-8"
        if scen and scen.fault == "malformed_json":
            body = json.dumps(obj).encode()
            body = body[:max(1, len(body) // 2)] + b'{"truncated'
            self.send_bytes(200, body, ctype, headers)
            return
        if scen:
            self._send_oversized(int(scen.params.get("mb", 64)), ctype, headers)
            return
        body = json.dumps(obj).encode()
        if status == 200 and self.command == "GET":
            # A weak ETag on JSON answers and 304 while it still matches, so a client can
            # re-check a listing page without downloading it (whether the real Hub API sends
            # one is UNCONFIRMED; clients must work either way).
            etag = 'W/"%s"' % hashlib.sha1(body).hexdigest()
            headers = list(headers) + [("ETag", etag)]
            inm = self.headers.get("If-None-Match")
            if inm and etag in [t.strip() for t in inm.split(",")]:
                self.send_head(304, headers + [("Content-Length", 0)])
                return
        self.send_bytes(status, body, ctype, headers)

    def _send_oversized(self, mb, ctype, headers):
        """A syntactically valid JSON array of `mb` MiB, streamed in pieces."""
        total = mb << 20
        item = b'{"_id":"000000000000000000000000","id":"oversized/padding","likes":0},'
        per_chunk = 4096
        chunk = item * per_chunk
        n_items = (total - 2) // len(item)
        tail_pad = total - 2 - n_items * len(item)
        self.send_head(200, [("Content-Type", ctype), ("Content-Length", total)] + list(headers))
        if self.command == "HEAD":
            return
        self._send(b"[")
        left = n_items
        while left > 0:
            k = min(left, per_chunk)
            part = chunk if k == per_chunk else item * k
            if left == k:
                part = part[:-1] + b" "  # no trailing comma after the last element
            self._send(part)
            left -= k
        self._send(b" " * tail_pad + b"]")

    def send_status_fault(self, scen):
        p = scen.params
        status = int(p.get("status", 503))
        headers = []
        if "retry_after" in p:
            headers.append(("Retry-After", p["retry_after"]))
        if "ratelimit" in p:
            headers.append(("RateLimit", p["ratelimit"]))
            name = p["ratelimit"].split(";")[0]
            headers.append(("RateLimit-Policy", f'"fixed window";{name};q=500;w=300'))
        body = p.get("body")
        if body is None:
            body = {"error": self.default_fault_message(status)}
            if self.origin == "hf":  # HF clients read the message from this header
                headers.append(("X-Error-Message", body["error"]))
        if isinstance(body, (dict, list)):
            self.send_bytes(status, json.dumps(body).encode(), "application/json", headers)
        else:
            self.send_bytes(status, str(body).encode(), "text/plain; charset=utf-8", headers)

    def default_fault_message(self, status):
        if status == 429 and self.origin == "civitai" and self.url_path.startswith("/api/download/"):
            return ("We've noticed an unusual amount of downloading from your account. "
                    "Contact support@civitai.com or come back later.")
        if status == 429:
            return "Rate limit exceeded, please retry shortly."
        return f"Injected fault: HTTP {status}"

    def send_blob(self, blob, *, etag, headers=(), content_type="application/octet-stream",
                  allow_304=True, raw_bytes=None):
        """Serve a file: HEAD, Range/206/416, If-Range, If-None-Match/304.
        `raw_bytes` overrides the content (e.g. an LFS pointer on /raw/)."""
        size = len(raw_bytes) if raw_bytes is not None else blob.size
        self._resource_size = size
        common = [("ETag", etag), ("Accept-Ranges", "bytes")] + list(headers)
        inm = self.headers.get("If-None-Match")
        if allow_304 and inm and etag in [t.strip() for t in inm.split(",")] + ["*"]:
            self.send_head(304, common + [("Content-Length", 0)])
            return
        rng = None
        if self.headers.get("Range"):
            if self.take(("ignore_range",)) is None:
                if_range = self.headers.get("If-Range")
                if if_range is None or if_range.strip() == etag:
                    rng = parse_range(self.headers["Range"], size)
        if rng == "unsatisfiable":
            self.send_head(416, common + [("Content-Range", f"bytes */{size}"),
                                          ("Content-Type", "application/json"),
                                          ("Content-Length", 0)])
            return
        start, end = rng if rng else (0, size)
        status = 206 if rng else 200
        hdrs = common + [("Content-Type", content_type), ("Content-Length", end - start)]
        if rng:
            hdrs.append(("Content-Range", f"bytes {start}-{end - 1}/{size}"))
        self.send_head(status, hdrs)
        if self.command == "HEAD" or end == start:
            return
        if raw_bytes is not None:
            self.write_body([raw_bytes[start:end]], status, end - start, start)
            return
        path = blob.file_path()
        chunks = blob.iter_range(start, end)
        if path:
            chunks = _FileChunks(chunks, path)
        self.write_body(chunks, status, end - start, start)


class _FileChunks:
    """Iterable of chunks that also advertises a file usable with sendfile."""

    def __init__(self, it, path):
        self._it = it
        self.sendfile_path = path

    def __iter__(self):
        return iter(self._it)


def bind_server(host, port, handler, app, origin):
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    return HubServer((host, port), handler, app, origin, family)


def file_exists(path):
    return os.path.exists(path)
