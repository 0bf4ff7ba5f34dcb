"""Self-tests of the local test hub (python3 -m unittest -v test_testhub).

Each test talks HTTP to a hub subprocess and asserts what a client observes.
The shared demo hub is reset (request log + scenarios) before every test;
tests that mutate the catalog or need other options start their own hub."""
import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import unittest
import zlib
from urllib.parse import quote, urlsplit

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


HUB = None


def setUpModule():
    global HUB
    HUB = Hub("--catalog", "demo", "--big-file-mb", "8")


def tearDownModule():
    HUB.close()


class HubTest(unittest.TestCase):
    def setUp(self):
        self.hub = HUB
        self.hf, self.civ = HUB.hf, HUB.civitai
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

    def lfs_location(self, path, rev="main", repo=TS):
        status, hdrs, _ = request(f"{self.hf}/{repo}/resolve/{rev}/{path}")
        self.assertEqual(status, 302)
        return hdrs


class HfApiTests(HubTest):
    def test_list_models_pages_with_absolute_link(self):
        seen, url, pages = [], self.hf + "/api/models?limit=5&sort=downloads&expand=downloads", 0
        while url:
            status, hdrs, items = get_json(url)
            self.assertEqual(status, 200)
            self.assertTrue(url.startswith("http://127.0.0.1:"))
            seen += [m["id"] for m in items]
            downloads = [m["downloads"] for m in items]
            self.assertEqual(downloads, sorted(downloads, reverse=True))
            for m in items:
                self.assertEqual(set(m), {"_id", "id", "downloads"})
            url = next_link(hdrs)
            if url:
                self.assertIn("sort=downloads", url)
                self.assertIn("expand=downloads", url)
            pages += 1
        total = self.admin("/_admin/catalog")["hf_models"]
        self.assertEqual(len(seen), total)
        self.assertEqual(len(set(seen)), total)
        self.assertEqual(pages, -(-total // 5))

    def test_list_models_default_fields_filters_and_full(self):
        _, _, items = get_json(self.hf + "/api/models?author=cortexso&filter=gguf&full=true")
        self.assertEqual({m["id"] for m in items}, {"cortexso/llama3.2", "cortexso/qwen2.5"})
        for m in items:
            for key in ("_id", "id", "modelId", "author", "sha", "lastModified", "createdAt",
                        "private", "gated", "downloads", "likes", "tags", "pipeline_tag",
                        "library_name", "siblings"):
                self.assertIn(key, m)
            self.assertRegex(m["_id"], "^[0-9a-f]{24}$")
            self.assertRegex(m["sha"], "^[0-9a-f]{40}$")
        _, _, items = get_json(self.hf + "/api/models?search=TinyStories&expand[]=likes&expand=sha")
        self.assertEqual([set(m) for m in items], [{"_id", "id", "likes", "sha"}])
        status, hdrs, body = get_json(self.hf + "/api/models?expand=bogus")
        self.assertEqual(status, 400)
        self.assertIn("error", body)

    def test_model_info_revisions(self):
        _, _, head = get_json(f"{self.hf}/api/models/{TS}/revision/HEAD")
        _, _, main = get_json(f"{self.hf}/api/models/{TS}/revision/main?blobs=true")
        self.assertEqual(head["sha"], main["sha"])
        self.assertIn("gguf", main)
        self.assertEqual(main["cardData"]["license"], "mit")
        lfs = [s for s in main["siblings"] if "lfs" in s]
        self.assertEqual(len(lfs), 3)
        for s in lfs:
            self.assertEqual(set(s["lfs"]), {"sha256", "size", "pointerSize"})
            self.assertEqual(s["size"], s["lfs"]["size"])
        for rev in ("v1.0", main["sha"], "refs%2Fheads%2Fmain"):
            status, _, info = get_json(f"{self.hf}/api/models/{TS}/revision/{rev}")
            self.assertEqual((status, info["sha"]), (200, main["sha"]))
        status, _, pr = get_json(f"{self.hf}/api/models/{TS}/revision/refs%2Fpr%2F1")
        self.assertEqual(status, 200)
        self.assertNotEqual(pr["sha"], main["sha"])
        self.assertIn("NOTES.md", [s["rfilename"] for s in pr["siblings"]])
        status, hdrs, _ = get_json(f"{self.hf}/api/models/{TS}/revision/nope")
        self.assertEqual((status, hdrs["x-error-code"]), (404, "RevisionNotFound"))
        _, _, branch = get_json(f"{self.hf}/api/models/cortexso/llama3.2/revision/1b-gguf-q8-0")
        self.assertEqual([s["rfilename"] for s in branch["siblings"]],
                         [".gitattributes", "model.gguf", "model.yml"])

    def test_tree_listing(self):
        status, hdrs, entries = get_json(f"{self.hf}/api/models/{TS}/tree/main?recursive=true&expand=false")
        self.assertEqual(status, 200)
        paths = {e["path"]: e for e in entries}
        self.assertEqual(paths["extras"]["type"], "directory")
        self.assertIn("extras/tokenizer_config.json", paths)
        for e in entries:
            self.assertNotIn("xetHash", e)
            if e["type"] == "file" and "lfs" not in e:
                _, _, body = request(f"{self.hf}/{TS}/raw/main/{e['path']}")
                self.assertEqual(git_blob_oid(body), e["oid"])
        big = paths["tinystories.Q4_K_M.gguf"]
        _, _, pointer = request(f"{self.hf}/{TS}/raw/main/tinystories.Q4_K_M.gguf")
        self.assertEqual(git_blob_oid(pointer), big["oid"])
        self.assertIn(big["lfs"]["oid"].encode(), pointer)
        self.assertEqual(len(pointer), big["lfs"]["pointerSize"])
        _, _, top = get_json(f"{self.hf}/api/models/{TS}/tree/main")
        self.assertNotIn("extras/tokenizer_config.json", [e["path"] for e in top])
        _, _, sub = get_json(f"{self.hf}/api/models/{TS}/tree/main/extras?expand=true")
        self.assertEqual([e["path"] for e in sub], ["extras/tokenizer_config.json"])
        self.assertEqual(set(sub[0]["lastCommit"]), {"id", "title", "date"})
        # raw (unencoded) PR revision as the JS listFiles sends it, and %2F paths as Python sends them
        status, _, pr = get_json(f"{self.hf}/api/models/{TS}/tree/refs/pr/1")
        self.assertIn("NOTES.md", [e["path"] for e in pr])
        status, _, sub2 = get_json(f"{self.hf}/api/models/{TS}/tree/refs%2Fpr%2F1/extras")
        self.assertEqual(status, 200)
        status, hdrs, _ = get_json(f"{self.hf}/api/models/{TS}/tree/main/nope")
        self.assertEqual((status, hdrs["x-error-code"]), (404, "EntryNotFound"))

    def test_paths_info_json_and_form(self):
        url = f"{self.hf}/api/models/{TS}/paths-info/main"
        body = json.dumps({"paths": ["config.json", "tinystories.Q2_K.gguf", "missing"], "expand": True})
        status, _, out = get_json(url, method="POST", body=body.encode(),
                                  headers={"Content-Type": "application/json"})
        self.assertEqual(status, 200)
        self.assertEqual([e["path"] for e in out], ["config.json", "tinystories.Q2_K.gguf"])
        self.assertIn("lastCommit", out[1])
        self.assertEqual(out[1]["lfs"]["size"], 1536 * 1024)
        status, _, out = get_json(url, method="POST", body=b"paths=config.json&paths=extras&expand=false",
                                  headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual([(e["path"], e["type"]) for e in out],
                         [("config.json", "file"), ("extras", "directory")])
        self.assertNotIn("lastCommit", out[0])

    def test_refs(self):
        _, _, refs = get_json(f"{self.hf}/api/models/cortexso/llama3.2/refs")
        self.assertEqual(set(refs), {"branches", "converts", "tags"})
        names = [b["name"] for b in refs["branches"]]
        self.assertEqual(names, ["main", "1b-gguf-q4-km", "1b-gguf-q8-0", "3b-gguf-q4-km"])
        self.assertEqual(refs["branches"][1]["ref"], "refs/heads/1b-gguf-q4-km")
        _, _, meta = request(f"{self.hf}/cortexso/llama3.2/resolve/main/metadata.yml")
        self.assertIn(b"default: 1b-gguf-q4-km", meta)
        _, _, refs = get_json(f"{self.hf}/api/models/{TS}/refs?include_prs=1")
        self.assertEqual(refs["tags"][0]["name"], "v1.0")
        self.assertEqual(refs["pullRequests"][0]["ref"], "refs/pr/1")

    def test_collections(self):
        _, _, cols = get_json(self.hf + "/api/collections?owner=lora-pack")
        self.assertEqual(len(cols), 1)
        entry = cols[0]
        self.assertNotIn("position", entry)
        self.assertEqual(len(entry["items"]), 4)
        self.assertEqual(entry["title"], "Sixty style LoRAs")
        self.assertRegex(entry["slug"], r"^lora-pack/sixty-style-loras-[0-9a-f]{24}$")
        _, _, detail = get_json(self.hf + "/api/collections/" + entry["slug"])
        for key in ("slug", "title", "owner", "items", "lastUpdated", "position", "private",
                    "theme", "upvotes", "description"):
            self.assertIn(key, detail)
        self.assertEqual(len(detail["items"]), 60)
        self.assertEqual(detail["items"][59]["id"], "lora-pack/style-lora-060")
        _, hdrs, page = get_json(self.hf + "/api/collections?limit=1&sort=upvotes")
        self.assertEqual(len(page), 1)
        self.assertTrue(next_link(hdrs))
        status, _, _ = get_json(self.hf + "/api/collections/lora-pack/nope-000000000000000000000000")
        self.assertEqual(status, 404)


class HfFileTests(HubTest):
    def test_small_file_200_range_and_304(self):
        url = f"{self.hf}/{TS}/resolve/main/config.json"
        status, hdrs, body = request(url)
        self.assertEqual(status, 200)
        etag = hdrs["etag"]
        self.assertEqual(etag, f'"{git_blob_oid(body)}"')
        self.assertEqual(int(hdrs["content-length"]), len(body))
        self.assertRegex(hdrs["x-repo-commit"], "^[0-9a-f]{40}$")
        self.assertEqual(hdrs["accept-ranges"], "bytes")
        self.assertIn("ratelimit", hdrs)
        self.assertIn("ratelimit-policy", hdrs)
        status, hdrs, part = request(url, headers={"Range": "bytes=0-0"})
        self.assertEqual((status, part, hdrs["content-range"]), (206, body[:1], f"bytes 0-0/{len(body)}"))
        status, hdrs, part = request(url, headers={"Range": "bytes=5-", "If-Range": etag})
        self.assertEqual((status, part), (206, body[5:]))
        status, _, part = request(url, headers={"Range": "bytes=5-", "If-Range": '"old"'})
        self.assertEqual((status, part), (200, body))
        status, hdrs, part = request(url, headers={"If-None-Match": etag})
        self.assertEqual((status, part), (304, b""))
        status, hdrs, _ = request(url, headers={"Range": "bytes=5000-"})
        self.assertEqual((status, hdrs["content-range"]), (416, f"bytes */{len(body)}"))
        status, hdrs, head = request(url, method="HEAD")
        self.assertEqual((status, head, int(hdrs["content-length"])), (200, b"", len(body)))

    def test_lfs_redirect_to_storage_with_hf_headers(self):
        info = self.admin(f"/_admin/file?repo={TS}&path=tinystories.Q2_K.gguf")
        for method in ("HEAD", "GET"):
            status, hdrs, _ = request(f"{self.hf}/{TS}/resolve/main/tinystories.Q2_K.gguf", method)
            self.assertEqual(status, 302)
            self.assertEqual(hdrs["x-linked-etag"], f'"{info["sha256"]}"')
            self.assertEqual(int(hdrs["x-linked-size"]), info["size"])
            self.assertEqual(hdrs["x-repo-commit"], info["commit"])
            self.assertIn("etag", hdrs)
            loc = urlsplit(hdrs["location"])
            self.assertEqual(f"{loc.scheme}://{loc.netloc}", self.hub.storage)
            self.assertEqual(loc.hostname, "localhost")
            self.assertIn("response-content-disposition=", loc.query)
            self.assertNotIn("x-xet-hash", hdrs)
        status, hdrs, body = request(hdrs["location"])
        self.assertEqual(status, 200)
        self.assertEqual(hashlib.sha256(body).hexdigest(), info["sha256"])
        self.assertEqual(body[:4], b"GGUF")
        self.assertEqual(hdrs["etag"], f'"{info["sha256"]}"')
        self.assertIn('filename="tinystories.Q2_K.gguf"', hdrs["content-disposition"])
        status, hdrs2, part = request(hdrs_loc := self.lfs_location("tinystories.Q2_K.gguf")["location"],
                                      headers={"Range": "bytes=100-199", "If-Range": hdrs["etag"]})
        self.assertEqual((status, part, hdrs2["content-range"]),
                         (206, body[100:200], f"bytes 100-199/{len(body)}"))
        status, _, _ = request(hdrs_loc, headers={"Range": f"bytes={len(body)}-"})
        self.assertEqual(status, 416)
        status, _, _ = request(hdrs_loc.replace("X-Amz-Signature=", "X-Amz-Signature=0"))
        self.assertEqual(status, 403)
        status, hdrs, _ = request(f"{self.hf}/{TS}/resolve/main/tinystories.Q2_K.gguf",
                                  headers={"If-None-Match": f'"{info["sha256"]}"'})
        self.assertEqual(status, 304)

    def test_big_file_served_fast_and_correct(self):
        info = self.admin(f"/_admin/file?repo={TS}&path=tinystories.Q4_K_M.gguf")
        loc = self.lfs_location("tinystories.Q4_K_M.gguf")["location"]
        t0 = time.monotonic()
        status, _, body = request(loc)
        elapsed = time.monotonic() - t0
        self.assertEqual((status, len(body)), (200, 8 << 20))
        self.assertEqual(hashlib.sha256(body).hexdigest(), info["sha256"])
        self.assertLess(elapsed, 2.0)

    def test_errors_and_auth(self):
        status, hdrs, body = get_json(f"{self.hf}/api/models/nobody/nothing")
        self.assertEqual((status, hdrs["x-error-code"]), (401, "RepoNotFound"))
        self.assertIn("error", body)
        auth = {"Authorization": "Bearer hf_test_valid"}
        status, hdrs, _ = get_json(f"{self.hf}/api/models/nobody/nothing", headers=auth)
        self.assertEqual((status, hdrs["x-error-code"]), (404, "RepoNotFound"))
        status, hdrs, _ = get_json(f"{self.hf}/api/models/{TS}", headers={"Authorization": "Bearer hf_bogus"})
        self.assertEqual((status, hdrs["x-error-message"]), (401, "Invalid credentials in Authorization header"))
        status, hdrs, _ = request(f"{self.hf}/{TS}/resolve/main/nope.txt")
        self.assertEqual((status, hdrs["x-error-code"]), (404, "EntryNotFound"))
        self.assertRegex(hdrs["x-repo-commit"], "^[0-9a-f]{40}$")
        status, hdrs, _ = request(f"{self.hf}/{TS}/resolve/nope/config.json")
        self.assertEqual((status, hdrs["x-error-code"]), (404, "RevisionNotFound"))

    def test_gated_repo(self):
        g = "modeldock-demo/gated-llm"
        for url in (f"{self.hf}/{g}/resolve/main/config.json", f"{self.hf}/api/models/{g}/revision/main"):
            status, hdrs, body = request(url)
            self.assertEqual((status, hdrs["x-error-code"]), (401, "GatedRepo"))
            self.assertIn("Please log in", hdrs["x-error-message"])
            status, hdrs, _ = request(url, headers={"Authorization": "Bearer hf_test_unapproved"})
            self.assertEqual((status, hdrs["x-error-code"]), (403, "GatedRepo"))
            self.assertIn("not in the authorized list", hdrs["x-error-message"])
            status, _, _ = request(url, headers={"Authorization": "Bearer hf_test_valid"})
            self.assertEqual(status, 200)
        _, _, info = get_json(f"{self.hf}/api/models/{g}")  # metadata stays public
        self.assertEqual(info["gated"], "manual")

    def test_request_log_and_authorization_stripping(self):
        auth = {"Authorization": "Bearer hf_test_valid"}
        hdrs = request(f"{self.hf}/{TS}/resolve/main/tinystories.Q2_K.gguf", headers=auth)[1]
        # a well-behaved client drops Authorization on the cross-origin redirect
        request(hdrs["location"], headers={"Range": "bytes=0-9"})
        self.admin("/_admin/requests")  # admin calls are not logged
        log = self.admin("/_admin/requests")
        self.assertEqual([r["origin"] for r in log], ["hf", "storage"])
        self.assertEqual(log[0]["headers"]["authorization"], "Bearer hf_test_valid")
        self.assertEqual(log[0]["status"], 302)
        self.assertEqual(log[1]["seq"], log[0]["seq"] + 1)
        self.assertNotIn("authorization", log[1]["headers"])
        self.assertEqual((log[1]["status"], log[1]["bytes_sent"]), (206, 10))
        self.assertEqual(log[1]["headers"]["range"], "bytes=0-9")
        self.assertTrue(log[1]["host"].startswith("localhost:"))
        self.assertTrue(log[1]["path"].startswith("/lfs/"))
        # a leaky client shows up in the storage records
        request(hdrs["location"], headers=auth, method="HEAD")
        storage = self.admin("/_admin/requests?origin=storage")
        self.assertEqual(len(storage), 2)
        self.assertEqual(storage[1]["headers"]["authorization"], "Bearer hf_test_valid")


class FaultTests(HubTest):
    def storage_url(self, name="tinystories.Q2_K.gguf"):
        return self.lfs_location(name)["location"]

    def test_cut_after(self):
        self.scenario(origin="storage", fault="cut_after", bytes=1000, count=1)
        url = self.storage_url()
        status, hdrs, resp = request(url, read=False)
        self.assertEqual(status, 200)
        self.assertEqual(int(hdrs["content-length"]), 1536 * 1024)
        with self.assertRaises(http.client.IncompleteRead) as ctx:
            resp.read()
        self.assertEqual(len(ctx.exception.partial), 1000)
        resp.close()
        status, _, body = request(url)  # count=1: the next request is intact
        self.assertEqual(len(body), 1536 * 1024)

    def test_ignore_range(self):
        self.scenario(origin="storage", fault="ignore_range")
        status, hdrs, body = request(self.storage_url(), headers={"Range": "bytes=10-"})
        self.assertEqual((status, len(body)), (200, 1536 * 1024))
        self.assertNotIn("content-range", hdrs)

    def test_corrupt_byte(self):
        info = self.admin(f"/_admin/file?repo={TS}&path=tinystories.Q2_K.gguf")
        url = self.storage_url()
        _, _, good = request(url)
        self.scenario(path="tinystories.Q2_K", fault="corrupt_byte", offset=12345)
        status, hdrs, bad = request(url)
        self.assertEqual(status, 200)
        self.assertEqual(hdrs["etag"], f'"{info["sha256"]}"')
        self.assertEqual(len(bad), len(good))
        diff = [i for i in range(len(good)) if good[i] != bad[i]]
        self.assertEqual(diff, [12345])
        self.assertNotEqual(hashlib.sha256(bad).hexdigest(), info["sha256"])

    def test_status_503_and_429(self):
        sid = self.scenario(origin="hf", path="/api/models", fault="status", status=503,
                            retry_after=2, count=1)
        status, hdrs, _ = request(self.hf + "/api/models?limit=1")
        self.assertEqual((status, hdrs["retry-after"]), (503, "2"))
        self.assertIn("x-error-message", hdrs)
        status, _, _ = request(self.hf + "/api/models?limit=1")
        self.assertEqual(status, 200)
        self.scenario(origin="civitai", fault="status", status=429, retry_after=5,
                      ratelimit='"api";r=0;t=5')
        status, hdrs, body = get_json(self.civ + "/api/v1/models?limit=1")
        self.assertEqual(status, 429)
        self.assertEqual(hdrs["ratelimit"], '"api";r=0;t=5')
        self.assertIn('"api"', hdrs["ratelimit-policy"])
        self.assertEqual(hdrs["retry-after"], "5")
        self.assertIn("error", body)
        scenarios = self.admin("/_admin/scenario")
        self.assertEqual([s["id"] for s in scenarios], [sid, sid + 1])
        self.admin(f"/_admin/scenario/{sid + 1}", method="DELETE")
        self.assertEqual(get_json(self.civ + "/api/v1/models?limit=1")[0], 200)

    def test_slow(self):
        url = self.lfs_location("style-lora-001.safetensors", repo="lora-pack/style-lora-001")["location"]
        rate = 256 * 1024
        self.scenario(origin="storage", fault="slow", rate=rate)
        t0 = time.monotonic()
        _, hdrs, body = request(url)
        elapsed = time.monotonic() - t0
        self.assertEqual(len(body), int(hdrs["content-length"]))
        self.assertGreater(elapsed, 0.8 * len(body) / rate)

    def test_change_content_breaks_if_range(self):
        name = "tinystories.Q8_0.gguf"
        hdrs = self.lfs_location(name)
        old_etag, url = hdrs["x-linked-etag"], hdrs["location"]
        _, _, first = request(url, headers={"Range": "bytes=0-999"})
        self.scenario(path=name, fault="change_content")
        hdrs2 = self.lfs_location(name)
        self.assertNotEqual(hdrs2["x-linked-etag"], old_etag)
        status, h3, body = request(url, headers={"Range": "bytes=1000-", "If-Range": old_etag})
        self.assertEqual(status, 200)  # validator no longer matches: full new body
        self.assertEqual(h3["etag"], hdrs2["x-linked-etag"])
        self.assertEqual(f'"{hashlib.sha256(body).hexdigest()}"', hdrs2["x-linked-etag"])
        status, _, _ = request(hdrs2["location"], headers={"If-None-Match": old_etag})
        self.assertEqual(status, 200)
        info = self.admin(f"/_admin/file?repo={TS}&path={name}")
        self.assertEqual(f'"{info["sha256"]}"', hdrs2["x-linked-etag"])

    def test_stall(self):
        self.scenario(origin="storage", fault="stall", seconds=2, bytes=10, count=1)
        status, _, resp = request(self.storage_url(), read=False, timeout=0.5)
        self.assertEqual(status, 200)
        self.assertEqual(len(resp.read(10)), 10)
        t0 = time.monotonic()
        with self.assertRaises((socket.timeout, TimeoutError)):
            resp.read(10)
        self.assertLess(time.monotonic() - t0, 1.5)
        resp.close()

    def test_malformed_json(self):
        self.scenario(origin="hf", path="/api/models", fault="malformed_json", count=1)
        status, hdrs, body = request(self.hf + "/api/models?limit=2")
        self.assertEqual(status, 200)
        self.assertTrue(hdrs["content-type"].startswith("application/json"))
        with self.assertRaises(ValueError):
            json.loads(body)
        self.assertIsInstance(get_json(self.hf + "/api/models?limit=2")[2], list)

    def test_oversized_json(self):
        self.scenario(origin="civitai", fault="oversized_json", mb=3)
        status, hdrs, body = request(self.civ + "/api/v1/models")
        self.assertEqual((status, int(hdrs["content-length"]), len(body)), (200, 3 << 20, 3 << 20))
        self.assertGreater(len(json.loads(body)), 1000)

    def test_bad_scenario_rejected(self):
        status, _, body = get_json(self.hf + "/_admin/scenario", method="POST",
                                   body=json.dumps({"fault": "explode"}).encode())
        self.assertEqual(status, 400)


class CivitaiTests(HubTest):
    def test_listing_cursor_pagination_and_filters(self):
        url, ids = self.civ + "/api/v1/models?limit=5&sort=Newest&nsfw=true", []
        while url:
            status, _, page = get_json(url)
            self.assertEqual(status, 200)
            self.assertEqual(set(page), {"items", "metadata"})
            ids += [m["id"] for m in page["items"]]
            url = page["metadata"].get("nextPage")
            if url:
                self.assertTrue(url.startswith(self.civ + "/api/v1/models?"))
                self.assertIn("nextCursor", page["metadata"])
        self.assertEqual(len(ids), 15)
        _, _, sfw = get_json(self.civ + "/api/v1/models")
        self.assertNotIn(4207, [m["id"] for m in sfw["items"]])
        _, _, page = get_json(self.civ + "/api/v1/models?types=Checkpoint&types=VAE")
        self.assertEqual({m["type"] for m in page["items"]}, {"Checkpoint", "VAE"})
        _, _, page = get_json(self.civ + "/api/v1/models?ids=4201&baseModels=Pony")
        versions = page["items"][0]["modelVersions"]
        self.assertEqual(len(versions), 20)
        self.assertEqual({v["baseModel"] for v in versions}, {"Pony"})
        _, _, page = get_json(self.civ + "/api/v1/models?query=checkpoint")
        self.assertIn(4202, [m["id"] for m in page["items"]])

    def test_listing_errors(self):
        self.assertEqual(get_json(self.civ + "/api/v1/models?page=11&limit=100")[0], 429)
        status, _, body = get_json(self.civ + "/api/v1/models?page=1&query=x")
        self.assertEqual(status, 400)
        self.assertIn("cursor", body["error"])
        self.assertEqual(get_json(self.civ + "/api/v1/models?favorites=true")[0], 401)
        status, _, body = get_json(self.civ + "/api/v1/models?favorites=true&token=civitai_test_token")
        self.assertEqual((status, [m["id"] for m in body["items"]]), (200, [4201]))
        self.assertEqual(get_json(self.civ + "/api/v1/models?types=Bogus")[0], 400)
        self.assertEqual(get_json(self.civ + "/api/v1/models?limit=101")[0], 400)
        _, _, page = get_json(self.civ + "/api/v1/models?page=2&limit=5")
        self.assertEqual((page["metadata"]["currentPage"], page["metadata"]["pageSize"]), (2, 5))

    def test_model_version_and_hash_lookup(self):
        self.assertEqual(get_json(self.civ + "/api/v1/models/abc")[0], 400)
        status, _, body = get_json(self.civ + "/api/v1/models/999999")
        self.assertEqual((status, body), (404, {"error": "No model with id 999999"}))
        _, _, model = get_json(self.civ + "/api/v1/models/4201")
        self.assertEqual(len(model["modelVersions"]), 60)
        v = model["modelVersions"][0]
        self.assertTrue(v["downloadUrl"].startswith(self.civ + "/api/download/models/"))
        self.assertTrue(v["images"][0]["url"].startswith(self.hub.storage + "/images/"))
        _, _, ver = get_json(f"{self.civ}/api/v1/model-versions/{v['id']}")
        f = ver["files"][0]
        self.assertIs(f["primary"], True)
        self.assertIsInstance(f["sizeKB"], float)
        self.assertRegex(f["hashes"]["SHA256"], "^[0-9A-F]{64}$")
        self.assertTrue(ver["trainedWords"])
        self.assertEqual(ver["model"]["type"], "LORA")
        self.assertEqual(f["hashes"]["AutoV2"], f["hashes"]["SHA256"][:10])
        for key in ("SHA256", "AutoV2", "CRC32"):
            _, _, hit = get_json(f"{self.civ}/api/v1/model-versions/by-hash/{f['hashes'][key].lower()}")
            self.assertEqual(hit["id"], ver["id"])
        self.assertEqual(get_json(self.civ + "/api/v1/model-versions/by-hash/DEADBEEF")[0], 404)
        self.assertEqual(get_json(self.civ + "/api/v1/model-versions/1")[0], 404)
        _, _, enums = get_json(self.civ + "/api/v1/enums")
        self.assertIn("LORA", enums["ModelType"])
        status, hdrs, png = request(v["images"][0]["url"])
        self.assertEqual((status, hdrs["content-type"], png[:8]), (200, "image/png", b"\x89PNG\r\n\x1a\n"))
        w, h = struct.unpack(">II", png[16:24])
        self.assertEqual((w, h), (v["images"][0]["width"], v["images"][0]["height"]))
        self.assertEqual(zlib.crc32(png[12:29]), struct.unpack(">I", png[29:33])[0])

    def test_download_redirect_and_auth(self):
        _, _, ver = get_json(self.civ + "/api/v1/model-versions/420060")
        status, hdrs, _ = request(self.civ + "/api/download/models/420060")
        self.assertEqual(status, 307)
        self.assertIn("no-store", hdrs["cache-control"])
        self.assertTrue(hdrs["location"].startswith(self.hub.storage + "/civitai/"))
        status, h2, body = request(hdrs["location"])
        self.assertEqual(status, 200)
        self.assertEqual(h2["content-disposition"], f'attachment; filename="{ver["files"][0]["name"]}"')
        self.assertEqual(hashlib.sha256(body).hexdigest().upper(), ver["files"][0]["hashes"]["SHA256"])
        status, h3, part = request(hdrs["location"], headers={"Range": "bytes=0-99"})
        self.assertEqual((status, part), (206, body[:100]))
        # auth outcomes
        status, _, body = get_json(self.civ + "/api/download/models/420401")
        self.assertEqual((status, body["message"]),
                         (401, "The creator of this asset requires you to be logged in to download it"))
        self.assertEqual(request(self.civ + "/api/download/models/420401",
                                 headers={"Authorization": "Bearer civitai_test_token"})[0], 307)
        self.assertEqual(request(self.civ + "/api/download/models/420401?token=civitai_test_token")[0], 307)
        status, _, body = get_json(self.civ + "/api/download/models/420301")
        self.assertEqual((status, body["error"]), (403, "Early Access"))
        status, _, body = get_json(self.civ + "/api/download/models/420501")
        self.assertEqual(status, 410)
        status, _, body = get_json(self.civ + "/api/download/models/420601")
        self.assertEqual(status, 401)
        self.assertIn("disabled downloads", body["message"])
        self.assertEqual(get_json(self.civ + "/api/download/models/1")[0], 404)
        status, hdrs, _ = request(self.civ + "/api/download/models/420102?type=Config")
        self.assertEqual(status, 307)
        self.assertIn(".yaml", hdrs["location"])
        self.assertEqual(request(self.civ + "/api/download/models/420102?type=VAE")[0], 404)
        status, hdrs, _ = request(self.civ + "/api/download/models/420401",
                                  headers={"User-Agent": "Mozilla/5.0 Firefox"})
        self.assertEqual(status, 307)
        self.assertIn("reason=download-auth", hdrs["location"])
        log = self.admin("/_admin/requests?origin=civitai")
        self.assertTrue(any("token=civitai_test_token" in r["path"] for r in log))


class MutationTests(unittest.TestCase):
    def test_push_to_one_branch(self):
        hub = Hub("--catalog", "demo", "--big-file-mb", "1")
        try:
            hf = hub.hf
            repo = "cortexso/llama3.2"
            _, _, before = get_json(f"{hf}/api/models/{repo}")
            _, _, refs = get_json(f"{hf}/api/models/{repo}/refs")
            old = {b["name"]: b["targetCommit"] for b in refs["branches"]}
            status, _, out = get_json(hf + "/_admin/catalog/push", method="POST",
                                      body=json.dumps({"repo": repo, "branch": "1b-gguf-q8-0"}).encode())
            self.assertEqual(status, 200)
            _, _, after = get_json(f"{hf}/api/models/{repo}")
            _, _, refs = get_json(f"{hf}/api/models/{repo}/refs")
            new = {b["name"]: b["targetCommit"] for b in refs["branches"]}
            self.assertEqual(after["sha"], before["sha"])
            self.assertGreater(after["lastModified"], before["lastModified"])
            self.assertNotEqual(new["1b-gguf-q8-0"], old["1b-gguf-q8-0"])
            self.assertEqual(out["commit"], new["1b-gguf-q8-0"])
            self.assertEqual({k: v for k, v in new.items() if k != "1b-gguf-q8-0"},
                             {k: v for k, v in old.items() if k != "1b-gguf-q8-0"})
            status, _, _ = get_json(hf + "/_admin/catalog/push", method="POST",
                                    body=json.dumps({"repo": repo, "branch": "nope"}).encode())
            self.assertEqual(status, 404)
        finally:
            hub.close()

    def test_mutate_demo_catalog(self):
        hub = Hub("--catalog", "demo", "--big-file-mb", "1")
        try:
            hf = hub.hf
            before = get_json(hf + "/_admin/catalog")[2]
            old = {}
            _, _, listing = get_json(hf + "/api/models?limit=1000")
            for m in listing:
                old[m["id"]] = m
            status, _, out = get_json(hf + "/_admin/catalog/mutate", method="POST",
                                      body=json.dumps({"add": 2, "change": 2, "remove": 1}).encode())
            self.assertEqual(status, 200)
            self.assertEqual((len(out["added"]), len(out["changed"]), len(out["removed"])), (2, 2, 1))
            after = get_json(hf + "/_admin/catalog")[2]
            self.assertEqual(after["hf_models"], before["hf_models"] + 1)
            self.assertEqual(after["civitai_models"], before["civitai_models"] + 1)
            self.assertEqual(get_json(f"{hf}/api/models/{out['removed'][0]}")[0], 401)
            for rid in out["changed"]:
                _, _, info = get_json(f"{hf}/api/models/{rid}?blobs=true")
                self.assertNotEqual(info["sha"], old[rid]["sha"])
                self.assertGreater(info["lastModified"], old[rid]["lastModified"])
                _, _, old_info = get_json(f"{hf}/api/models/{rid}/revision/{old[rid]['sha']}?blobs=true")
                old_sib = {s["rfilename"]: s for s in old_info["siblings"]}
                new_sib = {s["rfilename"]: s for s in info["siblings"]}
                self.assertEqual(len(new_sib), len(old_sib) + 1)
                changed = [p for p in old_sib if old_sib[p]["blobId"] != new_sib[p]["blobId"]]
                self.assertEqual(len(changed), 1)
            _, _, listing = get_json(hf + "/api/models?limit=1000&sort=lastModified")
            self.assertEqual({m["id"] for m in listing[:4]}, set(out["added"] + out["changed"]))
            civ = out["civitai"]
            self.assertEqual(get_json(f"{hub.civitai}/api/v1/models/{civ['removed'][0]}")[0], 404)
            _, _, m = get_json(f"{hub.civitai}/api/v1/models/{civ['changed'][0]}")
            self.assertIn("(new)", m["modelVersions"][0]["name"])
        finally:
            hub.close()

    def test_generated_catalog_100k(self):
        hub = Hub("--catalog", "generated", "--models", "100000", "--hf-page-size", "1000")
        try:
            self.assertLess(hub.startup_seconds, 2.0)
            self.assertEqual(get_json(hub.hf + "/_admin/catalog")[2]["hf_models"], 100000)
            url, seen = hub.hf + "/api/models?limit=1000", 0
            for _ in range(3):
                t0 = time.monotonic()
                status, hdrs, page = get_json(url)
                self.assertLess(time.monotonic() - t0, 0.5)
                self.assertEqual((status, len(page)), (200, 1000))
                seen += len(page)
                url = next_link(hdrs)
            _, _, page = get_json(hub.hf + "/api/models?limit=20&filter=gguf&sort=downloads")
            self.assertTrue(all("gguf" in m["tags"] for m in page))
            rid = page[0]["id"]
            _, _, tree = get_json(f"{hub.hf}/api/models/{rid}/tree/main")
            self.assertTrue(any(e["path"].endswith(".gguf") for e in tree))
            _, _, civ = get_json(hub.civitai + "/api/v1/models?limit=100")
            self.assertEqual(len(civ["items"]), 100)
            self.assertIn("nextCursor", civ["metadata"])
        finally:
            hub.close()

    def test_options_page_size_storage_host_data_dir_and_exit(self):
        data_dir = tempfile.mkdtemp(prefix="testhub-test-")
        hub = Hub("--catalog", "demo", "--big-file-mb", "9", "--hf-page-size", "3",
                  "--storage-host", "127.0.0.1", "--data-dir", data_dir)
        try:
            status, hdrs, _ = request(f"{hub.hf}/{TS}/resolve/main/tinystories.Q4_K_M.gguf")
            self.assertEqual(status, 302)
            self.assertTrue(hdrs["location"].startswith("http://127.0.0.1:"))
            self.assertEqual(hub.storage.split(":")[1], "//127.0.0.1")
            materialized = os.listdir(data_dir)
            self.assertEqual(len(materialized), 1)  # the only blob > 8 MiB
            self.assertEqual(os.path.getsize(os.path.join(data_dir, materialized[0])), 9 << 20)
            _, _, body = request(hdrs["location"], headers={"Range": "bytes=-5"})
            self.assertEqual(len(body), 5)

            url, paths = f"{hub.hf}/api/models/{TS}/tree/main?recursive=true", []
            while url:
                _, hdrs, page = get_json(url)
                self.assertLessEqual(len(page), 3)
                paths += [e["path"] for e in page]
                url = next_link(hdrs)
            self.assertEqual(len(paths), 8)
            self.assertEqual(len(get_json(hub.hf + "/api/models?limit=10")[2]), 3)
            hub.proc.stdin.close()  # --exit-on-stdin-eof
            self.assertEqual(hub.proc.wait(5), 0)
        finally:
            hub.close()
            self.assertTrue(os.path.isdir(data_dir))  # a given --data-dir is kept
            shutil.rmtree(data_dir, ignore_errors=True)

    def test_sigterm_exits_cleanly(self):
        hub = Hub("--catalog", "demo", "--big-file-mb", "1")
        hub.proc.send_signal(signal.SIGTERM)
        self.assertEqual(hub.proc.wait(5), 0)
        hub.close()


if __name__ == "__main__":
    unittest.main()
