"""Hugging Face repository model: repos, commits, revisions, trees, and their
JSON renderings (hub-api.md A2, A3, A5)."""
import hashlib
from datetime import datetime, timedelta, timezone

EPOCH = datetime(2024, 1, 1, tzinfo=timezone.utc)


def iso(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def days_after_epoch(days: float) -> datetime:
    return EPOCH + timedelta(days=days)


def object_id(text: str) -> str:
    """Deterministic 24-hex Mongo-style ObjectId."""
    return hashlib.sha1(text.encode()).hexdigest()[:24]


def is_commit_sha(rev: str) -> bool:
    return len(rev) == 40 and all(c in "0123456789abcdef" for c in rev)


class Commit:
    def __init__(self, sha, title, date, files):
        self.sha = sha
        self.title = title
        self.date = date  # ISO string
        self.files = files  # dict path -> Blob, insertion order irrelevant
        self._tree_oids = None

    def directories(self):
        dirs = set()
        for path in self.files:
            parts = path.split("/")[:-1]
            for i in range(1, len(parts) + 1):
                dirs.add("/".join(parts[:i]))
        return dirs

    def tree_oid(self, dir_path):
        """Real git tree ids, computed bottom-up once per commit."""
        if self._tree_oids is None:
            self._tree_oids = {}
            self._tree_oid_of("")
        return self._tree_oids.get(dir_path)

    def _tree_oid_of(self, dir_path):
        prefix = dir_path + "/" if dir_path else ""
        children = {}
        for path, blob in self.files.items():
            if not path.startswith(prefix):
                continue
            rest = path[len(prefix):]
            head, sep, _ = rest.partition("/")
            if sep:
                children[head] = ("40000", None)
            else:
                children[head] = ("100644", blob)
        body = b""
        # git sorts tree entries as if directory names ended with "/"
        for name in sorted(children, key=lambda n: n + "/" if children[n][0] == "40000" else n):
            mode, blob = children[name]
            oid = (self._tree_oid_of(prefix + name) if blob is None else blob.git_oid)
            body += f"{mode} {name}".encode() + b"\0" + bytes.fromhex(oid)
        oid = hashlib.sha1(b"tree %d\0" % len(body) + body).hexdigest()
        self._tree_oids[dir_path] = oid
        return oid


class Repo:
    """A model repository.  `meta` holds listing metadata; commits hold files."""

    def __init__(self, repo_id, *, created, modified, downloads=0, likes=0,
                 trending=0, tags=(), pipeline_tag=None, library_name=None,
                 gated=False, card_data=None, gguf=None):
        self.id = repo_id
        self.author = repo_id.split("/")[0]
        self.oid = object_id("model:" + repo_id)
        self.created = created
        self.modified = modified
        self.downloads = downloads
        self.likes = likes
        self.trending = trending
        self.tags = list(tags)
        self.pipeline_tag = pipeline_tag
        self.library_name = library_name
        self.gated = gated
        self.card_data = card_data or {}
        self.gguf = gguf
        self.branches = {}  # name -> sha (insertion order: main first)
        self.tag_refs = {}
        self.prs = {}  # "refs/pr/N" -> sha
        self.commits = {}

    def add_commit(self, branch, files, title, date, kind="branch"):
        n = len(self.commits)
        sha = hashlib.sha1(f"{self.id}\0{branch}\0{n}\0{title}".encode()).hexdigest()
        self.commits[sha] = Commit(sha, title, date, dict(files))
        target = {"branch": self.branches, "tag": self.tag_refs, "pr": self.prs}[kind]
        target[branch] = sha
        return self.commits[sha]

    def head(self):
        sha = self.branches.get("main") or next(iter(self.branches.values()))
        return self.commits[sha]

    def resolve(self, rev):
        """Commit for HEAD / branch / tag / refs/... / 40-hex sha, else None."""
        if rev in ("HEAD", "", None):
            return self.head()
        for prefix, table in (("refs/heads/", self.branches), ("refs/tags/", self.tag_refs)):
            if rev.startswith(prefix):
                sha = table.get(rev[len(prefix):])
                return self.commits.get(sha) if sha else None
        if rev in self.prs:
            return self.commits[self.prs[rev]]
        sha = self.branches.get(rev) or self.tag_refs.get(rev)
        if sha:
            return self.commits[sha]
        if is_commit_sha(rev):
            return self.commits.get(rev)
        return None

    def has_gguf(self):
        return "gguf" in self.tags


# --- JSON renderings ---------------------------------------------------------

EXPANDABLE = {
    "author", "baseModels", "cardData", "childrenModelCount", "config", "createdAt",
    "disabled", "downloads", "downloadsAllTime", "evalResults", "gated", "gguf", "gitalyUid",
    "inference", "inferenceProviderMapping", "lastModified", "library_name", "likes",
    "mask_token", "model-index", "pipeline_tag", "private", "resourceGroup",
    "safetensors", "sha", "siblings", "spaces", "tags", "transformersInfo",
    "trendingScore", "usedStorage", "widgetData",
}


def _all_fields(repo, commit, blobs):
    used = sum(b.size for b in commit.files.values())
    fields = {
        "author": repo.author, "sha": commit.sha, "lastModified": repo.modified,
        "createdAt": repo.created, "private": False, "gated": repo.gated,
        "disabled": False, "downloads": repo.downloads,
        "downloadsAllTime": repo.downloads * 7, "likes": repo.likes,
        "tags": list(repo.tags), "pipeline_tag": repo.pipeline_tag,
        "library_name": repo.library_name, "trendingScore": repo.trending,
        "cardData": repo.card_data, "spaces": [], "usedStorage": used,
        "baseModels": None, "childrenModelCount": 0, "inference": None,
        "siblings": [sibling(p, b, blobs) for p, b in sorted(commit.files.items())],
    }
    if repo.gguf:
        fields["gguf"] = repo.gguf
    return fields


LISTING_KEYS = ("author", "sha", "lastModified", "createdAt", "private", "gated",
                "downloads", "likes", "tags", "pipeline_tag", "library_name")
INFO_KEYS = LISTING_KEYS + ("disabled", "trendingScore", "cardData", "siblings",
                            "spaces", "usedStorage", "gguf")


def model_json(repo, commit, *, expand=None, full=False, info=False, blobs=False):
    """Model object.  `expand` (list) restricts the keys to those listed plus
    `_id`/`id`; otherwise listings carry LISTING_KEYS (+siblings when `full`)
    and model_info carries INFO_KEYS."""
    fields = _all_fields(repo, commit, blobs)
    out = {"_id": repo.oid, "id": repo.id}
    if expand:
        for key in expand:
            if key in fields:
                out[key] = fields[key]
        return out
    out["modelId"] = repo.id
    keys = INFO_KEYS if info else LISTING_KEYS + (("siblings",) if full else ())
    for key in keys:
        if key in fields:
            out[key] = fields[key]
    return out


def sibling(path, blob, blobs):
    entry = {"rfilename": path}
    if blobs:
        entry["blobId"] = blob.git_oid
        entry["size"] = blob.size
        if blob.is_lfs:
            entry["lfs"] = {"sha256": blob.sha256, "size": blob.size,
                            "pointerSize": len(blob.pointer)}
    return entry


def tree_entry(commit, path, blob, expand, xet_hash=None):
    """A3 entry; a Xet-backed file carries its Xet file hash as `xetHash`."""
    if blob is None:
        entry = {"type": "directory", "oid": commit.tree_oid(path), "size": 0, "path": path}
    else:
        entry = {"type": "file", "oid": blob.git_oid, "size": blob.size, "path": path}
        if blob.is_lfs:
            entry["lfs"] = {"oid": blob.sha256, "size": blob.size,
                            "pointerSize": len(blob.pointer)}
        if xet_hash:
            entry["xetHash"] = xet_hash
    if expand:
        entry["lastCommit"] = {"id": commit.sha, "title": commit.title, "date": commit.date}
        if blob is not None:
            entry["securityFileStatus"] = {"status": "safe", "avScan": {"status": "safe"},
                                           "pickleImportScan": {"status": "unscanned"}}
    return entry


def list_tree(commit, path, recursive):
    """Sorted (path, blob-or-None) pairs under `path`; None when path missing."""
    dirs = commit.directories()
    prefix = path.strip("/")
    if prefix and prefix not in dirs:
        return None
    base = prefix + "/" if prefix else ""
    out = []
    for d in dirs:
        if d.startswith(base) and (recursive or "/" not in d[len(base):]):
            out.append((d, None))
    for p, blob in commit.files.items():
        if p.startswith(base) and (recursive or "/" not in p[len(base):]):
            out.append((p, blob))
    out.sort(key=lambda e: e[0])
    return out
