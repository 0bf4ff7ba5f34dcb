#!/usr/bin/env python3
"""Builds the benchmark's data files and a static Hugging Face-shaped mirror for nginx.

Data files are random bytes, made once and reused across runs (their SHA-256 is cached next
to them). The mirror has two repos: bench/big (one large file) and bench/pack (many files),
each answering model info at `main`/at the commit and a recursive tree, the requests a
client makes before downloading; /<repo>/resolve/<rev>/<file> are symlinks to the data.
"""
import argparse
import hashlib
import json
import os
import shutil

COMMIT_BIG = "b1" * 20
COMMIT_PACK = "9a" * 20


def make_file(path, size):
    if os.path.exists(path) and os.path.getsize(path) == size and os.path.exists(path + ".sha256"):
        return open(path + ".sha256").read().strip()
    digest = hashlib.sha256()
    block = 8 * 1024 * 1024
    with open(path, "wb") as out:
        left = size
        while left > 0:
            chunk = os.urandom(min(block, left))
            digest.update(chunk)
            out.write(chunk)
            left -= len(chunk)
    with open(path + ".sha256", "w") as out:
        out.write(digest.hexdigest())
    return digest.hexdigest()


def git_oid(text):
    data = text.encode()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def write_json(path, value):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as out:
        json.dump(value, out)


def publish(www, repo, commit, files):
    """files: list of (name, size, sha256, data_path)."""
    siblings, tree = [], []
    for name, size, sha, _ in files:
        pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:%s\nsize %d\n" % (sha, size)
        lfs = {"oid": sha, "size": size, "pointerSize": len(pointer)}
        tree.append({"type": "file", "oid": git_oid(pointer), "path": name, "size": size, "lfs": lfs})
        siblings.append({"rfilename": name, "size": size, "blobId": git_oid(pointer),
                         "lfs": {"sha256": sha, "size": size, "pointerSize": len(pointer)}})
    info = {"_id": hashlib.md5(repo.encode()).hexdigest()[:24], "id": repo, "modelId": repo,
            "author": repo.split("/")[0], "sha": commit, "lastModified": "2026-11-01T00:00:00.000Z",
            "createdAt": "2026-11-01T00:00:00.000Z", "private": False, "gated": False,
            "downloads": 0, "likes": 0, "tags": [], "siblings": siblings}
    api = os.path.join(www, "api", "models", repo)
    # nginx maps a path that is also a folder to <path>/index.json (see run.sh).
    write_json(os.path.join(api, "index.json"), info)
    for rev in ("main", commit):
        write_json(os.path.join(api, "revision", rev), info)
        write_json(os.path.join(api, "tree", rev), tree)
    for rev in ("main", commit):
        folder = os.path.join(www, repo, "resolve", rev)
        os.makedirs(folder, exist_ok=True)
        for name, _, _, data_path in files:
            link = os.path.join(folder, name)
            if os.path.lexists(link):
                os.remove(link)
            os.symlink(data_path, link)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", required=True)
    parser.add_argument("--big-mib", type=int, default=2048)
    parser.add_argument("--small-count", type=int, default=80)
    parser.add_argument("--small-mib", type=int, default=40)
    args = parser.parse_args()

    data = os.path.join(args.work, "data")
    www = os.path.join(args.work, "www")
    os.makedirs(data, exist_ok=True)
    shutil.rmtree(www, ignore_errors=True)

    big_path = os.path.join(data, "big-%d.bin" % args.big_mib)
    big_size = args.big_mib * 1024 * 1024
    big_sha = make_file(big_path, big_size)
    publish(www, "bench/big", COMMIT_BIG, [("big.bin", big_size, big_sha, big_path)])

    small_size = args.small_mib * 1024 * 1024
    pack = []
    for i in range(args.small_count):
        path = os.path.join(data, "small-%d-%03d.bin" % (args.small_mib, i))
        pack.append(("lora-%03d.safetensors" % i, small_size, make_file(path, small_size), path))
    publish(www, "bench/pack", COMMIT_PACK, pack)

    with open(os.path.join(args.work, "big-url-path"), "w") as out:
        out.write("/bench/big/resolve/main/big.bin")
    with open(os.path.join(args.work, "small-url-paths.txt"), "w") as out:
        for name, _, _, _ in pack:
            out.write("/bench/pack/resolve/main/%s\n" % name)


if __name__ == "__main__":
    main()
