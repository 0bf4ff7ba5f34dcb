"""Self-tests of the local test hub, Hugging Face origin: listings, model info, trees,
refs, collections, files with Range/304, the LFS redirect, errors, auth and the request
log.  The other test_testhub_*.py modules cover faults, Civitai and the catalogs.

Run all of them with: python3 -m unittest discover -p "test_testhub*.py" -v"""
import hashlib
import json
import time
import unittest
from urllib.parse import urlsplit

from hubtest import TS, HubTest, get_json, git_blob_oid, next_link, request
from hubtest import start_shared_hub as setUpModule  # noqa: F401 (unittest hooks)
from hubtest import stop_shared_hub as tearDownModule  # noqa: F401


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


    def test_list_models_honours_pipeline_tag(self):
        """The JS client's listModels({search: {task}}) sends pipeline_tag=…."""
        _, _, items = get_json(self.hf + "/api/models?pipeline_tag=text-classification&limit=1000")
        self.assertEqual(len(items), 12)
        self.assertTrue(all(m["id"].startswith("modeldock-demo/plain-model-") for m in items))
        self.assertEqual({m["pipeline_tag"] for m in items}, {"text-classification"})
        _, _, items = get_json(self.hf + "/api/models?pipeline_tag=text-generation&filter=gguf"
                               "&author=cortexso&expand=pipeline_tag")
        self.assertEqual(sorted(m["id"] for m in items), ["cortexso/llama3.2", "cortexso/qwen2.5"])
        _, _, items = get_json(self.hf + "/api/models?pipeline_tag=no-such-task")
        self.assertEqual(items, [])

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


if __name__ == "__main__":
    unittest.main()
