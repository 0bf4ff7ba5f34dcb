"""Hugging Face hub origin (hub-api.md A0-A11): /api/models*, /api/collections*,
/{repo}/resolve|raw/{rev}/{path}, /api/whoami-v2.  /_admin/ is delegated."""
import base64
import json
import mimetypes
import time
from urllib.parse import parse_qs, parse_qsl, quote, unquote, urlencode, urlsplit

from . import admin
from .catalog import HF_SORTS
from .hfmodel import EXPANDABLE, list_tree, model_json, object_id, tree_entry
from .httpbase import BaseHandler, HttpError
from .storage_routes import lfs_url
from .xet_routes import fileinfo_body, xet_headers
from .xetauth import make_token

TOKENS = {"hf_test_valid": {"name": "modeldock-tester", "approved": True},
          "hf_test_unapproved": {"name": "unapproved-tester", "approved": False}}
INVALID_TOKEN = "Invalid credentials in Authorization header"
RATE_QUOTA = {"api": 1000, "resolvers": 5000}


def hf_error(status, code, message, headers=()):
    hdrs = [("X-Error-Message", message)] + list(headers)
    if code:
        hdrs.insert(0, ("X-Error-Code", code))
    return HttpError(status, {"error": message}, hdrs)


def bad_request(message):
    return hf_error(400, None, message)


def encode_cursor(pos):
    return base64.urlsafe_b64encode(b"p:%d" % pos).decode().rstrip("=")


def decode_cursor(text):
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
        if raw.startswith("p:"):
            return int(raw[2:])
    except (ValueError, UnicodeDecodeError):
        pass
    raise bad_request("Invalid cursor")


def truthy(value):
    return value is not None and value.lower() in ("1", "true", "yes")


