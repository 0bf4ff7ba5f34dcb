"""The deterministic `demo` catalog used by the offline demo and most tests.
See README.md ("Demo catalog") for the list of what is in here."""
import io
import zipfile
from datetime import timedelta

from .catalog import CivCatalog, Collection, HfCatalog
from .civmodel import CivFile, CivImage, CivModel, CivVersion
from .content import Blob, safetensors_header
from .ggufgen import LLAMA32_1B, LLAMA32_3B, QWEN25_05B, QWEN25_15B, SMOLLM, TINYSTORIES, gguf_model_header
from .hfmodel import EPOCH, Repo, iso
from .xetcontent import XetGgufBlob, tensor_size_for

KIB = 1024
MIB = 1024 * 1024


def _day(n, minutes=0):
    return iso(EPOCH + timedelta(days=n, minutes=minutes))


def _text(store, repo_id, path, text):
    return Blob(store, f"hf:{repo_id}:{path}", path.rsplit("/", 1)[-1], data=text.encode())


def _bin(store, repo_id, path, size, header=b""):
    return Blob(store, f"hf:{repo_id}:{path}", path.rsplit("/", 1)[-1], size=size, header=header)


def _readme(repo_id, license_, tags, base_model=None, body=""):
    lines = ["---", f"license: {license_}", "tags:"] + [f"- {t}" for t in tags]
    if base_model:
        lines.append(f"base_model: {base_model}")
    lines += ["---", "", f"# {repo_id}", "", body or "Demo model served by the ModelDock test hub.", ""]
    return "\n".join(lines)


def _card(license_, tags, base_model=None):
    card = {"license": license_, "tags": list(tags)}
    if base_model:
        card["base_model"] = base_model
    return card


GITATTRIBUTES = "*.gguf filter=lfs diff=lfs merge=lfs -text\n*.safetensors filter=lfs diff=lfs merge=lfs -text\n"


def _cortexso(cat, name, branches, n, arch):
    store = cat.store
    repo_id = f"cortexso/{name}"
    tags = ["gguf", "cortex.cpp", "text-generation", "license:llama3.2", "region:us"]
    repo = Repo(repo_id, created=_day(10 + n), modified=_day(200 + n), downloads=15000 - n * 1000,
                likes=120 - n * 10, trending=40 - n, tags=tags, pipeline_tag="text-generation",
                library_name="gguf", card_data=_card("llama3.2", ["cortex.cpp"]),
                gguf={"total": 1235814432, "architecture": arch, "context_length": 131072,
                      "bos_token": "<|begin_of_text|>", "eos_token": "<|eot_id|>"})
    main = {
        "README.md": _text(store, repo_id, "README.md", _readme(repo_id, "llama3.2", ["cortex.cpp"])),
        "metadata.yml": _text(store, repo_id, "metadata.yml",
                              f"version: 1\nname: {name}\ndefault: {branches[0][0]}\n"),
        ".gitattributes": _text(store, repo_id, ".gitattributes", GITATTRIBUTES),
    }
    repo.add_commit("main", main, "Add metadata", _day(200 + n))
    for b, (branch, size) in enumerate(branches):
        files = {
            "model.gguf": Blob(store, f"hf:{repo_id}@{branch}:model.gguf", "model.gguf",
                               size=size, header=_cortexso_header(arch, name, branch)),
            "model.yml": _text(store, repo_id + "@" + branch, "model.yml",
                               f"id: {name}:{branch}\nmodel: {name}:{branch}\nengine: llama-cpp\n"
                               f"ctx_len: 4096\nngl: 33\nsize: {size}\n"),
            ".gitattributes": _text(store, repo_id, ".gitattributes", GITATTRIBUTES),
        }
        repo.add_commit(branch, files, f"Upload {branch}", _day(190 + n, b))
    cat.add(repo)


# cortexso's branches, as llama.cpp's converter would have written them: the real shapes; the
# full Qwen vocabulary in 1.5b's header (2.4 MiB: a reader needs a second range request).
_CORTEXSO_SHAPES = {"1b": LLAMA32_1B, "3b": LLAMA32_3B, "0.5b": QWEN25_05B, "1.5b": QWEN25_15B}


def _cortexso_header(arch, name, branch):
    size, _, quant = branch.split("-", 2)
    quant = {"q4-km": "Q4_K_M", "q8-0": "Q8_0"}[quant]
    tokens = 151936 if size == "1.5b" else 4096
    return gguf_model_header(arch, f"{name}-{branch}", quant, _CORTEXSO_SHAPES[size], tokens=tokens,
                             tokenizer="gpt2")


