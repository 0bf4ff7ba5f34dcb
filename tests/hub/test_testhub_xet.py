"""The hub's Xet path: the native library against references (b3sum), chunking and dedup,
and a client written here from the spec (reconstruction + xorb range GETs, decoded with the
system liblz4) that must rebuild each file byte for byte."""
import ctypes
import hashlib
import os
import subprocess
import shutil
import sys
import tempfile
import time
import unittest

from hubtest import HERE, Hub, get_json, request

sys.path.insert(0, HERE)
from testhub.content import ContentStore  # noqa: E402
from testhub.ggufgen import TINYSTORIES  # noqa: E402
from testhub.xetcontent import MIB, XetGgufBlob, tensor_size_for  # noqa: E402
from testhub.xetnative import DATA_KEY, Native, hash_hex  # noqa: E402

REPO = "modeldock-demo/Xet-GGUF"
BIG = "xet-tinystories.Q4_K_M.gguf"
NATIVE = os.environ.get("MODELDOCK_TESTHUB_XET_NATIVE") or os.path.join(
    HERE, "..", "..", "build", "tests", "hub", "native", "libtesthubxet.so")
HAVE_NATIVE = os.path.exists(NATIVE)
AUTH = {"Authorization": "Bearer hf_test_valid"}


class Lz4Frame:
    """LZ4F_decompress from the system liblz4: an independent decoder for the hub's frames."""

    def __init__(self):
        self.lib = ctypes.CDLL("liblz4.so.1")

    def decompress(self, data, size):
        ctx = ctypes.c_void_p()
        assert self.lib.LZ4F_createDecompressionContext(ctypes.byref(ctx), 100) == 0
        try:
            out = ctypes.create_string_buffer(size)
            dst, src = ctypes.c_size_t(size), ctypes.c_size_t(len(data))
            self.lib.LZ4F_decompress(ctx, out, ctypes.byref(dst), data, ctypes.byref(src), None)
            return out.raw[:dst.value]
        finally:
            self.lib.LZ4F_freeDecompressionContext(ctx)


def bg4_regroup(data):
    n = len(data)
    split, rem = divmod(n, 4)
    bounds = [0]
    for lane in range(4):
        bounds.append(bounds[-1] + split + (1 if lane < rem else 0))
    out = bytearray(n)
    for lane in range(4):
        out[lane::4] = data[bounds[lane]:bounds[lane + 1]]
    return bytes(out)


def decode_chunks(data, lz4, schemes=None):
    out, pos = [], 0
    while pos < len(data):
        head = data[pos:pos + 8]
        clen, scheme, ulen = int.from_bytes(head[1:4], "little"), head[4], int.from_bytes(head[5:8], "little")
        body = data[pos + 8:pos + 8 + clen]
        if scheme == 0:
            chunk = body
        elif scheme == 1:
            chunk = lz4.decompress(body, ulen)
        else:
            chunk = bg4_regroup(lz4.decompress(body, ulen))
        assert head[0] == 0 and len(chunk) == ulen, (head, len(chunk))
        if schemes is not None:
            schemes.add(scheme)
        out.append(chunk)
        pos += 8 + clen
    return out


def parse_multipart(body, ctype):
    boundary = ctype.split("boundary=")[1].encode()
    parts = []
    for piece in body.split(b"--" + boundary)[1:]:
        if piece.startswith(b"--"):
            break
        head, _, data = piece.partition(b"\r\n\r\n")
        parts.append(data[:-2] if data.endswith(b"\r\n") else data)
    return parts