class HfHandler(BaseHandler):
    def is_admin(self):
        return self.url_path.startswith("/_admin/") or self.url_path == "/_admin"

    def base_headers(self):
        if self.is_admin():
            return []
        bucket = "resolvers" if ("/resolve/" in self.url_path or "/raw/" in self.url_path) else "api"
        used = self.app.rate_tick(bucket)
        quota = RATE_QUOTA[bucket]
        reset = 300 - int(time.time()) % 300
        return [("RateLimit", f'"{bucket}";r={max(0, quota - used)};t={reset}'),
                ("RateLimit-Policy", f'"fixed window";"{bucket}";q={quota};w=300'),
                ("X-Request-Id", f"Root=1-testhub-{self.record['seq'] if self.record else 0}"),
                ("Access-Control-Expose-Headers", "X-Repo-Commit,X-Linked-Etag,X-Linked-Size,"
                 "X-Error-Code,X-Error-Message,ETag,Link,Content-Range,X-Xet-Hash")]

    # -- auth -----------------------------------------------------------------
    def user(self):
        header = self.headers.get("Authorization")
        if not header:
            return None
        token = header.split(" ", 1)[1].strip() if " " in header else header.strip()
        if token in TOKENS:
            return TOKENS[token]
        raise hf_error(401, None, INVALID_TOKEN)

    def find_repo(self, repo_id, user):
        repo = self.app.hf.get(repo_id)
        if repo is None:
            # anonymous callers cannot tell "missing" from "private": 401 (A8)
            raise hf_error(401 if user is None else 404, "RepoNotFound", "Repository not found")
        return repo

    def check_gate(self, repo, user):
        if not repo.gated:
            return
        if user is None:
            raise hf_error(401, "GatedRepo", f"Access to model {repo.id} is restricted. You must have "
                           "access to it and be authenticated to access it. Please log in.")
        if not user["approved"]:
            raise hf_error(403, "GatedRepo", f"Access to model {repo.id} is restricted and you are "
                           f"not in the authorized list. Visit https://huggingface.co/{repo.id} "
                           "to ask for access.")

    def split_rev(self, repo, segs):
        """segs: decoded path segments after the marker.  The revision may be
        one %2F-encoded segment or raw `refs/pr/1`; try the shortest prefix."""
        for k in range(1, len(segs) + 1):
            rev = "/".join(segs[:k])
            commit = repo.resolve(rev)
            if commit is not None:
                return rev, commit, "/".join(segs[k:])
        rev = segs[0] if segs else ""
        raise hf_error(404, "RevisionNotFound", f"Invalid rev id: {rev}")

    # -- routing ----------------------------------------------------------------
    def route(self):
        if self.is_admin():
            admin.handle(self)
            return
        path = self.url_path
        user = self.user()
        if path in ("/api/models", "/api/models/"):
            self.only("GET", "HEAD")
            self.list_models()
        elif path.startswith("/api/models/"):
            self.model_api(path[len("/api/models/"):], user)
        elif path in ("/api/collections", "/api/collections/"):
            self.only("GET", "HEAD")
            self.list_collections()
        elif path.startswith("/api/collections/"):
            self.only("GET", "HEAD")
            self.collection_detail(unquote(path[len("/api/collections/"):]))
        elif path == "/api/whoami-v2":
            if user is None:
                raise hf_error(401, None, INVALID_TOKEN)
            self.send_json({"type": "user", "name": user["name"], "fullname": user["name"],
                            "auth": {"type": "access_token",
                                     "accessToken": {"displayName": "test", "role": "read"}}})
        elif path.startswith(("/api/datasets", "/api/spaces", "/datasets/", "/spaces/")):
            raise hf_error(401 if user is None else 404, "RepoNotFound", "Repository not found")
        else:
            segs = path.strip("/").split("/")
            if len(segs) >= 4 and segs[2] in ("resolve", "raw"):
                self.only("GET", "HEAD")
                self.resolve(unquote(segs[0]) + "/" + unquote(segs[1]), segs[2],
                             [unquote(s) for s in segs[3:]], user)
            else:
                raise hf_error(404, None, "Not Found")

    def only(self, *methods):
        if self.command not in methods:
            raise hf_error(405, None, f"Method {self.command} not allowed")

    def model_api(self, rest, user):
        segs = rest.split("/")
        if len(segs) < 2:
            raise hf_error(401 if user is None else 404, "RepoNotFound", "Repository not found")
        repo = self.find_repo(unquote(segs[0]) + "/" + unquote(segs[1]), user)
        tail = segs[2:]
        if not tail or tail == [""]:
            self.only("GET", "HEAD")
            self.model_info(repo, repo.head())
        elif tail[0] == "revision" and len(tail) > 1:
            self.only("GET", "HEAD")
            self.check_gate(repo, user)
            rev = unquote("/".join(tail[1:]))
            commit = repo.resolve(rev)
            if commit is None:
                raise hf_error(404, "RevisionNotFound", f"Invalid rev id: {rev}")
            self.model_info(repo, commit)
        elif tail[0] == "tree" and len(tail) > 1:
            self.only("GET", "HEAD")
            rev, commit, p = self.split_rev(repo, [unquote(s) for s in tail[1:]])
            self.tree(repo, commit, p)
        elif tail[0] == "paths-info" and len(tail) > 1:
            self.only("POST")
            rev, commit, _ = self.split_rev(repo, [unquote("/".join(tail[1:]))])
            self.paths_info(repo, commit)
        elif tail[0] == "xet-read-token" and len(tail) > 1:
            self.only("GET")
            self.xet_read_token(repo, user, unquote("/".join(tail[1:])))
        elif tail == ["refs"]:
            self.only("GET", "HEAD")
            self.refs(repo)
        else:
            raise hf_error(404, None, "Not Found")

    # -- model endpoints ------------------------------------------------------------
    def expand_list(self):
        values = self.query.get("expand", []) + self.query.get("expand[]", [])
        for v in values:
            if v not in EXPANDABLE:
                raise bad_request(f'"expand" must be one of {sorted(EXPANDABLE)}')
        return values

    def list_models(self):
        expand = self.expand_list()
        sort = self.q("sort")
        if sort and sort not in HF_SORTS:
            raise bad_request(f'"sort" must be one of {sorted(HF_SORTS)}')
        try:
            limit = int(self.q("limit", self.app.hf_page_size))
        except ValueError:
            raise bad_request('"limit" must be a number')
        page = max(1, min(limit, 1000, self.app.hf_page_size))
        start = decode_cursor(self.q("cursor")) if self.q("cursor") else 0
        match = self.app.hf.matcher(self.q("search"), self.q("author"), self.query.get("filter", []),
                                    self.q("pipeline_tag"))
        repos, nxt = self.app.hf.scan(sort, start, page, match)
        full = truthy(self.q("full"))
        out = []
        for r in repos:
            obj = model_json(r, r.head(), expand=expand, full=full)
            if truthy(self.q("cardData")) and not expand:
                obj["cardData"] = r.card_data
            out.append(obj)
        headers = []
        if nxt is not None:
            headers.append(("Link", f'<{self.next_url(encode_cursor(nxt))}>; rel="next"'))
        self.send_json(out, headers=headers)

    def next_url(self, cursor):
        """Absolute URL of the next page: same path and params, new cursor."""
        params = [(k, v) for k, v in parse_qsl(urlsplit(self.path).query, keep_blank_values=True)
                  if k != "cursor"]
        params.append(("cursor", cursor))
        return f"{self.app.hf_url}{self.url_path}?{urlencode(params)}"

    def model_info(self, repo, commit):
        expand = self.expand_list()
        blobs = truthy(self.q("blobs"))
        self.send_json(model_json(repo, commit, expand=expand, info=True, blobs=blobs))

    def tree(self, repo, commit, path):
        expand = truthy(self.q("expand"))
        entries = list_tree(commit, path, truthy(self.q("recursive")))
        if entries is None:
            raise hf_error(404, "EntryNotFound", f"{path} does not exist on \"{commit.sha}\"",
                           [("X-Repo-Commit", commit.sha)])
        page = min(50 if expand else 1000, self.app.hf_page_size)
        start = decode_cursor(self.q("cursor")) if self.q("cursor") else 0
        chunk = entries[start:start + page]
        headers = [("X-Repo-Commit", commit.sha)]
        if start + page < len(entries):
            headers.append(("Link", f'<{self.next_url(encode_cursor(start + page))}>; rel="next"'))
        self.send_json([tree_entry(commit, p, b, expand, self.xet_hash(repo, b)) for p, b in chunk],
                       headers=headers)

    def paths_info(self, repo, commit):
        ctype = self.headers.get("Content-Type", "")
        if "json" in ctype:
            try:
                body = json.loads(self.req_body or b"{}")
            except ValueError:
                raise bad_request("Invalid JSON body")
            paths, expand = body.get("paths", []), bool(body.get("expand"))
        else:
            form = parse_qs(self.req_body.decode(), keep_blank_values=True)
            paths = form.get("paths", []) + form.get("paths[]", [])
            expand = truthy((form.get("expand") or ["false"])[0])
        if isinstance(paths, str):
            paths = [paths]
        dirs = commit.directories()
        out = []
        for p in paths:
            p = p.strip("/")
            if p in commit.files:
                out.append(tree_entry(commit, p, commit.files[p], expand,
                                      self.xet_hash(repo, commit.files[p])))
            elif p in dirs:
                out.append(tree_entry(commit, p, None, expand))
        self.send_json(out, headers=[("X-Repo-Commit", commit.sha)])

    # -- Xet ----------------------------------------------------------------------------------
    def xet_hash(self, repo, blob):
        xf = self.app.xet_file(blob, repo.id) if blob is not None else None
        return xf.hash if xf else None

    def xet_read_token(self, repo, user, rev):
        """auth.md: a CAS token for this repo, under the same rules as /resolve/."""
        self.check_gate(repo, user)
        if repo.resolve(rev) is None:
            raise hf_error(404, "RevisionNotFound", f"Invalid rev id: {rev}")
        if self.app.xet is None:
            raise hf_error(404, None, "Xet is not enabled on this hub")
        token, exp = make_token(repo.id, self.app.xet_token_ttl)
        self.send_json({"accessToken": token, "exp": exp, "casUrl": self.app.cas_url})

    def refs(self, repo):
        def refs_of(table, prefix):
            return [{"name": n, "ref": prefix + n, "targetCommit": s} for n, s in table.items()]
        out = {"branches": refs_of(repo.branches, "refs/heads/"), "converts": [],
               "tags": refs_of(repo.tag_refs, "refs/tags/")}
        if truthy(self.q("include_prs")):
            out["pullRequests"] = [{"name": n, "ref": n, "targetCommit": s}
                                   for n, s in repo.prs.items()]
        self.send_json(out)

    # -- collections ------------------------------------------------------------------
    def owner_json(self, c):
        return {"_id": object_id("user:" + c.namespace), "name": c.namespace,
                "fullname": c.fullname, "type": c.owner_type, "isPro": False, "isHf": False,
                "isHfAdmin": False, "isMod": False,
                "avatarUrl": f"{self.app.storage_url}/images/avatar-{c.namespace}-64x64.png"}

    def collection_json(self, c, detail):
        items = []
        for pos, rid in enumerate(c.items):
            r = self.app.hf.get(rid)
            if r is None:
                continue
            items.append({"_id": object_id(c.slug + rid), "position": pos, "type": "model",
                          "id": r.id, "author": r.author,
                          "authorData": {"name": r.author, "fullname": r.author, "type": "org",
                                         "isHf": False, "isPro": False,
                                         "avatarUrl": f"{self.app.storage_url}/images/avatar-{r.author}-64x64.png"},
                          "downloads": r.downloads, "gated": r.gated, "lastModified": r.modified,
                          "likes": r.likes, "pipeline_tag": r.pipeline_tag, "private": False,
                          "repoType": "model", "isLikedByUser": False,
                          "availableInferenceProviders": []})
        out = {"slug": c.slug, "title": c.title, "description": c.description,
               "lastUpdated": c.last_updated, "owner": self.owner_json(c),
               "items": items if detail else items[:4], "theme": c.theme, "private": False,
               "upvotes": c.upvotes, "isUpvotedByUser": False, "gating": False,
               "shareUrl": f"{self.app.hf_url}/collections/{c.slug}"}
        if detail:  # listing entries must not carry `position` (Python kwarg clash, A7)
            out["position"] = self.app.hf.collections.index(c)
        return out

    def list_collections(self):
        owners = self.query.get("owner", [])
        wanted_items = self.query.get("item", [])
        qtext = (self.q("q") or "").lower()
        sort = self.q("sort", "trending")
        if sort not in ("lastModified", "trending", "upvotes"):
            raise bad_request('"sort" must be one of lastModified, trending, upvotes')
        try:
            limit = max(1, min(100, int(self.q("limit", 100)), self.app.hf_page_size))
        except ValueError:
            raise bad_request('"limit" must be a number')
        cols = [c for c in self.app.hf.collections
                if (not owners or c.namespace in owners)
                and (not qtext or qtext in c.title.lower() or qtext in c.description.lower())
                and all(w.startswith("models/") and w[7:] in c.items for w in wanted_items)]
        key = {"lastModified": lambda c: c.last_updated, "upvotes": lambda c: c.upvotes,
               "trending": lambda c: (c.upvotes, c.last_updated)}[sort]
        cols.sort(key=key, reverse=True)
        start = decode_cursor(self.q("cursor")) if self.q("cursor") else 0
        headers = []
        if start + limit < len(cols):
            headers.append(("Link", f'<{self.next_url(encode_cursor(start + limit))}>; rel="next"'))
        self.send_json([self.collection_json(c, False) for c in cols[start:start + limit]],
                       headers=headers)

    def collection_detail(self, slug):
        c = self.app.hf.find_collection(slug.strip("/"))
        if c is None:
            tail = slug.rsplit("-", 1)[-1]
            c = next((x for x in self.app.hf.collections if x.oid == tail), None)
        if c is None:
            raise hf_error(404, None, "Collection not found")
        self.send_json(self.collection_json(c, True))

    # -- files ---------------------------------------------------------------------------
    def resolve(self, repo_id, kind, segs, user):
        repo = self.find_repo(repo_id, user)
        self.check_gate(repo, user)
        rev, commit, path = self.split_rev(repo, segs)
        blob = commit.files.get(path)
        if blob is None:
            raise hf_error(404, "EntryNotFound", "Entry not found", [("X-Repo-Commit", commit.sha)])
        scen = self.take(("change_content",))
        if scen and id(blob) not in scen.changed:
            scen.changed.add(id(blob))
            blob.bump()
        name = path.rsplit("/", 1)[-1]
        common = [("X-Repo-Commit", commit.sha)]
        if kind == "resolve" and blob.is_lfs:
            sha = blob.sha256
            etag = f'"{sha}"'
            common += [("X-Linked-Etag", etag), ("X-Linked-Size", blob.size), ("ETag", etag),
                       ("Accept-Ranges", "bytes")]
            inm = self.headers.get("If-None-Match")
            if inm and etag in [t.strip() for t in inm.split(",")]:
                self.send_head(304, common + [("Content-Length", 0)])
                return
            xf = self.app.xet_file(blob, repo.id)
            if xf is not None:
                common += xet_headers(self, repo.id, commit.sha, xf)
                if "application/vnd.xet-fileinfo+json" in self.headers.get("Accept", ""):
                    # huggingface.js asks for this type and takes the Xet path when it gets it;
                    # a redirect would have been followed to the bridge instead.
                    self.send_bytes(200, fileinfo_body(self, repo.id, commit.sha, xf, etag),
                                    "application/vnd.xet-fileinfo+json", common)
                    return
            location = lfs_url(self.app.storage_url, sha, name)
            body = f"Found. Redirecting to {location}".encode()
            self.send_bytes(302, body, "text/plain; charset=utf-8",
                            common + [("Location", location), ("Vary", "Origin, Accept")])
            return
        raw = blob.pointer if blob.is_lfs else None  # /raw/ of an LFS file = pointer text
        ctype = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype == "application/json":
            ctype += "; charset=utf-8"
        if kind == "resolve":
            common.append(("Content-Disposition",
                           f"inline; filename*=UTF-8''{quote(name)}; filename=\"{name}\";"))
        self.send_blob(blob, etag=f'"{blob.git_oid}"', headers=common, content_type=ctype,
                       allow_304=(kind == "resolve"), raw_bytes=raw)
