// Conformance: the official @huggingface/hub client (pinned in package.json)
// against the ModelDock local test hub, plus JSON shape checks of the hub's
// Civitai and HF answers against the recorded real samples in ../samples.
//
// Starts its own hub (testhub.py --exit-on-stdin-eof, with $MODELDOCK_PYTHON3 or
// python3), prints one line per check and a final "<N> passed, <M> failed"; exit
// code 1 on failure. run.sh runs a copy in the build directory, next to its
// node_modules, and says where the hub lives through $MODELDOCK_HUB_DIR.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import {
  downloadFile,
  downloadFileToCacheDir,
  fileDownloadInfo,
  listCollections,
  listFiles,
  listModels,
  modelInfo,
  pathsInfo,
  scanCacheDir,
  snapshotDownload,
} from "@huggingface/hub";

const HUB_DIR = process.env.MODELDOCK_HUB_DIR ?? join(dirname(fileURLToPath(import.meta.url)), "..");
const SAMPLES = join(HUB_DIR, "samples");
const PYTHON = process.env.MODELDOCK_PYTHON3 || "python3";
const TS = "modeldock-demo/TinyStories-GGUF";
const XET = "modeldock-demo/Xet-GGUF";
const PAGE = 5; // hub page size: forces the client to follow Link headers

let passed = 0;
let failed = 0;

async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`PASS ${name}`);
  } catch (err) {
    failed++;
    console.log(`FAIL ${name}: ${err?.stack ?? err}`);
  }
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

