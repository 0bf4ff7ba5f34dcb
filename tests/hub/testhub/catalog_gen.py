"""The `generated` catalog: N HF models and N/10 Civitai models whose metadata
is pure arithmetic on (index, seed).  Nothing is stored per model until a
request needs the object, so 100,000 models start instantly."""
import re
from datetime import timedelta

from .catalog import CivCatalog, Collection, HfCatalog
from .civmodel import CivFile, CivImage, CivModel, CivVersion
from .content import Blob, gguf_header
from .hfmodel import EPOCH, Repo, iso

DAY = 86400.0
EPOCH_TS = EPOCH.timestamp()
PIPELINES = ["text-generation", "text-to-image", "text-classification", "automatic-speech-recognition",
             "image-classification", "feature-extraction"]


def _mix(i, seed):
    """Cheap deterministic 32-bit hash (Knuth multiplicative + xorshift)."""
    h = (i * 2654435761 + seed * 97531) & 0xFFFFFFFF
    h ^= h >> 15
    h = (h * 2246822519) & 0xFFFFFFFF
    return h ^ (h >> 13)


class HfGen:
    ID_RE = re.compile(r"^gen-org-(\d+)/model-(\d+)$")

    def __init__(self, store, count, seed):
        self.store = store
        self.count = count
        self.seed = seed

    def id_of(self, i):
        return f"gen-org-{i % 500}/model-{i}"

    def index_of(self, repo_id):
        m = self.ID_RE.match(repo_id)
        if not m:
            return None
        i = int(m.group(2))
        if i >= self.count or int(m.group(1)) != i % 500 or m.group(2) != str(i):
            return None
        return i

    def is_gguf(self, i):
        return i % 4 == 0

    def tags_of(self, i):
        tags = ["gguf", "llama"] if self.is_gguf(i) else ["transformers", "safetensors"]
        return tags + [self.pipeline_of(i), f"license:{'mit' if i % 2 else 'apache-2.0'}"]

    def pipeline_of(self, i):
        return PIPELINES[i % len(PIPELINES)]

    def quick_match(self, i, search, author, filters, pipeline_tag=None):
        if author and author != f"gen-org-{i % 500}":
            return False
        if pipeline_tag and pipeline_tag != self.pipeline_of(i):
            return False
        if filters:
            tags = self.tags_of(i)
            if any(f not in tags for f in filters):
                return False
        return not search or search in self.id_of(i)

    def _created_days(self, i):
        return _mix(i, self.seed) % 700

    def sort_value(self, i, attr):
        h = _mix(i, self.seed)
        if attr == "downloads":
            return h % 1000003
        if attr == "likes":
            return (h >> 7) % 5000
        if attr == "trending":
            return (h >> 3) % 100
        created = EPOCH_TS + self._created_days(i) * DAY + i % 86400
        if attr == "created":
            return created
        return created + ((h >> 11) % 200) * DAY  # modified

    def build(self, i):
        rid = self.id_of(i)
        created = iso(EPOCH + timedelta(seconds=self.sort_value(i, "created") - EPOCH_TS))
        modified = iso(EPOCH + timedelta(seconds=self.sort_value(i, "modified") - EPOCH_TS))
        gguf = self.is_gguf(i)
        repo = Repo(rid, created=created, modified=modified,
                    downloads=self.sort_value(i, "downloads"), likes=self.sort_value(i, "likes"),
                    trending=self.sort_value(i, "trending"), tags=self.tags_of(i),
                    pipeline_tag=self.pipeline_of(i),
                    library_name="gguf" if gguf else "transformers",
                    card_data={"license": "mit" if i % 2 else "apache-2.0"},
                    gguf={"total": 1000000 + i, "architecture": "llama", "context_length": 4096}
                    if gguf else None)
        files = {"README.md": Blob(self.store, f"hf:{rid}:README.md", "README.md",
                                   data=f"# {rid}\n\nGenerated model #{i}.\n".encode())}
        if i % 3:
            files["config.json"] = Blob(self.store, f"hf:{rid}:config.json", "config.json",
                                        data=b'{"model_type": "llama", "index": %d}\n' % i)
        if gguf:
            files["model.Q4_K_M.gguf"] = Blob(self.store, f"hf:{rid}:model.Q4_K_M.gguf",
                                              "model.Q4_K_M.gguf", size=16 * 1024 + i % 4096,
                                              header=gguf_header("llama", rid))
        elif i % 3 == 2:
            files["notes.txt"] = Blob(self.store, f"hf:{rid}:notes.txt", "notes.txt",
                                      data=b"notes %d\n" % i)
        repo.add_commit("main", files, "Initial upload", modified)
        return repo