@unittest.skipUnless(HAVE_NATIVE, f"no Xet native library at {NATIVE} (build target testhubxet)")
class NativeTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.native = Native(NATIVE)

    @unittest.skipUnless(shutil.which("b3sum"), "b3sum not installed")
    def test_blake3_keyed_matches_b3sum(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "input")
            for n in (0, 1, 64, 1023, 1024, 1025, 2048, 3073, 70000, 1 << 20):
                data = hashlib.shake_256(b"%d" % n).digest(n) if n else b""
                with open(path, "wb") as fh:
                    fh.write(data)
                # b3sum --keyed reads the 32-byte key from stdin
                ref = subprocess.run(["b3sum", "--keyed", "--no-names", path], input=DATA_KEY,
                                     capture_output=True, check=True).stdout.decode().strip()
                self.assertEqual(self.native.blake3_keyed(DATA_KEY, data).hex(), ref, n)

    def test_hash_string_form(self):
        self.assertEqual(hash_hex(bytes(range(32)))[:32], "07060504030201000f0e0d0c0b0a0908")

    def _chunks(self, blob):
        return [(h, len(c)) for c, h in self.native.chunks(blob.iter_range(0, blob.size))]

    def test_chunk_bounds_and_resynchronisation(self):
        data = 64 * MIB
        blob = XetGgufBlob(ContentStore(None), "t:x", "x.gguf", seed_key="t", arch="llama", model="m",
                           quant="Q4_K_M", shape=TINYSTORIES, data_size=data,
                           tensor_size=tensor_size_for(data))
        old = self._chunks(blob)
        self.assertEqual(sum(n for _, n in old), blob.size)
        self.assertTrue(all(8192 <= n <= 131072 for _, n in old[:-1]))
        self.assertTrue(50_000 < blob.size / len(old) < 90_000)
        known = {h for h, _ in old}
        header = blob.derive("header")
        self.assertNotEqual(len(header.header), len(blob.header))
        new = self._chunks(header)
        shared = sum(n for h, n in new if h in known) / header.size
        self.assertGreaterEqual(shared, 0.98)
        tuned = self._chunks(blob.derive("tensors", 0.5))
        fresh = sum(n for h, n in tuned if h not in known) / blob.size
        self.assertTrue(0.45 <= fresh <= 0.55, fresh)


