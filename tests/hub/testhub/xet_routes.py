"""The two Xet origins (docs/xet/api.md, download-protocol.md).

* cas: GET /v2/reconstructions/{hash}, GET /v1/reconstructions/{hash} (deprecated shape
  with fetch_info), HEAD /v1/files/{hash}. Bearer token from /xet-read-token required.
* xorbs: GET /xorb/default/{hash} with a signed URL; the Range header must stay inside
  the signed ranges. One range -> 206, several -> 206 multipart/byteranges."""
import json
import re

from . import xetauth
from .httpbase import BaseHandler, HttpError

HASH_RE = re.compile(r"^[0-9a-f]{64}$")
MAX_RANGES_PER_URL = 32  # the real server splits an entry when its URL would grow too long
BOUNDARY = "testhub-xorb-byteranges"


def _cas_error(status, message):
    return HttpError(status, {"error": message})


def plan(xf, xorbs, first, last):
    """Terms covering the file bytes [first, last] at chunk granularity, the bytes to skip
    from the first term, and per xorb the merged chunk ranges to fetch."""
    terms, skip, pos = [], 0, 0
    for xh, start, end, length in xf.terms:
        if pos > last:
            break
        if pos + length <= first:
            pos += length
            continue
        x = xorbs(xh)
        cs, ce, cpos, size = None, start, pos, 0
        for i in range(start, end):
            n = x.lengths[i]
            if cpos + n > first and cpos <= last:
                if cs is None:
                    cs = i
                    if not terms:
                        skip = first - cpos
                ce = i + 1
                size += n
            cpos += n
        terms.append((xh, cs, ce, size))
        pos += length
    fetch = {}
    for xh, cs, ce, _ in terms:
        fetch.setdefault(xh, []).append([cs, ce])
    for xh, ranges in fetch.items():
        ranges.sort()
        merged = [ranges[0]]
        for cs, ce in ranges[1:]:
            if cs <= merged[-1][1]:  # overlapping or contiguous: one fetch, as the real CAS does
                merged[-1][1] = max(merged[-1][1], ce)
            else:
                merged.append([cs, ce])
        fetch[xh] = merged
    return terms, skip, fetch


class CasHandler(BaseHandler):
    def route(self):
        m = re.match(r"^/(v1|v2)/(reconstructions|files)/([^/]*)$", self.url_path)
        if not m or not ((m.group(2) == "reconstructions" and self.command == "GET")
                         or (m.group(2) == "files" and m.group(1) == "v1" and self.command == "HEAD")):
            raise _cas_error(404, "Not Found")
        version, kind, file_hash = m.groups()
        repo, why = xetauth.check_token(self.headers.get("Authorization"))
        if repo is None:
            raise _cas_error(401, why)
        if not HASH_RE.match(file_hash):
            raise _cas_error(400, "Invalid file hash")
        store = self.app.xet
        xf = store.get_file(file_hash)
        if xf is None:
            raise _cas_error(404, "File not found")
        if repo not in xf.repos:
            raise _cas_error(401, "token does not grant this file")
        if kind == "files":
            self.send_head(200, [("Content-Length", xf.size)])
            return
        first, last = 0, xf.size - 1
        if self.headers.get("Range"):
            ranges = xetauth.parse_ranges(self.headers["Range"])
            if not ranges or len(ranges) != 1:
                raise _cas_error(400, "Invalid Range header")
            first, last = ranges[0]
            if first >= xf.size:
                raise HttpError(416, {"error": "Range start beyond end of file"},
                                [("Content-Range", f"bytes */{xf.size}")])
            last = min(last, xf.size - 1)
        if xf.size == 0:
            self.send_json({"offset_into_first_range": 0, "terms": [],
                            "xorbs" if version == "v2" else "fetch_info": {}})
            return
        terms, skip, fetch = plan(xf, store.get_xorb, first, last)
        out = {"offset_into_first_range": skip,
               "terms": [{"hash": h, "unpacked_length": n, "range": {"start": s, "end": e}}
                         for h, s, e, n in terms]}
        base, ttl = self.app.xorbs_url, self.app.xet_url_ttl
        if version == "v2":
            out["xorbs"] = {}
            for xh, ranges in fetch.items():
                x = store.get_xorb(xh)
                entries = []
                for i in range(0, len(ranges), MAX_RANGES_PER_URL):
                    group = ranges[i:i + MAX_RANGES_PER_URL]
                    spans = [(x.offsets[cs], x.offsets[ce] - 1) for cs, ce in group]
                    entries.append({"url": xetauth.xorb_url(base, xh, spans, ttl),
                                    "ranges": [{"chunks": {"start": cs, "end": ce},
                                                "bytes": {"start": a, "end": b}}
                                               for (cs, ce), (a, b) in zip(group, spans)]})
                out["xorbs"][xh] = entries
        else:
            out["fetch_info"] = {}
            for xh, ranges in fetch.items():
                x = store.get_xorb(xh)
                out["fetch_info"][xh] = [
                    {"range": {"start": cs, "end": ce},
                     "url": xetauth.xorb_url(base, xh, [(x.offsets[cs], x.offsets[ce] - 1)], ttl),
                     "url_range": {"start": x.offsets[cs], "end": x.offsets[ce] - 1}}
                    for cs, ce in ranges]
        self.send_json(out)