CIV_TYPES = ["LORA", "Checkpoint", "TextualInversion", "LoCon", "VAE"]
CIV_BASES = ["SD 1.5", "SDXL 1.0", "Pony", "Illustrious", "Flux.1 D"]


class CivGen:
    """Civitai model i has id 100000+i, 1-2 versions (ids 1000000+4i+j)."""

    def __init__(self, store, count, seed):
        self.store = store
        self.count = count
        self.seed = seed

    def index_of_model(self, mid):
        i = mid - 100000
        return i if 0 <= i < self.count else None

    def index_of_version(self, vid):
        i, j = divmod(vid - 1000000, 4)
        if 0 <= i < self.count and j < self.n_versions(i):
            return i
        return None

    def n_versions(self, i):
        return 1 + i % 2

    def _stats(self, i):
        h = _mix(i, self.seed + 1)
        return {"downloads": h % 200003, "likes": (h >> 5) % 3000,
                "comments": (h >> 9) % 300, "rating": 3.5 + ((h >> 3) % 150) / 100.0,
                "created": EPOCH_TS + (h % 600) * DAY + i}

    def sort_value(self, i, sort):
        s = self._stats(i)
        mid = 100000 + i
        if sort == "Oldest":
            return (s["created"], mid)
        if sort == "Newest":
            return (-s["created"], -mid)
        if sort == "Most Downloaded":
            return (-s["downloads"], mid)
        if sort == "Most Liked":
            return (-s["likes"], mid)
        if sort == "Most Discussed":
            return (-s["comments"], mid)
        if sort == "Most Collected":
            return (-(s["likes"] // 2), mid)
        if sort == "Most Images":
            return (-self.n_versions(i), mid)
        return (-s["rating"], -s["downloads"], mid)

    def build(self, i):
        s = self._stats(i)
        mid = 100000 + i
        created = iso(EPOCH + timedelta(seconds=s["created"] - EPOCH_TS))
        m = CivModel(mid, f"Generated {CIV_TYPES[i % 5]} {i}", CIV_TYPES[i % 5],
                     creator=f"gen_creator_{i % 50}", tags=["generated", CIV_TYPES[i % 5].lower()],
                     created=created, downloads=s["downloads"], likes=s["likes"],
                     rating=s["rating"], comments=s["comments"])
        for j in reversed(range(self.n_versions(i))):
            vid = 1000000 + 4 * i + j
            fid = 2000000 + 4 * i + j
            name = f"generated{i}_v{j + 1}.safetensors"
            f = CivFile(fid, Blob(self.store, f"civitai:{fid}:{name}", name,
                                  size=16 * 1024 + (i * 131 + j) % (32 * 1024)))
            m.versions.append(CivVersion(
                vid, m, f"v{j + 1}.0", base_model=CIV_BASES[(i + j) % 5],
                trained_words=[f"gen{i}"], created=created, files=[f],
                images=[CivImage(vid * 10, f"civitai-{mid}-{vid}-0", 512, 768)],
                downloads=s["downloads"] // (j + 1)))
        return m


def build(store, models, seed):
    hf = HfCatalog(store, HfGen(store, models, seed))
    for k in range(max(1, models // 1000)):
        items = [hf.gen.id_of((k * 1000 + j * 97) % models) for j in range(min(10, models))]
        hf.collections.append(Collection(f"gen-org-{k % 500}", f"Generated picks {k}",
                                         list(dict.fromkeys(items)), upvotes=k % 17))
    civ = CivCatalog(store, CivGen(store, models // 10, seed))
    civ.next_id = 5000000
    return hf, civ
