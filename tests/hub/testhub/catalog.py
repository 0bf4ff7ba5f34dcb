"""Catalog containers: the set of HF repos / collections and Civitai models,
listing order, filtering and deterministic mutation.

A catalog entry is addressed by a *handle*: a repo id / model id string for
explicit entries (demo, or added by mutation), or an int index for entries of
a generator (the `generated` catalog).  Generated entries are only turned into
objects when a request needs them, so 100k models cost almost nothing.
"""
import threading
from datetime import datetime, timedelta

from .content import Blob
from .hfmodel import EPOCH, Repo, iso, object_id

# API sort name -> Repo attribute.  All sorts are descending except `id`
# (ascending).  `likes30d` is approximated by total likes.
HF_SORTS = {"downloads": "downloads", "likes": "likes", "lastModified": "modified",
            "createdAt": "created", "trendingScore": "trending", "likes30d": "likes",
            "id": "id"}


def iso_ts(text):
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.000Z").replace(tzinfo=EPOCH.tzinfo).timestamp()


class Collection:
    def __init__(self, namespace, title, items, *, description="", upvotes=0,
                 theme="blue", last_updated=None, fullname=None, owner_type="org"):
        slug_title = "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")
        while "--" in slug_title:
            slug_title = slug_title.replace("--", "-")
        self.oid = object_id("collection:" + namespace + title)
        self.slug = f"{namespace}/{slug_title}-{self.oid}"
        self.namespace = namespace
        self.title = title
        self.description = description
        self.items = list(items)  # repo ids
        self.upvotes = upvotes
        self.theme = theme
        self.last_updated = last_updated or iso(EPOCH)
        self.fullname = fullname or namespace
        self.owner_type = owner_type


class _Base:
    """Handle bookkeeping shared by the HF and Civitai catalogs."""

    def __init__(self, gen):
        self.gen = gen
        self.explicit = {}
        self.removed = set()
        self.built = {}  # gen index -> object (materialised)
        self.lock = threading.RLock()
        self._orders = {}
        self._default = None
        self.mutations = 0

    def _invalidate(self):
        self._orders = {}
        self._default = None

    def default_order(self):
        with self.lock:
            if self._default is None:
                base = list(range(self.gen.count)) if self.gen else []
                base += list(self.explicit)
                self._default = [h for h in base if h not in self.removed] if self.removed else base
            return self._default

    def obj(self, handle):
        if isinstance(handle, int):
            with self.lock:
                o = self.built.get(handle)
                if o is None:
                    o = self.gen.build(handle)
                    self.built[handle] = o
                return o
        return self.explicit.get(handle)

    def live_count(self):
        return len(self.default_order())

    def order(self, sort):
        """Handles sorted by `sort` (cached until the next mutation)."""
        if not sort:
            return self.default_order()
        with self.lock:
            cached = self._orders.get(sort)
            if cached is None:
                handles = self.default_order()
                cached = sorted(handles, key=lambda h: self._sort_key(h, sort))
                self._orders[sort] = cached
            return cached

    def scan(self, sort, start, limit, match):
        """Collect up to `limit` matching objects from position `start` of the
        sorted order.  Returns (objects, next_position or None)."""
        order = self.order(sort)
        out = []
        pos = start
        n = len(order)
        while pos < n and len(out) < limit:
            h = order[pos]
            pos += 1
            o = match(h)
            if o is not None:
                out.append(o)
        # peek so the last page does not advertise an empty "next" page
        probe = pos
        while probe < n:
            if match(order[probe]) is not None:
                return out, pos
            probe += 1
        return out, None


