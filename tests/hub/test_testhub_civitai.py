"""Self-tests of the test hub's Civitai origin: listings with cursors and filters, their
errors, models, versions and hash lookups, the download redirect, every auth outcome
(including an unknown token) and malformed JSON."""
import hashlib
import io
import json
import struct
import unittest
import zipfile
import zlib

from hubtest import HubTest, get_json, request
from hubtest import start_shared_hub as setUpModule  # noqa: F401 (unittest hooks)
from hubtest import stop_shared_hub as tearDownModule  # noqa: F401


class CivitaiTests(HubTest):
    def test_post_by_hash_answers_many_hashes_in_one_request(self):
        url = self.civ + "/api/v1/model-versions/by-hash"
        _, _, ver = get_json(self.civ + "/api/v1/model-versions/420060")
        _, _, other = get_json(self.civ + "/api/v1/model-versions/420102")
        known = [ver["files"][0]["hashes"]["SHA256"].lower(), other["files"][0]["hashes"]["SHA256"]]
        body = json.dumps(known + ["0" * 64, "not-a-hash"]).encode()
        self.admin("/_admin/reset", {})
        status, hdrs, found = get_json(url, method="POST", body=body,
                                       headers={"Content-Type": "application/json"})
        self.assertEqual(status, 200)
        self.assertEqual(sorted(v["id"] for v in found), [420060, 420102])
        self.assertEqual({"modelId", "model", "files", "images"} - set(found[0]), set())
        log = self.admin("/_admin/requests?origin=civitai")
        self.assertEqual([(r["method"], r["path"]) for r in log],
                         [("POST", "/api/v1/model-versions/by-hash")])
        status, _, err = get_json(url, method="POST", body=json.dumps(["0" * 64] * 101).encode())
        self.assertEqual(status, 400)
        self.assertIn("at most 100", err["error"])
        self.assertEqual(get_json(url, method="POST", body=b"{oops")[0], 400)
        self.assertEqual(get_json(url, method="POST", body=b'{"hashes": []}')[0], 400)
        self.assertEqual(get_json(url, method="POST", body=b"[]")[2], [])
        self.scenario(origin="civitai", path="/by-hash", fault="status", status=429, retry_after=2, count=1)
        status, hdrs, _ = request(url, method="POST", body=body)
        self.assertEqual((status, hdrs.get("retry-after")), (429, "2"))
        self.assertEqual(get_json(url, method="POST", body=body)[0], 200)
        _, _, one = get_json(f"{self.civ}/api/v1/model-versions/by-hash/{known[1]}")
        self.assertEqual(one["id"], 420102)

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
        self.assertEqual(len(ids), 16)
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

    def test_the_wildcards_pack_is_a_real_zip_typed_archive(self):
        _, _, ver = get_json(self.civ + "/api/v1/model-versions/421601")
        (f,) = ver["files"]
        self.assertEqual((f["type"], f["name"], f.get("primary")), ("Archive", "demoWildcards_v10.zip", True))
        status, hdrs, _ = request(self.civ + "/api/download/models/421601")
        self.assertEqual(status, 307)
        status, _, body = request(hdrs["location"])
        self.assertEqual(status, 200)
        self.assertEqual(hashlib.sha256(body).hexdigest().upper(), f["hashes"]["SHA256"])
        with zipfile.ZipFile(io.BytesIO(body)) as z:
            self.assertEqual(sorted(z.namelist()),
                             ["README.txt", "wildcards/animals.txt", "wildcards/colors.txt"])
            self.assertEqual(z.read("wildcards/colors.txt"), b"red\ngreen\nblue\n")

    def test_unknown_token_is_a_401_not_anonymous(self):
        """hub-api.md B7: 401 for an invalid token (exact real wording UNCONFIRMED, see README)."""
        wrong = {"Authorization": "Bearer wrong"}
        expected = {"error": "Unauthorized", "message": "Invalid API key"}
        for url, headers in ((self.civ + "/api/v1/models?limit=1", wrong),
                             (self.civ + "/api/v1/models?limit=1&token=wrong", {}),
                             (self.civ + "/api/v1/models/4201", wrong),
                             (self.civ + "/api/v1/model-versions/420060", wrong),
                             (self.civ + "/api/download/models/420101", wrong),
                             (self.civ + "/api/download/models/420401?token=wrong", {})):
            status, hdrs, body = get_json(url, headers=headers)
            self.assertEqual((status, body), (401, expected), url)
            self.assertTrue(hdrs["content-type"].startswith("application/json"))
        # the header wins over the query parameter, as on the real server (B0)
        status, _, _ = request(self.civ + "/api/download/models/420401?token=civitai_test_token",
                               headers=wrong)
        self.assertEqual(status, 401)
        # no token and an empty token stay anonymous; the known token still logs in
        self.assertEqual(request(self.civ + "/api/download/models/420101")[0], 307)
        self.assertEqual(request(self.civ + "/api/download/models/420101?token=")[0], 307)
        self.assertEqual(request(self.civ + "/api/download/models/420401",
                                 headers={"Authorization": "Bearer civitai_test_token"})[0], 307)
        status, hdrs, body = request(self.civ + "/api/v1/models?limit=1",
                                     headers={**wrong, "User-Agent": "Mozilla/5.0 Firefox"})
        self.assertEqual((status, body), (401, b"Invalid API key"))

    def test_malformed_json(self):
        self.assert_malformed_once("civitai", "/api/v1/model-versions/",
                                   self.civ + "/api/v1/model-versions/420060")
        self.assertEqual(get_json(self.civ + "/api/v1/model-versions/420060")[2]["id"], 420060)
        self.scenario(origin="civitai", path="/api/v1/models", fault="malformed_json")
        for url in (self.civ + "/api/v1/models?limit=2", self.civ + "/api/v1/models/4201"):
            status, _, body = request(url)
            self.assertEqual(status, 200)
            with self.assertRaises(ValueError):
                json.loads(body)


if __name__ == "__main__":
    unittest.main()
