"""The process-wide Xet store: what the real CAS holds, built lazily from the hub's blobs.

* chunk index: chunk hash -> (xorb, chunk index), shared by every file of every revision
  and repo (global dedup): a file only adds the chunks nobody stored before.
* xorbs: files `<data dir>/xorbs/<hash>` in the real serialized format (xorb.md), at most
  1024 chunks and 64 MiB each, named by their merkle hash.
* files: Xet file hash -> XetFile (size, terms, the repos that hold it).

A file is chunked the first time something needs its Xet hash, and remembered per
(blob, content version), so a `change_content` fault gives a new Xet file too."""
import os
import struct
import threading

from .xetnative import hash_hex

MAX_XORB_CHUNKS = 1024
MAX_XORB_BYTES = 64 << 20


class Xorb:
    def __init__(self, hash_text, path, offsets, lengths):
        self.hash = hash_text
        self.path = path
        self.offsets = offsets  # byte offset of chunk i in the file; offsets[-1] = file size
        self.lengths = lengths  # uncompressed length of chunk i


class XetFile:
    def __init__(self, hash_text, size, terms):
        self.hash = hash_text
        self.size = size
        self.terms = terms  # [(xorb hash, chunk start, chunk end, unpacked length)] in file order
        self.repos = set()


class _OpenXorb:
    """A xorb being filled while one file is chunked; named when it closes."""

    def __init__(self, tmp_path):
        self.tmp_path = tmp_path
        self.fh = open(tmp_path, "wb")
        self.nodes = []  # (raw chunk hash, length)
        self.offsets = [0]
        self.hash = None  # set by close

    def full(self, stored):
        return len(self.nodes) >= MAX_XORB_CHUNKS or self.offsets[-1] + stored > MAX_XORB_BYTES


class XetStore:
    def __init__(self, native, data_dir):
        self.native = native
        self.dir = os.path.join(data_dir, "xorbs")  # made with the first xorb
        self._lock = threading.Lock()
        self._build_lock = threading.Lock()  # one file chunked at a time: the index is shared
        self.chunks = {}  # raw chunk hash -> (Xorb or _OpenXorb, index)
        self.xorbs = {}  # hash text -> Xorb
        self.files = {}  # hash text -> XetFile
        self._by_blob = {}  # (id(blob), version) -> XetFile
        self._tmp = 0
        self.stats = {"chunks_seen": 0, "chunks_new": 0, "bytes_seen": 0, "bytes_new": 0,
                      "schemes": [0, 0, 0]}

    def file_for(self, blob, repo_id):
        """The XetFile of `blob` (built on first use); `repo_id` may read it from now on."""
        key = (id(blob), blob.version)
        with self._lock:
            xf = self._by_blob.get(key)
        if xf is None:
            with self._build_lock:
                with self._lock:
                    xf = self._by_blob.get(key)
                if xf is None:
                    xf = self._build(blob)
                    with self._lock:
                        self._by_blob[key] = xf
                        xf = self.files.setdefault(xf.hash, xf)
        with self._lock:
            xf.repos.add(repo_id)
        return xf

    def _build(self, blob):
        os.makedirs(self.dir, exist_ok=True)
        nodes = []  # (raw hash, length) of every chunk of the file
        refs = []  # (xorb-ish, index) of every chunk
        opened = None
        closed = []
        for chunk, h in self.native.chunks(blob.iter_range(0, blob.size)):
            nodes.append((h, len(chunk)))
            self.stats["chunks_seen"] += 1
            self.stats["bytes_seen"] += len(chunk)
            ref = self.chunks.get(h)
            if ref is None:
                scheme, stored = self.native.compress(chunk)
                if opened is None or opened.full(8 + len(stored)):
                    if opened is not None:
                        closed.append(self._close(opened))
                    self._tmp += 1
                    opened = _OpenXorb(os.path.join(self.dir, f"building-{self._tmp}"))
                opened.fh.write(struct.pack("<B", 0) + len(stored).to_bytes(3, "little")
                                + struct.pack("<B", scheme) + len(chunk).to_bytes(3, "little"))
                opened.fh.write(stored)
                ref = (opened, len(opened.nodes))
                opened.nodes.append((h, len(chunk)))
                opened.offsets.append(opened.offsets[-1] + 8 + len(stored))
                self.chunks[h] = ref
                self.stats["chunks_new"] += 1
                self.stats["bytes_new"] += len(chunk)
                self.stats["schemes"][scheme] += 1
            refs.append(ref)
        if opened is not None:
            closed.append(self._close(opened))
        # Chunks that went into xorbs opened here now point at the named Xorb objects.
        named = {id(o): x for o, x in closed}
        for o, _ in closed:
            for i, (h, _) in enumerate(o.nodes):
                self.chunks[h] = (named[id(o)], i)
        terms = []
        for ref in refs:
            x = named.get(id(ref[0]), ref[0])
            i = ref[1]
            if terms and terms[-1][0] == x.hash and terms[-1][2] == i:
                last = terms[-1]
                terms[-1] = (last[0], last[1], i + 1, last[3] + x.lengths[i])
            else:
                terms.append((x.hash, i, i + 1, x.lengths[i]))
        return XetFile(hash_hex(self.native.file_hash(nodes)), blob.size, terms)

    def _close(self, o):
        o.fh.close()
        hash_text = hash_hex(self.native.merkle_root(o.nodes))
        path = os.path.join(self.dir, hash_text)
        os.replace(o.tmp_path, path)
        x = Xorb(hash_text, path, o.offsets, [n for _, n in o.nodes])
        with self._lock:
            self.xorbs[hash_text] = x
        return o, x

    def get_file(self, hash_text):
        with self._lock:
            return self.files.get(hash_text)

    def get_xorb(self, hash_text):
        with self._lock:
            return self.xorbs.get(hash_text)

    def stats_json(self):
        with self._lock:
            out = dict(self.stats, schemes=list(self.stats["schemes"]))
            out.update(files=len(self.files), xorbs=len(self.xorbs), chunks=len(self.chunks),
                       xorb_bytes=sum(x.offsets[-1] for x in self.xorbs.values()))
        return out