class HfCatalog(_Base):
    def __init__(self, store, gen=None):
        super().__init__(gen)
        self.store = store
        self.collections = []

    def add(self, repo):
        self.explicit[repo.id] = repo
        self._invalidate()

    def get(self, repo_id):
        if repo_id in self.explicit:
            return self.explicit[repo_id]
        if self.gen:
            i = self.gen.index_of(repo_id)
            if i is not None and i not in self.removed:
                return self.obj(i)
        return None

    def _sort_key(self, h, sort):
        attr = HF_SORTS[sort]
        if attr == "id":
            return self.gen.id_of(h) if isinstance(h, int) else h
        if isinstance(h, int) and h not in self.built:
            return -self.gen.sort_value(h, attr)
        v = getattr(self.obj(h), attr)
        return -(iso_ts(v) if isinstance(v, str) else v)

    def matcher(self, search, author, filters, pipeline_tag=None):
        search = (search or "").lower()

        def match(h):
            if isinstance(h, int) and h not in self.built:
                if not self.gen.quick_match(h, search, author, filters, pipeline_tag):
                    return None
                return self.obj(h)
            r = self.obj(h)
            if search and search not in r.id.lower():
                return None
            if author and r.author != author:
                return None
            if pipeline_tag and r.pipeline_tag != pipeline_tag:
                return None
            for f in filters:
                if f not in r.tags:
                    return None
            return r
        return match

    def find_collection(self, slug):
        for c in self.collections:
            if c.slug == slug:
                return c
        return None

    # -- mutation -------------------------------------------------------------
    def mutate(self, add=0, change=0, remove=0):
        """Deterministic catalog churn: removes the last `remove` live repos,
        changes the `change` repos before them (new commit on main: one file's
        content replaced, one file added), appends `add` new repos."""
        with self.lock:
            self.mutations += 1
            stamp = iso(EPOCH + timedelta(days=1000, minutes=self.mutations))
            live = list(self.default_order())
            removed = live[len(live) - remove:] if remove else []
            rest = live[:len(live) - remove] if remove else live
            changed = rest[len(rest) - change:] if change else []
            out = {"added": [], "changed": [], "removed": []}
            for h in removed:
                out["removed"].append(self.obj(h).id)
                if isinstance(h, int):
                    self.removed.add(h)
                else:
                    del self.explicit[h]
            for h in changed:
                repo = self.obj(h)
                self._change_repo(repo, stamp)
                out["changed"].append(repo.id)
            for _ in range(add):
                k = len(self.explicit) + len(self.removed) + self.mutations * 1000
                repo_id = f"modeldock-added/added-model-{k:05d}"
                repo = Repo(repo_id, created=stamp, modified=stamp, downloads=0, likes=0,
                            tags=["gguf", "text-generation"], pipeline_tag="text-generation",
                            library_name="gguf")
                files = {
                    "README.md": Blob(self.store, f"hf:{repo_id}:README.md", "README.md",
                                      data=f"# {repo_id}\n\nAdded by catalog mutation.\n".encode()),
                    "model.Q4_K_M.gguf": Blob(self.store, f"hf:{repo_id}:model.Q4_K_M.gguf",
                                              "model.Q4_K_M.gguf", size=48 * 1024),
                }
                repo.add_commit("main", files, "Initial upload", stamp)
                self.explicit[repo_id] = repo
                out["added"].append(repo_id)
            self._invalidate()
            return out

    def push_branch(self, repo_id, branch):
        """A new commit on one branch only (as a cortexso quantization update): its LFS file
        gets new content; main and its sha stay, the repo's lastModified moves."""
        with self.lock:
            repo = self.get(repo_id)
            if repo is None or branch not in repo.branches:
                return None
            self.mutations += 1
            stamp = iso(EPOCH + timedelta(days=1000, minutes=self.mutations))
            self._change_repo(repo, stamp, branch)
            self._invalidate()
            return {"repo": repo.id, "branch": branch, "commit": repo.branches[branch],
                    "main": repo.branches.get("main")}

    def xet_update(self, repo_id, path, change, fraction):
        """A new commit on main whose Xet file `path` is the next revision (xetcontent.derive).
        None when there is no such Xet file; ValueError for a bad change."""
        with self.lock:
            repo = self.get(repo_id)
            old = repo.head().files.get(path) if repo else None
            if old is None or not hasattr(old, "derive"):
                return None
            files = dict(repo.head().files)
            files[path] = old.derive(change, fraction)
            self.mutations += 1
            stamp = iso(EPOCH + timedelta(days=1000, minutes=self.mutations))
            commit = repo.add_commit("main", files, f"Update {path} ({change})", stamp)
            repo.modified = stamp
            self._invalidate()
            return commit

    def _change_repo(self, repo, stamp, branch="main"):
        head = repo.resolve(branch)
        files = dict(head.files)
        victim = next((p for p, b in sorted(files.items()) if b.is_lfs), None) or sorted(files)[0]
        old = files[victim]
        if old._data is not None:
            new = Blob(self.store, old.key, old.name,
                       data=old.read_all() + b"\nchanged %d\n" % self.mutations)
        else:
            new = Blob(self.store, old.key, old.name, size=old.size, header=old.header)
        new.version = self.store.next_version()
        files[victim] = new
        extra = f"notes-{self.mutations}.md"
        files[extra] = Blob(self.store, f"hf:{repo.id}:{extra}", extra,
                            data=f"Change #{self.mutations} of {repo.id}\n".encode())
        repo.add_commit(branch, files, f"Update {victim}", stamp)
        repo.modified = stamp