@unittest.skipUnless(HAVE_NATIVE, f"no Xet native library at {NATIVE} (build target testhubxet)")
class XetHubTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.hub = Hub("--xet-native", NATIVE, "--xet-file-mb", "8")
        cls.hf, cls.cas = cls.hub.hf, cls.hub.urls["cas"]
        cls.lz4 = Lz4Frame()

    @classmethod
    def tearDownClass(cls):
        cls.hub.close()

    def admin(self, path, body=None):
        import json
        return get_json(self.hf + path, method="POST" if body is not None else "GET",
                        body=json.dumps(body) if body is not None else None)[2]

    def token(self, repo=REPO, rev="main"):
        status, _, tok = get_json(f"{self.hf}/api/models/{repo}/xet-read-token/{rev}", headers=AUTH)
        self.assertEqual(status, 200)
        return {"Authorization": "Bearer " + tok["accessToken"]}, tok

    def plain(self, path, rev="main"):
        status, hdrs, _ = request(f"{self.hf}/{REPO}/resolve/{rev}/{path}")
        self.assertEqual(status, 302)
        return request(hdrs["location"])[2]

    def rebuild(self, xet_hash, version="v2", rng=None, schemes=None):
        """The spec's download: reconstruction, xorb ranges, decode, assemble."""
        auth, _ = self.token()
        headers = dict(auth, **({"Range": rng} if rng else {}))
        status, _, rec = get_json(f"{self.cas}/{version}/reconstructions/{xet_hash}", headers=headers)
        self.assertEqual(status, 200, rec)
        cache = {}  # (xorb, chunk index) -> bytes
        if version == "v2":
            for xh, entries in rec["xorbs"].items():
                for entry in entries:
                    spec = "bytes=" + ",".join(f"{r['bytes']['start']}-{r['bytes']['end']}" for r in entry["ranges"])
                    status, hdrs, body = request(entry["url"], headers={"Range": spec})
                    self.assertEqual(status, 206)
                    parts = ([body] if len(entry["ranges"]) == 1
                             else parse_multipart(body, hdrs["content-type"]))
                    for r, part in zip(entry["ranges"], parts):
                        for i, c in enumerate(decode_chunks(part, self.lz4, schemes)):
                            cache[(xh, r["chunks"]["start"] + i)] = c
        else:
            for xh, entries in rec["fetch_info"].items():
                for e in entries:
                    spec = f"bytes={e['url_range']['start']}-{e['url_range']['end']}"
                    status, _, body = request(e["url"], headers={"Range": spec})
                    self.assertEqual(status, 206)
                    for i, c in enumerate(decode_chunks(body, self.lz4, schemes)):
                        cache[(xh, e["range"]["start"] + i)] = c
        out = []
        for t in rec["terms"]:
            data = b"".join(cache[(t["hash"], i)] for i in range(t["range"]["start"], t["range"]["end"]))
            self.assertEqual(len(data), t["unpacked_length"])
            out.append(data)
        return b"".join(out)[rec["offset_into_first_range"]:], rec

    def file_record(self, path):
        return get_json(f"{self.hf}/_admin/file?repo={REPO}&path={path}")[2]

    def test_signals_on_tree_and_resolve(self):
        _, _, tree = get_json(f"{self.hf}/api/models/{REPO}/tree/main")
        xet = {e["path"]: e.get("xetHash") for e in tree}
        self.assertRegex(xet[BIG], "^[0-9a-f]{64}$")
        self.assertIsNone(xet["README.md"])
        status, hdrs, _ = request(f"{self.hf}/{REPO}/resolve/main/{BIG}", method="HEAD")
        self.assertEqual((status, hdrs["x-xet-hash"]), (302, xet[BIG]))
        self.assertIn('rel="xet-auth"', hdrs["link"])
        self.assertIn(f'<{self.cas}/v1/reconstructions/{xet[BIG]}>; rel="xet-reconstruction-info"', hdrs["link"])
        status, hdrs, _ = request(f"{self.hf}/{REPO}/resolve/main/{BIG}",
                                  headers={"Accept": "application/vnd.xet-fileinfo+json, */*", "Range": "bytes=0-0"})
        self.assertEqual((status, hdrs["content-type"]), (200, "application/vnd.xet-fileinfo+json"))
        self.assertEqual(int(hdrs["x-linked-size"]), self.file_record(BIG)["size"])
        _, tok = self.token()
        self.assertEqual(tok["casUrl"], self.cas)
        self.assertGreater(tok["exp"], time.time() + 3000)
        # The other demo repos stay plain LFS.
        _, _, tree = get_json(f"{self.hf}/api/models/modeldock-demo/TinyStories-GGUF/tree/main")
        self.assertFalse(any("xetHash" in e for e in tree))

    def test_v2_and_v1_rebuild_the_plain_bytes(self):
        rec = self.file_record(BIG)
        plain = self.plain(BIG)
        self.assertEqual(hashlib.sha256(plain).hexdigest(), rec["sha256"])
        schemes = set()
        got, recon = self.rebuild(rec["xetHash"], "v2", schemes=schemes)
        self.assertEqual(got, plain)
        self.assertEqual(schemes, {0, 1, 2})
        self.assertEqual(self.rebuild(rec["xetHash"], "v1")[0], plain)
        # Range: the terms start at a chunk boundary, offset_into_first_range skips to the byte.
        part, recon = self.rebuild(rec["xetHash"], "v2", rng="bytes=1000000-2999999")
        self.assertGreater(recon["offset_into_first_range"], 0)
        self.assertEqual(part[:2000000], plain[1000000:3000000])
        logs = get_json(f"{self.hf}/_admin/requests?origin=xorbs")[2]
        self.assertTrue(logs and all(r["bytes_sent"] > 0 for r in logs))

    def test_cas_errors(self):
        h = self.file_record(BIG)["xetHash"]
        auth, _ = self.token()
        url = f"{self.cas}/v2/reconstructions/"
        self.assertEqual(request(url + h)[0], 401)
        self.assertEqual(request(url + "zz", headers=auth)[0], 400)
        self.assertEqual(request(url + "0" * 64, headers=auth)[0], 404)
        size = self.file_record(BIG)["size"]
        self.assertEqual(request(url + h, headers=dict(auth, Range=f"bytes={size}-{size + 5}"))[0], 416)
        other, _ = self.token("modeldock-demo/TinyStories-GGUF")
        self.assertEqual(request(url + h, headers=other)[0], 401)
        status, hdrs, _ = request(f"{self.cas}/v1/files/{h}", method="HEAD", headers=auth)
        self.assertEqual((status, int(hdrs["content-length"])), (200, size))

    def test_signed_urls(self):
        h = self.file_record(BIG)["xetHash"]
        auth, _ = self.token()
        _, _, rec = get_json(f"{self.cas}/v1/reconstructions/{h}", headers=auth)
        entry = next(iter(rec["fetch_info"].values()))[0]
        a, b = entry["url_range"]["start"], entry["url_range"]["end"]
        self.assertEqual(request(entry["url"], headers={"Range": f"bytes={a}-{b}"})[0], 206)
        self.assertEqual(request(entry["url"], headers={"Range": f"bytes={a}-{b + 1}"})[0], 403)
        self.assertEqual(request(entry["url"].replace("Signature=", "Signature=0"),
                                 headers={"Range": f"bytes={a}-{b}"})[0], 403)
        self.assertEqual(request(entry["url"].replace("Expires=", "Expires=1"),
                                 headers={"Range": f"bytes={a}-{b}"})[0], 403)

    def test_faults_reach_the_xet_origins(self):
        h = self.file_record(BIG)["xetHash"]
        auth, _ = self.token()
        self.admin("/_admin/scenario", {"origin": "cas", "fault": "status", "status": 500, "count": 1})
        self.assertEqual(request(f"{self.cas}/v2/reconstructions/{h}", headers=auth)[0], 500)
        _, _, rec = get_json(f"{self.cas}/v1/reconstructions/{h}", headers=auth)
        entry = next(iter(rec["fetch_info"].values()))[0]
        spec = f"bytes={entry['url_range']['start']}-{entry['url_range']['end']}"
        self.admin("/_admin/scenario", {"origin": "xorbs", "fault": "cut_after", "bytes": 100, "count": 1})
        with self.assertRaises(Exception):
            request(entry["url"], headers={"Range": spec})
        self.admin("/_admin/scenario", {"origin": "xorbs", "fault": "expire_link", "count": 1})
        self.assertEqual(request(entry["url"], headers={"Range": spec})[0], 403)
        self.assertEqual(request(entry["url"], headers={"Range": spec})[0], 206)

    def test_update_reuses_xorbs(self):
        path = "xet-tinystories.F16.gguf"
        before = self.file_record(path)
        auth, _ = self.token()
        _, _, old = get_json(f"{self.cas}/v2/reconstructions/{before['xetHash']}", headers=auth)
        for change, lo, hi in (("header", 0.85, 1.0), ("tensors", 0.35, 0.65)):
            out = self.admin("/_admin/xet/update", {"repo": REPO, "path": path, "change": change,
                                                    "fraction": 0.5})
            self.assertNotEqual(out["xetHash"], before["xetHash"])
            got, rec = self.rebuild(out["xetHash"])
            self.assertEqual(hashlib.sha256(got).hexdigest(), out["sha256"])
            reused = sum(t["unpacked_length"] for t in rec["terms"] if t["hash"] in old["xorbs"])
            self.assertTrue(lo <= reused / out["size"] <= hi, (change, reused / out["size"]))
            self.assertEqual(self.file_record(path)["xetHash"], out["xetHash"])
            # the old revision stays readable by its commit
            old_rev = request(f"{self.hf}/{REPO}/resolve/{before['commit']}/{path}", method="HEAD")[1]
            self.assertEqual(old_rev["x-xet-hash"], before["xetHash"])
        stats = self.admin("/_admin/xet/stats")
        self.assertLess(stats["chunks_new"], stats["chunks_seen"])


