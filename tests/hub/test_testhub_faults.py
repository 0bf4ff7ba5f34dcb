"""Self-tests of the test hub's fault switches (scenarios): cut, ignored Range, corrupt
byte, status faults with rate-limit headers, slow, changing content, stalls, malformed and
oversized JSON, and storage rejecting requests that carry Authorization."""
import hashlib
import http.client
import json
import socket
import time
import unittest

from hubtest import TS, HubTest, get_json, header_list, request
from hubtest import start_shared_hub as setUpModule  # noqa: F401 (unittest hooks)
from hubtest import stop_shared_hub as tearDownModule  # noqa: F401


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

    def test_stall_default_sends_headers_then_silence(self):
        self.scenario(origin="storage", fault="stall", seconds=2, count=1)  # bytes defaults to 0
        status, hdrs, resp = request(self.storage_url(), read=False, timeout=0.5)
        self.assertEqual((status, int(hdrs["content-length"])), (200, 1536 * 1024))
        t0 = time.monotonic()
        with self.assertRaises((socket.timeout, TimeoutError)):
            resp.read(1)
        self.assertLess(time.monotonic() - t0, 1.5)
        resp.close()
        record = self.admin("/_admin/requests?origin=storage")[0]
        self.assertEqual((record["status"], record.get("bytes_sent", 0)), (200, 0))

    def test_malformed_json(self):
        self.assert_malformed_once("hf", "/api/models", self.hf + "/api/models?limit=2")
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

    def test_hf_429_carries_one_rate_limit_state_for_k_requests(self):
        """An injected 429 replaces the normal RateLimit headers instead of adding to them."""
        self.scenario(origin="hf", path="/api/models", fault="status", status=429, retry_after=7,
                      ratelimit='"api";r=0;t=7', count=2)
        url = self.hf + "/api/models?limit=1"
        for _ in range(2):
            status, hdrs = header_list(url)
            self.assertEqual(status, 429)
            rate = [v for k, v in hdrs if k == "ratelimit"]
            policy = [v for k, v in hdrs if k == "ratelimit-policy"]
            self.assertEqual(rate, ['"api";r=0;t=7'])
            self.assertEqual(len(policy), 1)
            self.assertIn('"api"', policy[0])
            self.assertEqual([v for k, v in hdrs if k == "retry-after"], ["7"])
            self.assertIn("x-error-message", dict(hdrs))
        status, hdrs = header_list(url)  # count=2: the third request is normal again
        self.assertEqual(status, 200)
        rate = [v for k, v in hdrs if k == "ratelimit"]
        self.assertEqual(len(rate), 1)
        self.assertNotIn(";r=0;", rate[0])
        self.assertNotIn("retry-after", dict(hdrs))
        self.assertEqual(self.admin("/_admin/scenario")[0]["count"], 0)
        # a status fault without its own rate-limit state keeps the normal headers, once
        self.scenario(origin="hf", path="/api/models", fault="status", status=503, count=1)
        status, hdrs = header_list(url)
        self.assertEqual(status, 503)
        self.assertEqual(len([v for k, v in hdrs if k == "ratelimit"]), 1)

    def test_drop_closes_the_connection_without_an_answer(self):
        sid = self.scenario(origin="hf", path="/api/models", fault="drop")
        with self.assertRaises((http.client.RemoteDisconnected, ConnectionError)):
            request(self.hf + "/api/models?limit=1")
        self.admin(f"/_admin/scenario/{sid}", method="DELETE")
        self.assertEqual(request(self.hf + "/api/models?limit=1")[0], 200)

    def test_status_faults_on_storage(self):
        url = self.storage_url()
        self.scenario(origin="storage", path="tinystories.Q2_K", fault="status", status=503,
                      retry_after=3, count=1)
        self.scenario(origin="storage", path="tinystories.Q8_0", fault="status", status=500, count=1)
        status, hdrs, body = get_json(url)
        self.assertEqual((status, hdrs["retry-after"]), (503, "3"))
        self.assertIn("error", body)
        self.assertNotIn("x-error-message", hdrs)  # only the HF origin sends that header
        status, _, body = request(url)
        self.assertEqual((status, len(body)), (200, 1536 * 1024))
        q8 = self.storage_url("tinystories.Q8_0.gguf")
        self.assertEqual(request(q8)[0], 500)
        self.assertEqual(request(q8)[0], 200)
        log = self.admin("/_admin/requests?origin=storage")
        self.assertEqual([r["status"] for r in log], [503, 200, 500, 200])

    def test_reject_authorization_on_storage(self):
        """hub-api.md A11.4: storage can refuse any request that still carries Authorization."""
        url = self.storage_url()
        auth = {"Authorization": "Bearer hf_test_valid"}
        self.assertEqual(request(url, headers=auth, method="HEAD")[0], 200)  # off by default
        self.scenario(origin="storage", fault="reject_authorization")
        status, hdrs, body = request(url, headers=auth)
        self.assertEqual((status, hdrs["content-type"]), (400, "application/xml"))
        self.assertIn(b"<Code>InvalidArgument</Code>", body)
        self.assertEqual(request(url, headers=auth, method="HEAD")[0], 400)
        status, _, body = request(url)
        self.assertEqual((status, len(body)), (200, 1536 * 1024))
        civ = request(self.civ + "/api/download/models/420101")[1]["location"]
        self.assertEqual(request(civ, headers={"Authorization": "Bearer civitai_test_token"})[0], 400)
        self.assertEqual(request(civ)[0], 200)
        # the hub origins are not affected, and the switch cannot be aimed at them
        self.assertEqual(request(f"{self.hf}/{TS}/resolve/main/config.json", headers=auth)[0], 200)
        status, _, _ = get_json(self.hf + "/_admin/scenario", method="POST",
                                body=json.dumps({"origin": "hf", "fault": "reject_authorization"}).encode())
        self.assertEqual(status, 400)

    def test_expire_link_on_storage(self):
        """A presigned link past its expiry: S3's 403 AccessDenied, after `after` good uses."""
        url = self.storage_url()
        self.scenario(origin="storage", path="tinystories.Q2_K", fault="expire_link", after=1, count=1)
        self.assertEqual(request(url)[0], 200)          # still valid once
        status, hdrs, body = request(url, headers={"Range": "bytes=10-"})
        self.assertEqual((status, hdrs["content-type"]), (403, "application/xml"))
        self.assertIn(b"<Message>Request has expired</Message>", body)
        self.assertEqual(request(url)[0], 200)          # count=1: used up
        status, _, _ = get_json(self.hf + "/_admin/scenario", method="POST",
                                body=json.dumps({"origin": "hf", "fault": "expire_link"}).encode())
        self.assertEqual(status, 400)


if __name__ == "__main__":
    unittest.main()