def _denied(message):
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code>'
            f"<Message>{message}</Message></Error>").encode()
    return HttpError(403, body, content_type="application/xml")


class _Chunks:
    """File pieces for write_body; advertises the file so a fault-free body goes by sendfile."""

    def __init__(self, path, start, end, sendfile):
        self.path, self.start, self.end = path, start, end
        if sendfile:
            self.sendfile_path = path

    def __iter__(self):
        with open(self.path, "rb") as fh:
            fh.seek(self.start)
            left = self.end - self.start
            while left > 0:
                piece = fh.read(min(1 << 20, left))
                if not piece:
                    return
                left -= len(piece)
                yield piece


class XorbHandler(BaseHandler):
    def route(self):
        if self.command not in ("GET", "HEAD"):
            raise HttpError(405, b"", content_type="text/plain")
        m = re.match(r"^/xorb/default/([0-9a-f]{64})$", self.url_path)
        if not m:
            raise _denied("Access denied")
        xh = m.group(1)
        signed = self.q("X-Xet-Signed-Range")
        why = xetauth.check_url(xh, signed, self.q("Expires"), self.q("Signature"))
        if why == "signature":
            raise _denied("Access denied")
        expire = self.take(("expire_link",))
        if why == "expired" or expire:
            raise _denied("Request has expired")
        x = self.app.xet.get_xorb(xh)
        if x is None:
            raise HttpError(404, b"", content_type="application/xml")
        allowed = xetauth.parse_ranges(signed) or []
        wanted = xetauth.parse_ranges(self.headers.get("Range"))
        if not wanted or not all(any(a <= s and e <= b for a, b in allowed) for s, e in wanted):
            raise _denied("Range not within the signed ranges")
        size = x.offsets[-1]
        if any(e >= size for _, e in wanted):
            self.send_head(416, [("Content-Range", f"bytes */{size}"), ("Content-Length", 0)])
            return
        self._resource_size = size
        if len(wanted) == 1:
            s, e = wanted[0]
            self.send_head(206, [("Content-Type", "application/octet-stream"),
                                 ("Content-Length", e - s + 1), ("Accept-Ranges", "bytes"),
                                 ("Content-Range", f"bytes {s}-{e}/{size}")])
            if self.command == "GET":
                self.write_body(_Chunks(x.path, s, e + 1, True), 206, e - s + 1, s)
            return
        parts, total = [], 0
        for i, (s, e) in enumerate(wanted):
            head = (("\r\n" if i else "") + f"--{BOUNDARY}\r\nContent-Type: application/octet-stream\r\n"
                    f"Content-Range: bytes {s}-{e}/{size}\r\n\r\n").encode()
            parts.append((head, s, e + 1))
            total += len(head) + e + 1 - s
        tail = f"\r\n--{BOUNDARY}--\r\n".encode()
        total += len(tail)
        self.send_head(206, [("Content-Type", f"multipart/byteranges; boundary={BOUNDARY}"),
                             ("Content-Length", total), ("Accept-Ranges", "bytes")])
        if self.command == "GET":
            self.write_body(self._multipart(x.path, parts, tail), 206, total)

    @staticmethod
    def _multipart(path, parts, tail):
        for head, s, e in parts:
            yield head
            yield from _Chunks(path, s, e, False)
        yield tail


def xet_headers(handler, repo_id, commit_sha, xf):
    """What /resolve/ adds for a Xet file (file-id.md; huggingface_hub parses the Link rels
    xet-auth and, in huggingface.js, xet-reconstruction-info)."""
    refresh = f"{handler.app.hf_url}/api/models/{repo_id}/xet-read-token/{commit_sha}"
    recon = f"{handler.app.cas_url}/v1/reconstructions/{xf.hash}"
    return [("X-Xet-Hash", xf.hash),
            ("Link", f'<{refresh}>; rel="xet-auth", <{recon}>; rel="xet-reconstruction-info"')]


def fileinfo_body(handler, repo_id, commit_sha, xf, etag):
    """The body of the application/vnd.xet-fileinfo+json answer (clients read the headers)."""
    return json.dumps({"hash": xf.hash, "size": xf.size, "etag": etag,
                       "refreshUrl": f"{handler.app.hf_url}/api/models/{repo_id}/xet-read-token/{commit_sha}",
                       "reconstructionUrl": f"{handler.app.cas_url}/v1/reconstructions/{xf.hash}"}).encode()
