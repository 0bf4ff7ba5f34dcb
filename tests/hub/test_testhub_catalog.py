"""Self-tests of the test hub's catalogs and process options: demo and generated catalog
mutation between two syncs, the 100,000-model generated catalog, page size, storage host,
data dir, and clean exits.  These tests start their own hubs."""
import json
import os
import shutil
import signal
import tempfile
import time
import unittest

from hubtest import TS, Hub, get_json, next_link, request


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
            self.assertLess(hub.startup_seconds, 5.0)  # well under 1 s when idle; room for a busy CI runner
            self.assertEqual(get_json(hub.hf + "/_admin/catalog")[2]["hf_models"], 100000)
            url, seen = hub.hf + "/api/models?limit=1000", 0
            for _ in range(3):
                t0 = time.monotonic()
                status, hdrs, page = get_json(url)
                self.assertLess(time.monotonic() - t0, 2.0)  # 15-35 ms when idle
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

    def test_generated_catalog_changes_between_two_syncs(self):
        """What a client sees when it lists everything, the catalog churns, and it lists again."""
        hub = Hub("--catalog", "generated", "--models", "3000", "--hf-page-size", "1000")
        try:
            def sync():
                hf, url = {}, hub.hf + "/api/models?limit=1000&expand=sha&expand=lastModified"
                while url:
                    status, hdrs, page = get_json(url)
                    self.assertEqual(status, 200)
                    hf.update({m["id"]: m["sha"] for m in page})
                    url = next_link(hdrs)
                civ, url = {}, hub.civitai + "/api/v1/models?limit=100&nsfw=true&sort=Newest"
                while url:
                    _, _, page = get_json(url)
                    civ.update({m["id"]: m["modelVersions"][0] for m in page["items"]})
                    url = page["metadata"].get("nextPage")
                return hf, civ

            hf1, civ1 = sync()
            self.assertEqual((len(hf1), len(civ1)), (3000, 300))
            status, _, out = get_json(hub.hf + "/_admin/catalog/mutate", method="POST",
                                      body=json.dumps({"add": 3, "change": 4, "remove": 2}).encode())
            self.assertEqual(status, 200)
            hf2, civ2 = sync()
            self.assertEqual(set(hf2), set(hf1) - set(out["removed"]) | set(out["added"]))
            self.assertEqual(len(out["changed"]), 4)
            for rid in hf1.keys() - set(out["removed"]):
                self.assertEqual(hf2[rid] != hf1[rid], rid in out["changed"], rid)
            rid = out["changed"][0]
            _, _, tree = get_json(f"{hub.hf}/api/models/{rid}/tree/main")
            self.assertIn("notes-1.md", [e["path"] for e in tree])
            _, _, old_tree = get_json(f"{hub.hf}/api/models/{rid}/tree/{hf1[rid]}")
            old = {e["path"]: e["oid"] for e in old_tree}
            new = {e["path"]: e["oid"] for e in tree if e["path"] in old}
            self.assertEqual(len([p for p in old if old[p] != new[p]]), 1)
            status, hdrs, _ = get_json(f"{hub.hf}/api/models/{out['removed'][0]}")
            self.assertEqual((status, hdrs["x-error-code"]), (401, "RepoNotFound"))
            civ = out["civitai"]
            self.assertEqual(set(civ2), set(civ1) - set(civ["removed"]) | set(civ["added"]))
            for mid in civ1.keys() - set(civ["removed"]):
                self.assertEqual(civ2[mid]["id"] != civ1[mid]["id"], mid in civ["changed"], mid)
            self.assertIn("(new)", civ2[civ["changed"][0]]["name"])
            # pipeline_tag on a generated catalog: every 6th model is text-generation, every
            # 4th a GGUF repo, so the two together select every 12th of the 3000 (minus churn)
            url, found = hub.hf + "/api/models?pipeline_tag=text-generation&filter=gguf&limit=1000", []
            while url:
                _, hdrs, page = get_json(url)
                found += page
                url = next_link(hdrs)
            self.assertGreaterEqual(len(found), 250 - 2)
            self.assertTrue(all(m["pipeline_tag"] == "text-generation" and "gguf" in m["tags"]
                                for m in found))
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
