// Drives the official @huggingface/hub JS client against a ModelDock-written HF cache:
//   node hfcache.mjs scan CACHE_DIR                    -> JSON of what scanCacheDir sees
//   node hfcache.mjs snapshot HUB_URL REPO CACHE_DIR   -> snapshotDownload into CACHE_DIR
// The package comes from HFHUB_PACKAGE_DIR: the build directory where tests/hub/conformance/run.sh installs it.
import { createRequire } from "node:module";
import { relative } from "node:path";

const require = createRequire(process.env.HFHUB_PACKAGE_DIR + "/package.json");
const { scanCacheDir, snapshotDownload } = require("@huggingface/hub");

const [mode, ...args] = process.argv.slice(2);
if (mode === "scan") {
  const info = await scanCacheDir(args[0]);
  const repos = info.repos.map((repo) => ({
    name: repo.id.name,
    type: repo.id.type,
    revisions: repo.revisions.map((rev) => ({
      commit: rev.commitOid,
      refs: rev.refs,
      files: rev.files.map((f) => ({ path: relative(rev.path, f.path), size: f.blob.size })),
    })),
  }));
  console.log(JSON.stringify({ repos, warnings: info.warnings.map((w) => String(w)) }));
} else if (mode === "snapshot") {
  const [hubUrl, repo, cacheDir] = args;
  const path = await snapshotDownload({ repo, hubUrl, cacheDir });
  console.log(JSON.stringify({ path }));
} else {
  console.error("usage: hfcache.mjs scan DIR | snapshot HUB_URL REPO DIR");
  process.exit(2);
}