class CivCatalog(_Base):
    def __init__(self, store, gen=None):
        super().__init__(gen)
        self.store = store
        self.versions = {}  # version id -> CivVersion (explicit + built)
        self._hash_index = {}
        self._hashed = set()
        self.next_id = 900000

    def add(self, model):
        self.explicit[model.id] = model
        self.index_model(model)
        self._invalidate()

    def index_model(self, model):
        for v in model.versions:
            self.versions[v.id] = v

    def obj(self, handle):
        o = super().obj(handle)
        if isinstance(handle, int) and handle not in self._hashed:
            self._hashed.add(handle)
            self.index_model(o)
        return o

    def default_order(self):
        with self.lock:
            if self._default is None:
                base = [("g", i) for i in range(self.gen.count)] if self.gen else []
                base += [("e", mid) for mid in self.explicit]
                self._default = [h for h in base if h not in self.removed]
            return self._default

    # handles are ("g", index) or ("e", model id) so model ids and indices never clash
    def obj_h(self, h):
        kind, key = h
        return self.obj(key) if kind == "g" else self.explicit.get(key)

    def get_model(self, mid):
        if mid in self.explicit:
            return self.explicit[mid]
        if self.gen:
            i = self.gen.index_of_model(mid)
            if i is not None and ("g", i) not in self.removed:
                return self.obj(i)
        return None

    def get_version(self, vid):
        v = self.versions.get(vid)
        if v is None and self.gen:
            i = self.gen.index_of_version(vid)
            if i is not None and ("g", i) not in self.removed:
                self.obj(i)
                v = self.versions.get(vid)
        if v is not None and self.get_model(v.model.id) is None:
            return None
        return v

    def by_hash(self, value):
        """Lookup over every file the hub has materialised (all demo files,
        and generated files once their model was served)."""
        found = self.by_hashes([value])
        return found[0] if found else None

    def by_hashes(self, values):
        """The versions holding files with these hashes (any hash type, case-insensitive):
        for each hash that matched, the earliest published version as GET by-hash picks it;
        a version matched by several hashes comes once; unmatched hashes are dropped."""
        with self.lock:
            self._index_hashes()
            out, seen = [], set()
            for value in values:
                hits = [v for v in self._hash_index.get(str(value).upper(), [])
                        if self.get_version(v.id) is v]
                hits.sort(key=lambda v: (v.created, v.id))
                if hits and hits[0].id not in seen:
                    seen.add(hits[0].id)
                    out.append(hits[0])
        return out

    def _index_hashes(self):
        """Indexes the files not indexed yet; the caller holds the lock."""
        models = [(m, True) for m in self.explicit.values()]
        models += [(self.built[i], False) for i in list(self.built)
                   if ("g", i) not in self.removed]
        for m, explicit in models:
            for v in m.versions:
                for f in v.files:
                    # generated files count once their hashes were served
                    # (hashing every built model would cost seconds)
                    if not explicit and f.blob._sha256 is None:
                        continue
                    if (f.id, f.blob.version) not in self._hash_index:
                        for hv in f.hashes().values():
                            self._hash_index.setdefault(hv, []).append(v)
                        self._hash_index[(f.id, f.blob.version)] = True

    def _sort_key(self, h, sort):
        kind, key = h
        if kind == "g" and key not in self.built:
            return self.gen.sort_value(key, sort)
        return civ_sort_value(self.obj_h(h), sort)

    def order(self, sort):
        with self.lock:
            cached = self._orders.get(sort)
            if cached is None:
                cached = sorted(self.default_order(), key=lambda h: self._sort_key(h, sort))
                self._orders[sort] = cached
            return cached

    def mutate(self, add, change, remove, make_model, make_version):
        with self.lock:
            self.mutations += 1
            live = list(self.default_order())
            removed = live[len(live) - remove:] if remove else []
            rest = live[:len(live) - remove] if remove else live
            changed = rest[len(rest) - change:] if change else []
            out = {"added": [], "changed": [], "removed": []}
            for h in removed:
                out["removed"].append(self.obj_h(h).id)
                if h[0] == "g":
                    self.removed.add(h)
                else:
                    del self.explicit[h[1]]
            for h in changed:
                m = self.obj_h(h)
                self.next_id += 1
                v = make_version(m, self.next_id)
                m.versions.insert(0, v)
                self.versions[v.id] = v
                out["changed"].append(m.id)
            for _ in range(add):
                self.next_id += 1
                m = make_model(self.next_id)
                self.next_id += 10
                self.add(m)
                out["added"].append(m.id)
            self._invalidate()
            return out


def civ_sort_value(m, sort):
    """Ascending sort key for a Civitai sort name (descending sorts negated)."""
    if sort == "Oldest":
        return (iso_ts(m.created), m.id)
    if sort == "Newest":
        return (-iso_ts(m.created), -m.id)
    if sort == "Most Downloaded":
        return (-m.downloads, m.id)
    if sort == "Most Liked":
        return (-m.likes, m.id)
    if sort == "Most Discussed":
        return (-m.comments, m.id)
    if sort == "Most Collected":
        return (-(m.likes // 2), m.id)
    if sort == "Most Images":
        return (-sum(len(v.images) for v in m.versions), m.id)
    return (-m.rating, -m.downloads, m.id)  # Highest Rated (default)