@unittest.skipUnless(HAVE_NATIVE, f"no Xet native library at {NATIVE} (build target testhubxet)")
class XetExpiryTests(unittest.TestCase):
    def test_tokens_and_urls_expire(self):
        hub = Hub("--xet-native", NATIVE, "--xet-file-mb", "1", "--xet-token-ttl", "1", "--xet-url-ttl", "1")
        try:
            status, _, tree = get_json(f"{hub.hf}/api/models/{REPO}/tree/main")
            h = next(e["xetHash"] for e in tree if e["path"] == BIG)
            _, _, tok = get_json(f"{hub.hf}/api/models/{REPO}/xet-read-token/main")  # public: no token needed
            auth = {"Authorization": "Bearer " + tok["accessToken"]}
            _, _, rec = get_json(f"{hub.urls['cas']}/v1/reconstructions/{h}", headers=auth)
            entry = next(iter(rec["fetch_info"].values()))[0]
            time.sleep(2.1)
            self.assertEqual(request(f"{hub.urls['cas']}/v2/reconstructions/{h}", headers=auth)[0], 401)
            spec = f"bytes={entry['url_range']['start']}-{entry['url_range']['end']}"
            self.assertEqual(request(entry["url"], headers={"Range": spec})[0], 403)
        finally:
            hub.close()


class XetDisabledTests(unittest.TestCase):
    def test_without_native_library_files_are_plain_lfs(self):
        env_free = Hub("--xet-native", "/nonexistent/libtesthubxet.so", "--xet-file-mb", "1")
        try:
            self.assertNotIn("cas", env_free.urls)
            _, _, tree = get_json(f"{env_free.hf}/api/models/{REPO}/tree/main")
            self.assertFalse(any("xetHash" in e for e in tree))
            self.assertEqual(request(f"{env_free.hf}/{REPO}/resolve/main/{BIG}")[0], 302)
        finally:
            env_free.close()


if __name__ == "__main__":
    unittest.main()