def build_hf(store, big_file_mb, xet_file_mb=24):
    cat = HfCatalog(store)
    _cortexso(cat, "llama3.2", [("1b-gguf-q4-km", 3 * MIB), ("1b-gguf-q8-0", 4 * MIB),
                                ("3b-gguf-q4-km", 5 * MIB)], 0, "llama")
    _cortexso(cat, "qwen2.5", [("0.5b-gguf-q4-km", 2 * MIB), ("1.5b-gguf-q4-km", 3 * MIB)], 1, "qwen2")

    rid = "modeldock-demo/TinyStories-GGUF"
    tags = ["gguf", "text-generation", "en", "license:mit", "base_model:roneneldan/TinyStories-33M",
            "region:us"]
    ts = Repo(rid, created=_day(30), modified=_day(300), downloads=52000, likes=310, trending=77,
              tags=tags, pipeline_tag="text-generation", library_name="gguf",
              card_data=_card("mit", ["gguf", "tinystories"], "roneneldan/TinyStories-33M"),
              gguf={"total": 33000000, "architecture": "llama", "context_length": 2048,
                    "bos_token": "<s>", "eos_token": "</s>"})
    files = {".gitattributes": _text(store, rid, ".gitattributes", GITATTRIBUTES),
             "README.md": _text(store, rid, "README.md",
                                _readme(rid, "mit", ["gguf", "tinystories"], "roneneldan/TinyStories-33M",
                                        "Quantized TinyStories in GGUF. Q4_K_M is the large file.")),
             "config.json": _text(store, rid, "config.json",
                                  '{\n  "architectures": ["LlamaForCausalLM"],\n  "model_type": "llama",\n'
                                  '  "context_length": 2048\n}\n'),
             "extras/tokenizer_config.json": _text(store, rid, "extras/tokenizer_config.json",
                                                   '{"bos_token": "<s>", "eos_token": "</s>"}\n')}
    for quant, size in (("Q2_K", 1536 * KIB), ("Q4_K_M", big_file_mb * MIB), ("Q8_0", 3 * MIB)):
        path = f"tinystories.{quant}.gguf"
        files[path] = _bin(store, rid, path, size,
                           gguf_model_header("llama", f"TinyStories-{quant}", quant, TINYSTORIES, tokens=32000))
    c = ts.add_commit("main", files, "Upload quantizations", _day(300))
    ts.tag_refs["v1.0"] = c.sha
    pr_files = dict(files)
    pr_files["NOTES.md"] = _text(store, rid, "NOTES.md", "Proposed notes (pull request #1)\n")
    ts.add_commit("refs/pr/1", pr_files, "Add notes", _day(301), kind="pr")
    cat.add(ts)

    # A split GGUF (llama.cpp's gguf-split names): three shards of Q4_K_M in a folder, one
    # file of Q8_0. The first shard holds the metadata; every shard its share of the tensors.
    rid = "modeldock-demo/SmolLM-Split-GGUF"
    sm = Repo(rid, created=_day(35), modified=_day(305), downloads=8000, likes=60, trending=20,
              tags=["gguf", "text-generation", "en", "license:apache-2.0", "region:us"],
              pipeline_tag="text-generation", library_name="gguf",
              card_data=_card("apache-2.0", ["gguf", "split"]),
              gguf={"total": 134515008, "architecture": "llama", "context_length": 2048})
    files = {".gitattributes": _text(store, rid, ".gitattributes", GITATTRIBUTES),
             "README.md": _text(store, rid, "README.md",
                                _readme(rid, "apache-2.0", ["gguf", "split"], None,
                                        "Q4_K_M comes in three shards; Q8_0 in one file."))}
    for i in range(3):
        path = f"Q4_K_M/smollm-Q4_K_M-{i + 1:05d}-of-00003.gguf"
        files[path] = _bin(store, rid, path, 1 * MIB,
                           gguf_model_header("llama", "SmolLM", "Q4_K_M", SMOLLM, tokens=49152 if i == 0 else 0,
                                             split=(i, 3)))
    files["smollm.Q8_0.gguf"] = _bin(store, rid, "smollm.Q8_0.gguf", 2 * MIB,
                                     gguf_model_header("llama", "SmolLM", "Q8_0", SMOLLM, tokens=49152))
    sm.add_commit("main", files, "Upload split and single-file quantizations", _day(305))
    cat.add(sm)

    rid = "modeldock-demo/gated-llm"
    g = Repo(rid, created=_day(40), modified=_day(280), downloads=9000, likes=95, trending=30,
             tags=["safetensors", "text-generation", "license:other", "region:us"],
             pipeline_tag="text-generation", library_name="transformers", gated="manual",
             card_data=_card("other", ["gated"]))
    g.add_commit("main", {
        "README.md": _text(store, rid, "README.md", _readme(rid, "other", ["gated"], body="Gated demo.")),
        "config.json": _text(store, rid, "config.json", '{"model_type": "llama"}\n'),
        "model.safetensors": _bin(store, rid, "model.safetensors", 256 * KIB,
                                  safetensors_header("gated-llm")),
    }, "Initial upload", _day(280))
    cat.add(g)

    for k in range(1, 13):
        rid = f"modeldock-demo/plain-model-{k:02d}"
        r = Repo(rid, created=_day(50 + k), modified=_day(150 + 3 * k), downloads=100 * k,
                 likes=k, trending=k % 5, tags=["transformers", "safetensors", "text-classification"],
                 pipeline_tag="text-classification", library_name="transformers",
                 card_data=_card("apache-2.0", ["demo"]))
        r.add_commit("main", {
            "README.md": _text(store, rid, "README.md", _readme(rid, "apache-2.0", ["demo"])),
            "config.json": _text(store, rid, "config.json", '{"model_type": "bert", "k": %d}\n' % k),
            "model.safetensors": _bin(store, rid, "model.safetensors", (12 + k) * KIB,
                                      safetensors_header(rid)),
        }, "Initial upload", _day(150 + 3 * k))
        cat.add(r)

    lora_ids = []
    for k in range(1, 61):
        rid = f"lora-pack/style-lora-{k:03d}"
        size = (64 + (k * 37) % 449) * KIB  # 64..512 KiB, varied
        r = Repo(rid, created=_day(60 + k), modified=_day(160 + k), downloads=(k * 7919) % 5000,
                 likes=(k * 31) % 200, trending=(k * 13) % 50,
                 tags=["diffusers", "lora", "safetensors", "text-to-image",
                       "base_model:stabilityai/stable-diffusion-xl-base-1.0"],
                 pipeline_tag="text-to-image", library_name="diffusers",
                 card_data=_card("openrail++", ["lora", "style"], "stabilityai/stable-diffusion-xl-base-1.0"))
        r.add_commit("main", {
            "README.md": _text(store, rid, "README.md",
                               _readme(rid, "openrail++", ["lora", "style"],
                                       "stabilityai/stable-diffusion-xl-base-1.0", f"Style LoRA #{k}.")),
            f"style-lora-{k:03d}.safetensors": _bin(store, rid, f"style-lora-{k:03d}.safetensors", size,
                                                    safetensors_header(rid)),
        }, "Upload LoRA", _day(160 + k))
        cat.add(r)
        lora_ids.append(rid)

    _xet_gguf(cat, xet_file_mb)

    cat.collections.append(Collection("lora-pack", "Sixty style LoRAs", lora_ids,
                                      description="All sixty demo style LoRAs.", upvotes=42,
                                      theme="purple", last_updated=_day(221)))
    cat.collections.append(Collection("modeldock-demo", "GGUF picks",
                                      ["modeldock-demo/TinyStories-GGUF", "cortexso/llama3.2",
                                       "cortexso/qwen2.5"],
                                      description="Small GGUF models for local inference.",
                                      upvotes=7, theme="green", last_updated=_day(301)))
    return cat


