"""Shared pieces of the test hub's self-tests (test_testhub*.py): a hub subprocess,
plain HTTP requests without redirect following, and the base class whose tests share
one demo hub per module (request log and scenarios reset before every test)."""
import hashlib
import http.client
import json
import os
import re
import subprocess
import sys
import time
import unittest
from urllib.parse import urlsplit

HERE = os.path.dirname(os.path.abspath(__file__))
TS = "modeldock-demo/TinyStories-GGUF"


class Hub:
    """A hub subprocess; stdin is kept open so --exit-on-stdin-eof reaps it."""

    def __init__(self, *args):
        t0 = time.monotonic()
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "testhub.py"), "--exit-on-stdin-eof", *args],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        line = self.proc.stdout.readline()
        self.startup_seconds = time.monotonic() - t0
        self.urls = json.loads(line)
        self.hf, self.civitai, self.storage = self.urls["hf"], self.urls["civitai"], self.urls["storage"]

    def close(self):
        self.proc.stdin.close()
        self.proc.stdout.close()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def request(url, method="GET", headers=None, body=None, timeout=10, read=True):
    """One request, no redirect following.  Returns (status, headers, body)
    with lower-case header names."""
    u = urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
    path = u.path + ("?" + u.query if u.query else "")
    conn.request(method, path, body=body, headers=headers or {})
    resp = conn.getresponse()
    hdrs = {k.lower(): v for k, v in resp.getheaders()}
    data = resp.read() if read else resp
    if read:
        conn.close()
    return resp.status, hdrs, data


def get_json(url, **kw):
    status, hdrs, body = request(url, **kw)
    return status, hdrs, json.loads(body) if body else None


def git_blob_oid(data):
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def next_link(hdrs):
    m = re.search(r'<(https?://[^>]+)>;\s+rel="next"', hdrs.get("link", ""))
    return m.group(1) if m else None


_shared = None


def start_shared_hub():
    """setUpModule of the test modules: one demo hub per module, reset per test."""
    global _shared
    _shared = Hub("--catalog", "demo", "--big-file-mb", "8")


def stop_shared_hub():
    global _shared
    if _shared is not None:
        _shared.close()
        _shared = None


class HubTest(unittest.TestCase):
    def setUp(self):
        self.hub = _shared
        self.hf, self.civ = _shared.hf, _shared.civitai
        status, _, _ = request(self.hf + "/_admin/reset", "POST")
        self.assertEqual(status, 200)

    def admin(self, path, body=None, method=None):
        data = json.dumps(body).encode() if body is not None else None
        status, _, out = get_json(self.hf + path, method=method or ("POST" if data else "GET"),
                                  body=data, headers={"Content-Type": "application/json"})
        self.assertLess(status, 300, out)
        return out

    def scenario(self, **spec):
        return self.admin("/_admin/scenario", spec)["id"]

    def assert_malformed_once(self, origin, path, url):
        """Switches on malformed JSON for the next request to path and checks that url then
        answers 200 with a JSON content type and a body no JSON parser accepts."""
        self.scenario(origin=origin, path=path, fault="malformed_json", count=1)
        status, hdrs, body = request(url)
        self.assertEqual(status, 200)
        self.assertTrue(hdrs["content-type"].startswith("application/json"))
        with self.assertRaises(ValueError):
            json.loads(body)

    def lfs_location(self, path, rev="main", repo=TS):
        status, hdrs, _ = request(f"{self.hf}/{repo}/resolve/{rev}/{path}")
        self.assertEqual(status, 302)
        return hdrs


def header_list(url, headers=None):
    """(status, [(lower-case name, value), …]) keeping repeated headers, which the dict
    of request() would fold into one."""
    u = urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
    conn.request("GET", u.path + ("?" + u.query if u.query else ""), headers=headers or {})
    resp = conn.getresponse()
    resp.read()
    conn.close()
    return resp.status, [(k.lower(), v) for k, v in resp.getheaders()]