function eq(actual, expected, msg) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${msg}: expected ${e}, got ${a}`);
}

const sha256 = (buf) => createHash("sha256").update(buf).digest("hex");
const gitOid = (buf) =>
  createHash("sha1").update(Buffer.concat([Buffer.from(`blob ${buf.length}\0`), buf])).digest("hex");

function jsonType(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

// Every key of `sample` (minus `skip`) must exist in `actual` with the same
// JSON type; a null in the sample only requires the key to exist.
function sameShape(actual, sample, what, skip = []) {
  const problems = [];
  for (const [key, value] of Object.entries(sample)) {
    if (skip.includes(key)) continue;
    if (!(key in actual)) problems.push(`missing ${key}`);
    else if (value !== null && jsonType(actual[key]) !== jsonType(value))
      problems.push(`${key}: ${jsonType(actual[key])} != sample ${jsonType(value)}`);
  }
  assert(problems.length === 0, `${what}: ${problems.join(", ")}`);
}

async function startHub() {
  const proc = spawn(
    PYTHON,
    [join(HUB_DIR, "testhub.py"), "--exit-on-stdin-eof", "--catalog", "demo", "--big-file-mb", "8",
     "--xet-file-mb", "8", "--hf-page-size", String(PAGE)],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  const rl = createInterface({ input: proc.stdout });
  const line = await new Promise((resolve, reject) => {
    rl.once("line", resolve);
    proc.once("exit", (code) => reject(new Error(`hub exited early (${code})`)));
  });
  return { proc, urls: JSON.parse(line) };
}

async function getJson(url, init) {
  const r = await fetch(url, init);
  assert(r.ok, `${url} -> HTTP ${r.status}`);
  return r.json();
}

const { proc, urls } = await startHub();
const hubUrl = urls.hf;
const admin = (path, init) => getJson(`${hubUrl}/_admin/${path}`, init);
const reset = () => admin("reset", { method: "POST" });
// The hub's record of a file: {size, sha256, oid, lfs, commit}.
const fileRecord = (repo, path, revision = "main") =>
  admin(`file?repo=${repo}&path=${encodeURIComponent(path)}&revision=${encodeURIComponent(revision)}`);
const cacheDir = await mkdtemp(join(tmpdir(), "hfjs-cache-"));

try {
  // ---------------------------------------------------------------- listing
  await check("listModels follows Link pagination (limit > one page)", async () => {
    await reset();
    const got = [];
    for await (const m of listModels({ hubUrl, search: { owner: "lora-pack" }, limit: 23, sort: "downloads" })) {
      got.push(m);
    }
    eq(got.length, 23, "entries");
    eq(new Set(got.map((m) => m.name)).size, 23, "unique names");
    assert(got.every((m) => m.name.startsWith("lora-pack/")), "owner filter");
    assert(got.every((m) => /^[0-9a-f]{24}$/.test(m.id)), "id = _id (24 hex)");
    assert(got.every((m) => m.updatedAt instanceof Date && !isNaN(m.updatedAt)), "updatedAt parsed");
    for (let i = 1; i < got.length; i++) assert(got[i - 1].downloads >= got[i].downloads, "sorted by downloads");
    const reqs = await admin("requests?origin=hf");
    const pages = reqs.filter((r) => r.path.startsWith("/api/models?"));
    eq(pages.length, Math.ceil(23 / PAGE), "page requests");
    assert(pages.slice(1).every((r) => r.path.includes("cursor=")), "later pages use the Link cursor");
  });

  await check("listModels with tag filter and additionalFields", async () => {
    const got = [];
    for await (const m of listModels({ hubUrl, search: { tags: ["gguf"] }, additionalFields: ["sha", "tags"] })) {
      got.push(m);
    }
    eq(got.map((m) => m.name).sort(), ["cortexso/llama3.2", "cortexso/qwen2.5", "modeldock-demo/SmolLM-Split-GGUF", TS, XET],
       "gguf repos");
    assert(got.every((m) => /^[0-9a-f]{40}$/.test(m.sha) && m.tags.includes("gguf")), "extra fields");
  });

  await check("listModels with a task filter sends pipeline_tag and gets only that task", async () => {
    await reset();
    const got = [];
    for await (const m of listModels({ hubUrl, search: { task: "text-classification" } })) got.push(m);
    eq(got.length, 12, "text-classification models");
    assert(got.every((m) => m.task === "text-classification" && m.name.startsWith("modeldock-demo/plain-model-")),
      "task of every model");
    const reqs = await admin("requests?origin=hf");
    assert(reqs[0].path.includes("pipeline_tag=text-classification"), `request ${reqs[0].path}`);
  });

  // ------------------------------------------------------------- model info
  const tsInfo = await admin(`file?repo=${TS}&path=tinystories.Q4_K_M.gguf`);
  await check("modelInfo (revision HEAD) returns id/sha/gated", async () => {
    const info = await modelInfo({ name: TS, hubUrl, additionalFields: ["sha", "cardData", "tags"] });
    eq(info.name, TS, "name");
    eq(info.sha, tsInfo.commit, "sha");
    eq(info.gated, false, "gated");
    eq(info.cardData.license, "mit", "cardData");
  });

  await check("modelInfo on the gated repo: 401 anonymous, OK with approved token", async () => {
    let status = null;
    try {
      await modelInfo({ name: "modeldock-demo/gated-llm", hubUrl, revision: "main" });
    } catch (err) {
      status = err.statusCode;
    }
    eq(status, 401, "anonymous status");
    const info = await modelInfo({ name: "modeldock-demo/gated-llm", hubUrl, accessToken: "hf_test_valid" });
    eq(info.gated, "manual", "gated mode");
  });

  // ------------------------------------------------------------------ files
  let tree = [];
  await check("listFiles recursive (paginated tree) matches the hub's files", async () => {
    for await (const e of listFiles({ repo: TS, recursive: true, hubUrl })) tree.push(e);
    eq(tree.map((e) => e.path).sort(), [".gitattributes", "README.md", "config.json", "extras",
      "extras/tokenizer_config.json", "tinystories.Q2_K.gguf", "tinystories.Q4_K_M.gguf",
      "tinystories.Q8_0.gguf"], "paths");
    const big = tree.find((e) => e.path === "tinystories.Q4_K_M.gguf");
    eq(big.lfs.oid, tsInfo.sha256, "lfs oid");
    eq(big.size, 8 << 20, "size");
    assert(tree.every((e) => !("xetHash" in e)), "no xetHash");
  });

  await check("listFiles expand=true carries lastCommit", async () => {
    for await (const e of listFiles({ repo: TS, hubUrl, expand: true })) {
      assert(e.lastCommit && e.lastCommit.id === tsInfo.commit, `lastCommit of ${e.path}`);
    }
  });

  await check("pathsInfo (JSON body) with expand", async () => {
    const out = await pathsInfo({ repo: TS, paths: ["config.json", "tinystories.Q2_K.gguf"], expand: true, hubUrl });
    eq(out.map((e) => e.path), ["config.json", "tinystories.Q2_K.gguf"], "paths");
    assert(out[1].lfs && out[1].lastCommit, "lfs + lastCommit");
  });

  await check("fileDownloadInfo follows the 302 and reads Content-Range", async () => {
    const q2 = await admin(`file?repo=${TS}&path=tinystories.Q2_K.gguf`);
    const info = await fileDownloadInfo({ repo: TS, path: "tinystories.Q2_K.gguf", hubUrl });
    eq(info.size, q2.size, "size");
    eq(info.etag, `"${q2.sha256}"`, "etag");
    eq(await fileDownloadInfo({ repo: TS, path: "missing.bin", hubUrl }), null, "missing file");
  });

  await check("snapshotDownload + scanCacheDir + SHA-256 of every file", async () => {
    const snap = await snapshotDownload({ repo: TS, cacheDir, hubUrl });
    assert(snap.endsWith(tsInfo.commit), `snapshot path ${snap}`);
    const cache = await scanCacheDir(cacheDir);
    const repo = cache.repos.find((r) => r.id.name === TS);
    assert(repo, "repo listed by scanCacheDir");
    eq(repo.id.type, "model", "repo type");
    const rev = repo.revisions.find((r) => r.commitOid === tsInfo.commit);
    assert(rev, "revision listed");
    assert(rev.refs.includes("main"), "refs/main");
    const files = tree.filter((e) => e.type === "file");
    // scanSnapshotDir in 2.17.5 does not descend into sub-directories, so the
    // cache scan lists the top-level files; nested ones are checked on disk below.
    eq(rev.files.map((f) => f.path.slice(rev.path.length + 1)).sort(),
      files.map((e) => e.path).filter((p) => !p.includes("/")).sort(), "cached files");
    // Every file, LFS or not, against the hub's own record of its bytes.
    for (const e of files) {
      const buf = await readFile(join(snap, e.path));
      const want = await fileRecord(TS, e.path, tsInfo.commit);
      eq(buf.length, want.size, `size of ${e.path}`);
      eq(sha256(buf), want.sha256, `sha256 of ${e.path}`);
      eq(e.size, want.size, `listed size of ${e.path}`);
      if (e.lfs) eq(e.lfs.oid, want.sha256, `lfs oid of ${e.path}`);
      else eq(gitOid(buf), e.oid, `git oid of ${e.path}`);
    }
  });

  await check("downloadFile (small and LFS) and downloadFileToCacheDir on a branch", async () => {
    const cfg = await downloadFile({ repo: TS, path: "config.json", hubUrl });
    const cfgBytes = Buffer.from(await cfg.arrayBuffer());
    const raw = await (await fetch(`${hubUrl}/${TS}/raw/main/config.json`)).text();
    eq(cfgBytes.toString(), raw, "config.json");
    eq(sha256(cfgBytes), (await fileRecord(TS, "config.json")).sha256, "config.json sha256");
    const q8 = await admin(`file?repo=${TS}&path=tinystories.Q8_0.gguf`);
    const blob = await downloadFile({ repo: TS, path: "tinystories.Q8_0.gguf", hubUrl });
    eq(sha256(Buffer.from(await blob.arrayBuffer())), q8.sha256, "Q8_0 sha256");
    const want = await admin("file?repo=cortexso/llama3.2&path=model.gguf&revision=1b-gguf-q8-0");
    const p = await downloadFileToCacheDir({ repo: "cortexso/llama3.2", path: "model.gguf",
      revision: "1b-gguf-q8-0", cacheDir, hubUrl });
    eq(sha256(await readFile(p)), want.sha256, "branch file sha256");
    eq((await stat(p)).size, want.size, "branch file size");
  });

  await check("downloadFile of a Xet-backed file goes through CAS and xorbs, not the LFS bridge", async () => {
    // ctest passes the library's path; by hand: MODELDOCK_TESTHUB_XET_NATIVE=build/tests/hub/native/libtesthubxet.so
    assert(urls.cas && urls.xorbs, "hub started without Xet: set MODELDOCK_TESTHUB_XET_NATIVE");
    for (const path of ["xet-tinystories.Q4_K_M.gguf", "xet-tinystories.F16.gguf"]) {
      await reset();
      const want = await fileRecord(XET, path);
      const info = await fileDownloadInfo({ repo: XET, path, hubUrl });
      eq(info.xet?.hash, want.xetHash, `${path} Xet hash`);
      const bytes = Buffer.from(await (await downloadFile({ repo: XET, path, hubUrl })).arrayBuffer());
      eq(bytes.length, want.size, `${path} size`);
      eq(sha256(bytes), want.sha256, `${path} sha256`);
      const reqs = await admin("requests");
      // The client caches the CAS token per refresh URL (repo and commit): asked once for both files.
      if (path.includes("Q4_K_M")) {
        assert(reqs.some((r) => r.origin === "hf" && r.path.includes("/xet-read-token/")), "read token");
      }
      assert(reqs.some((r) => r.origin === "cas" && r.path === `/v2/reconstructions/${want.xetHash}`),
        "v2 reconstruction query");
      const xorbBytes = reqs.filter((r) => r.origin === "xorbs" && r.status === 206)
        .reduce((n, r) => n + r.bytes_sent, 0);
      assert(xorbBytes > 0, "xorb range fetches");
      assert(!reqs.some((r) => r.origin === "storage"), "no request to the LFS bridge");
      const plain = Buffer.from(await (await downloadFile({ repo: XET, path, hubUrl, xet: false })).arrayBuffer());
      assert(plain.equals(bytes), `${path}: Xet bytes equal the plain download`);
    }
  });

  await check("fetch drops Authorization on the cross-origin redirect to storage", async () => {
    await reset();
    // Storage now refuses any request that still carries Authorization (hub-api.md A11.4).
    await admin("scenario", { method: "POST",
      body: JSON.stringify({ origin: "storage", fault: "reject_authorization" }) });
    const blob = await downloadFile({ repo: "modeldock-demo/gated-llm", path: "model.safetensors", hubUrl,
      accessToken: "hf_test_valid" });
    const want = await admin("file?repo=modeldock-demo/gated-llm&path=model.safetensors");
    eq(sha256(Buffer.from(await blob.arrayBuffer())), want.sha256, "gated file sha256");
    const hf = await admin("requests?origin=hf");
    assert(hf.some((r) => r.headers.authorization === "Bearer hf_test_valid"), "token sent to the hub");
    const storage = await admin("requests?origin=storage");
    assert(storage.length > 0, "storage was used");
    assert(storage.every((r) => !r.headers.authorization), "no Authorization at storage");
  });

  // ------------------------------------------------------------ collections
  // collectionInfo exists in the library sources but is not exported by the
  // 2.17.5 package entry point, so the detail call is made the way it does it.
  await check("listCollections + collection detail", async () => {
    const cols = [];
    for await (const c of listCollections({ search: { owner: ["lora-pack"] }, hubUrl })) cols.push(c);
    eq(cols.length, 1, "collections");
    eq(cols[0].title, "Sixty style LoRAs", "title");
    const info = await getJson(`${hubUrl}/api/collections/${cols[0].slug}`,
      { headers: { "Content-Type": "application/json" } });
    eq(info.items.length, 60, "items");
  });

  // ------------------------------------------- shapes vs recorded samples
  await check("HF model info has the sample's keys and types", async () => {
    const sample = JSON.parse(await readFile(join(SAMPLES, "hf-model-info-google-bert-bert-base-uncased.json")));
    const info = await getJson(`${hubUrl}/api/models/${TS}`);
    // transformers-specific blocks the GGUF demo repo legitimately lacks
    sameShape(info, sample, "model info", ["mask_token", "widgetData", "model-index", "config",
      "transformersInfo", "safetensors", "inference"]);
    sameShape(info.siblings[0], sample.siblings[0], "sibling");
  });

  await check("HF tree entries have the sample's keys and types (minus xetHash)", async () => {
    const sample = JSON.parse(await readFile(join(SAMPLES, "hf-tree-google-bert-bert-base-uncased-dd4bc8b2.json")));
    const entries = await getJson(`${hubUrl}/api/models/${TS}/tree/main`);
    const lfs = entries.find((e) => e.lfs);
    const plain = entries.find((e) => e.type === "file" && !e.lfs);
    sameShape(plain, sample[0], "plain entry");
    sameShape(lfs, sample.find((e) => e.lfs), "lfs entry", ["xetHash"]);
    sameShape(lfs.lfs, sample.find((e) => e.lfs).lfs, "lfs object");
  });

  await check("HF collection listing entry has the sample's keys and types", async () => {
    const sample = JSON.parse(await readFile(join(SAMPLES, "hf-collections-list-entry-TheBloke-recent-models.json")));
    const [entry] = await getJson(`${hubUrl}/api/collections?owner=lora-pack`);
    sameShape(entry, sample, "collection entry");
    sameShape(entry.owner, sample.owner, "owner");
    sameShape(entry.items[0], sample.items[0], "item", []);
    assert(!("position" in entry), "no top-level position in listings");
  });

  await check("Civitai model-version has the sample's keys and types", async () => {
    const sample = JSON.parse(await readFile(join(SAMPLES, "civitai-model-version-1318.json")));
    const v = await getJson(`${urls.civitai}/api/v1/model-versions/420060`);
    sameShape(v, sample, "version");
    sameShape(v.stats, sample.stats, "stats");
    sameShape(v.model, sample.model, "model");
    sameShape(v.files[0], sample.files[0], "file");
    sameShape(v.files[0].metadata, sample.files[0].metadata, "file metadata");
    // the sample's BLAKE3 is not produced by the test hub (documented)
    sameShape(v.files[0].hashes, sample.files[0].hashes, "hashes", ["BLAKE3"]);
    sameShape(v.images[0], sample.images[0], "image");
    assert(/^[0-9A-F]{64}$/.test(v.files[0].hashes.SHA256), "uppercase SHA256");
    assert(v.downloadUrl.startsWith(`${urls.civitai}/api/download/models/`), "absolute downloadUrl");
    assert(v.images[0].url.startsWith(`${urls.storage}/images/`), "image on storage origin");
  });

  // Keys of a Civitai model object with a value of their JSON type (hub-api.md B1 table):
  // the recorded sample only has the version's small `model` part. null = any type.
  const CIVITAI_MODEL = {
    id: 0, name: "", description: "", type: "", nsfw: false, poi: false, tags: [], creator: {},
    stats: {}, modelVersions: [], allowNoCredit: true, allowDerivatives: true,
    allowDifferentLicense: true, allowCommercialUse: null, supportsGeneration: false,
  };
  const civSample = JSON.parse(await readFile(join(SAMPLES, "civitai-model-version-1318.json")));
  // A listed or /models/{id} model: its keys, first version, file and image against the samples.
  function civitaiModelShape(m, what) {
    sameShape(m, CIVITAI_MODEL, what);
    sameShape(m, civSample.model, `${what} (sample's model part)`);
    const v = m.modelVersions[0];
    sameShape(v.stats, civSample.stats, `${what} version stats`);
    sameShape(v.images[0], civSample.images[0], `${what} images[0]`);
    if (m.mode === "Archived") {
      // B1: an archived model's versions have no files and no downloadUrl.
      sameShape(v, civSample, `${what} modelVersions[0]`, ["model", "downloadUrl"]);
      assert(v.files.length === 0 && !("downloadUrl" in v), `${what}: archived, yet downloadable`);
      return;
    }
    sameShape(v, civSample, `${what} modelVersions[0]`, ["model"]); // `model` only in /model-versions
    sameShape(v.files[0], civSample.files[0], `${what} files[0]`);
    sameShape(v.files[0].metadata, civSample.files[0].metadata, `${what} file metadata`);
    sameShape(v.files[0].hashes, civSample.files[0].hashes, `${what} hashes`, ["BLAKE3"]);
  }

  await check("Civitai listing: cursor paging, and item/version/file/image shapes vs the sample", async () => {
    let url = `${urls.civitai}/api/v1/models?limit=4&types=LORA`;
    const ids = [];
    while (url) {
      const page = await getJson(url);
      for (const m of page.items) {
        civitaiModelShape(m, `listed model ${m.id}`);
        eq(m.type, "LORA", "types filter");
        ids.push(m.id);
      }
      url = page.metadata.nextPage;
      if (url) assert(page.metadata.nextCursor, "nextCursor with nextPage");
    }
    eq(new Set(ids).size, ids.length, "unique ids");
    assert(ids.includes(4201), "the demo LoRA pack is listed");
    const r = await fetch(`${urls.civitai}/api/download/models/420101`, { redirect: "manual" });
    eq(r.status, 307, "download status");
    const d = await fetch(r.headers.get("location"));
    assert(/^attachment; filename="demoCheckpoint_v10\.safetensors"$/.test(d.headers.get("content-disposition")),
      "content-disposition");
    const v = await getJson(`${urls.civitai}/api/v1/model-versions/420101`);
    eq(sha256(Buffer.from(await d.arrayBuffer())).toUpperCase(), v.files[0].hashes.SHA256, "file sha256");
  });

  await check("Civitai /models/{id}: the listing's model object with all its versions", async () => {
    const m = await getJson(`${urls.civitai}/api/v1/models/4201`);
    civitaiModelShape(m, "model 4201");
    eq(m.modelVersions.length, 60, "versions");
    eq(m.modelVersions[0].id, 420060, "newest version first");
    const listed = (await getJson(`${urls.civitai}/api/v1/models?ids=4201`)).items[0];
    eq(Object.keys(m).sort(), Object.keys(listed).sort(), "same keys as the listing item");
    eq(m.modelVersions.map((x) => x.id), listed.modelVersions.map((x) => x.id), "same versions");
  });

  await check("Civitai /model-versions/by-hash/{hash}: any hash, any case, same body as by id", async () => {
    const v = await getJson(`${urls.civitai}/api/v1/model-versions/420101`);
    for (const kind of ["SHA256", "AutoV2", "CRC32"]) {
      for (const hash of [v.files[0].hashes[kind], v.files[0].hashes[kind].toLowerCase()]) {
        eq(await getJson(`${urls.civitai}/api/v1/model-versions/by-hash/${hash}`), v, `by ${kind} ${hash}`);
      }
    }
    const r = await fetch(`${urls.civitai}/api/v1/model-versions/by-hash/DEADBEEF`);
    eq([r.status, await r.json()], [404, { error: "Model not found" }], "unknown hash");
  });

  await check("Civitai errors: JSON bodies for 401, 403, 404, 410 and 429 (with Retry-After)", async () => {
    const civ = urls.civitai;
    async function expectError(path, status, fields, init = {}) {
      const r = await fetch(`${civ}${path}`, { redirect: "manual", ...init });
      eq(r.status, status, `${path} status`);
      assert((r.headers.get("content-type") ?? "").startsWith("application/json"), `${path} is JSON`);
      const body = await r.json();
      for (const [key, value] of Object.entries(fields)) {
        if (value === null) assert(key in body, `${path}: ${key} present`);
        else eq(body[key], value, `${path}: ${key}`);
      }
      return r;
    }
    await expectError("/api/download/models/420401", 401, { error: "Unauthorized",
      message: "The creator of this asset requires you to be logged in to download it" });
    await expectError("/api/download/models/420601", 401, { error: "Unauthorized",
      message: "The creator of this asset has disabled downloads on this file" });
    await expectError("/api/v1/models?limit=1", 401, { error: "Unauthorized", message: "Invalid API key" },
      { headers: { Authorization: "Bearer wrong" } });
    await expectError("/api/download/models/420301", 403, { error: "Early Access", message: null, deadline: null });
    await expectError("/api/v1/models/999999", 404, { error: "No model with id 999999" });
    await expectError("/api/v1/model-versions/1", 404, { error: "Model not found" });
    await expectError("/api/download/models/1", 404, { error: "File not found" });
    await expectError("/api/download/models/420501", 410, { error: "Model archived, not available for download" });
    await expectError("/api/v1/models?page=11&limit=100", 429,
      { error: "You've requested too many pages, please use cursors instead" });
    await reset();
    await admin("scenario", { method: "POST", body: JSON.stringify({ origin: "civitai",
      path: "/api/download/", fault: "status", status: 429, retry_after: 30, count: 1 }) });
    const r = await expectError("/api/download/models/420101", 429, { error: null });
    eq(r.headers.get("retry-after"), "30", "Retry-After");
    eq((await fetch(`${civ}/api/download/models/420101`, { redirect: "manual" })).status, 307, "after the 429");
  });
} finally {
  proc.stdin.end();
  await rm(cacheDir, { recursive: true, force: true });
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