def _xet_gguf(cat, file_mb):
    """The Xet-backed repo: last in every listing order (lowest counts, oldest dates), so the
    positions of the older demo repos do not move. Its files get new revisions through
    POST /_admin/xet/update."""
    store = cat.store
    rid = "modeldock-demo/Xet-GGUF"
    repo = Repo(rid, created=_day(1), modified=_day(2), downloads=0, likes=0, trending=0,
                tags=["gguf", "xet", "text-generation", "license:mit", "region:us"],
                pipeline_tag="text-generation", library_name="gguf",
                card_data=_card("mit", ["gguf", "xet"]),
                gguf={"total": 33000000, "architecture": "llama", "context_length": 2048})
    files = {".gitattributes": _text(store, rid, ".gitattributes", GITATTRIBUTES),
             "README.md": _text(store, rid, "README.md",
                                _readme(rid, "mit", ["gguf", "xet"], None,
                                        "GGUF files stored on Xet: chunked, deduplicated, in xorbs."))}
    for quant, mib in (("Q4_K_M", file_mb), ("F16", max(1, file_mb // 4))):
        path = f"xet-tinystories.{quant}.gguf"
        data = mib * MIB
        files[path] = XetGgufBlob(store, f"hf:{rid}:{path}", path, seed_key=f"xet:{rid}:{path}",
                                  arch="llama", model=f"Xet-TinyStories-{quant}", quant=quant,
                                  shape=TINYSTORIES, data_size=data, tensor_size=tensor_size_for(data))
    repo.add_commit("main", files, "Upload Xet GGUFs", _day(2))
    cat.add(repo)


# --- Civitai ------------------------------------------------------------------

class _Ids:
    def __init__(self, start):
        self.n = start

    def __call__(self):
        self.n += 1
        return self.n


def _civ_file(store, fid, name, nbytes, lora=None, **kw):
    header = safetensors_header(name, lora) if name.endswith(".safetensors") else b""
    return CivFile(fid, Blob(store, f"civitai:{fid}:{name}", name, size=nbytes, header=header), **kw)


def civ_version(store, model, vid, name, base_model, fids, *, size, words, images=1, nsfw_levels=None, **kw):
    """`nsfw_levels`: Civitai's rating of each image (1 PG … 4 R, 8 X), one per image."""
    stem = "".join(c for c in model.name.title() if c.isalnum())
    stem = stem[0].lower() + stem[1:]
    lora = (base_model, words) if model.type == "LORA" else None
    f = _civ_file(store, fids(), f"{stem}_{name.replace(' ', '').replace('.', '')}.safetensors", size, lora)
    levels = nsfw_levels or [1] * images
    imgs = [CivImage(vid * 10 + j, f"civitai-{model.id}-{vid}-{j}", 512, 768, nsfw_level=level)
            for j, level in enumerate(levels)]
    return CivVersion(vid, model, name, base_model=base_model, trained_words=words,
                      created=_day(100 + vid % 1000), files=[f], images=imgs,
                      description=f"<p>{name} of {model.name}</p>", **kw)


def build_civitai(store):
    cat = CivCatalog(store)
    fids = _Ids(700000)
    bases = ["SD 1.5", "SDXL 1.0", "Pony"]

    lora = CivModel(4201, "Demo Style LoRA Pack", "LORA", creator="modeldock",
                    tags=["style", "lora", "demo"], created=_day(100), downloads=123456,
                    likes=4321, rating=4.9, comments=210,
                    description="<p>Sixty versions of a demo style LoRA.</p>")
    for k in range(60, 0, -1):
        lora.versions.append(civ_version(store, lora, 420000 + k, f"v{k}", bases[k % 3], fids,
                                         size=(64 + (k * 53) % 193) * KIB,
                                         words=[f"demostyle{k}", "modeldock style"],
                                         images=1 + k % 2, downloads=1000 + k * 17))
    cat.add(lora)

    ckpt = CivModel(4202, "Demo Checkpoint", "Checkpoint", creator="modeldock",
                    tags=["base model", "photorealistic"], created=_day(90), downloads=98765,
                    likes=2100, rating=4.7, comments=88)
    v2 = civ_version(store, ckpt, 420102, "v2.0", "SDXL 1.0", fids, size=3 * MIB, words=[],
                     images=2, downloads=5000)
    v2.files.append(_civ_file(store, fids(), "demoCheckpoint_v20.yaml", 2 * KIB,
                              ftype="Config", fmt="Other", fp=None, size=None, primary=False))
    # Since 2026 a version may carry several model files: other precisions and GGUF quants.
    v2.files.append(_civ_file(store, fids(), "demoCheckpoint_v20_fp8.safetensors", 2 * MIB,
                              ftype="Model", fmt="SafeTensor", fp="fp8", size="pruned", primary=False))
    v2.files.append(_civ_file(store, fids(), "demoCheckpoint_v20-Q4_K_M.gguf", 1 * MIB,
                              ftype="Model", fmt="GGUF", fp=None, size="pruned", primary=False))
    v1 = civ_version(store, ckpt, 420101, "v1.0", "SD 1.5", fids, size=1 * MIB, words=[],
                     downloads=7000)
    ckpt.versions = [v2, v1]
    cat.add(ckpt)

    specials = [
        (4203, "Early Access Model", {"availability": "EarlyAccess",
                                      "early_access_deadline": "2099-01-01T00:00:00.000Z"}, None),
        (4204, "Members Only Model", {"require_login": True}, None),
        (4205, "Archived Model", {}, "Archived"),
        (4206, "No Downloads Model", {"downloads_disabled": True}, None),
    ]
    for mid, name, vkw, mode in specials:
        m = CivModel(mid, name, "LORA", creator="demo_artist", tags=["demo"], created=_day(80),
                     mode=mode, downloads=100, likes=10, rating=4.0)
        m.versions.append(civ_version(store, m, mid * 100 + 1, "v1.0", "SDXL 1.0", fids,
                                      size=80 * KIB, words=[name.split()[0].lower()], **vkw))
        cat.add(m)

    nsfw = CivModel(4207, "NSFW Demo Model", "LORA", creator="demo_artist", tags=["demo"],
                    created=_day(85), nsfw=True, downloads=50, likes=5, rating=3.9)
    nsfw.versions.append(civ_version(store, nsfw, 420701, "v1.0", "Pony", fids, size=70 * KIB,
                                     words=["nsfwdemo"]))
    cat.add(nsfw)

    types = ["TextualInversion", "Checkpoint", "LORA", "VAE", "LoCon", "Controlnet", "LORA", "Upscaler"]
    # Models listed as safe whose pictures Civitai rates for adults, as it does on the real hub:
    # 4210's only picture is R, 4214's first is X and its second PG (the grid's blur and hide).
    ratings = {10: [4], 14: [8, 1]}
    for k, mtype in enumerate(types, start=8):
        m = CivModel(4200 + k, f"Filler {mtype} {k}", mtype, creator="filler_maker",
                     tags=["filler"], created=_day(70 + k), downloads=10 * k, likes=k,
                     rating=4.0 + k / 100)
        m.versions.append(civ_version(store, m, 420000 + k * 100 + 1, "v1.0", bases[k % 3], fids,
                                      size=(20 + k) * KIB, words=[f"filler{k}"],
                                      nsfw_levels=ratings.get(k)))
        cat.add(m)

    cat.add(_wildcards_pack(store, fids))
    cat.next_id = 990000
    return cat


WILDCARDS = {"wildcards/colors.txt": "red\ngreen\nblue\n",
             "wildcards/animals.txt": "cat\ndog\nfox\n",
             "README.txt": "Demo wildcards for ModelDock.\n"}


def _zip(files):
    """A real zip with fixed timestamps, so its bytes and SHA-256 are the same every run."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, text)
    return buf.getvalue()


def _wildcards_pack(store, fids):
    """4216: a version whose only (primary) file is a zip typed "Archive", as Civitai serves
    wildcard, pose and workflow packs. Last in every listing order (oldest, fewest downloads)."""
    m = CivModel(4216, "Demo Wildcards Pack", "Wildcards", creator="modeldock", tags=["wildcards", "demo"],
                 created=_day(60), downloads=5, likes=1, rating=4.0,
                 description="<p>Wildcard lists for prompts, in a zip.</p>")
    pack = CivFile(fids(), Blob(store, "civitai:archive:demoWildcards_v10.zip", "demoWildcards_v10.zip",
                                data=_zip(WILDCARDS)),
                   ftype="Archive", fmt="Other", fp=None, size=None)
    m.versions.append(CivVersion(421601, m, "v1.0", base_model="SDXL 1.0", trained_words=[],
                                 created=_day(60), files=[pack],
                                 images=[CivImage(4216010, "civitai-4216-421601-0", 512, 768)],
                                 description="<p>v1.0 of Demo Wildcards Pack</p>", downloads=5))
    return m


def make_added_model(store):
    """Factory used by catalog mutation (deterministic from the new id)."""
    fids = _Ids(0)

    def make_model(mid):
        m = CivModel(mid, f"Added Model {mid}", "LORA", creator="modeldock", tags=["added"],
                     created=_day(900), downloads=0, likes=0, rating=0)
        fids.n = mid * 10
        m.versions.append(civ_version(store, m, mid + 1, "v1.0", "SDXL 1.0", fids, size=40 * KIB,
                                      words=["added"]))
        return m

    def make_version(model, vid):
        fids.n = vid * 10
        return civ_version(store, model, vid, f"v{len(model.versions) + 1}.0 (new)",
                           "SDXL 1.0", fids, size=40 * KIB, words=["newversion"])
    return make_model, make_version
