"""Civitai origin (hub-api.md B0-B9): /api/v1/models, /models/{id},
/model-versions/{id}, /model-versions/by-hash/{hash}, POST /model-versions/by-hash, /enums and
/api/download/models/{versionId} (307 to the storage origin)."""
import json
import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from . import civmodel as cm
from .httpbase import BaseHandler, HttpError
from .storage_routes import civitai_url

TOKEN = "civitai_test_token"
BROWSER_RE = re.compile(r"mozilla|chrome|safari|firefox|opera|edge", re.I)
PERIODS = ["AllTime", "Year", "Month", "Week", "Day"]
KNOWN_BASE_MODELS = sorted(set(cm.BASE_MODELS + [
    "ODOR", "SD 1.4", "SD 1.5 LCM", "SD 1.5 Hyper", "SD 2.0", "SD 2.1", "SDXL Lightning",
    "SDXL Hyper", "NoobAI", "SD 3", "Hunyuan Video", "Wan Video"]))
FAVORITES = {4201}
MAX_HASHES = 100  # POST by-hash takes at most this many (hub-facts 3.6)
SHA256_RE = re.compile(r"^[0-9a-fA-F]{64}$")  # what the test user has favourited
# The exact text real Civitai sends for an unknown key is UNCONFIRMED (hub-api.md B7 only
# says "401 missing/invalid token"); see tests/hub/README.md.
INVALID_TOKEN = "Invalid API key"


def zod_error(path, message, code="invalid_type", **extra):
    issue = {"code": code, "path": [path], "message": message}
    issue.update(extra)
    return HttpError(400, {"error": {"issues": [issue], "name": "ZodError"}})


def _int(value, name, lo, hi):
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise zod_error(name, "Expected number, received nan")
    if not lo <= n <= hi:
        raise zod_error(name, f"Number must be between {lo} and {hi}", code="too_big" if n > hi else "too_small")
    return n


def _bool(value):
    return value is not None and value.lower() == "true"


class CivitaiHandler(BaseHandler):
    def urls(self):
        return cm.Urls(self.app.civitai_url, self.app.storage_url)

    def user(self):
        """The logged-in user, None when anonymous; an unknown token is a 401, never a
        silent fallback to anonymous, so a client with a mistyped key finds out."""
        header = self.headers.get("Authorization")
        token = header.split(" ", 1)[1].strip() if header and " " in header else self.q("token")
        if not token:
            return None
        if token != TOKEN:
            self.fail(401, "Unauthorized", INVALID_TOKEN)
        return {"username": "modeldock-tester"}

    def route(self):
        p = self.url_path.rstrip("/") or "/"
        if self.command == "OPTIONS":
            self.send_bytes(200, b"", "text/plain", [("Access-Control-Allow-Origin", "*")])
            return
        if p.startswith("/api/download/models/"):
            self.download(p.rsplit("/", 1)[-1])
            return
        if p == "/api/v1/model-versions/by-hash" and self.command == "POST":
            self.user()
            self.versions_by_hashes()
            return
        if self.command not in ("GET", "HEAD"):
            raise HttpError(405, {"error": "Method not allowed"})
        self.user()  # a wrong token fails every endpoint, not only the ones that need a user
        if p == "/api/v1/models":
            self.list_models()
        elif p.startswith("/api/v1/models/"):
            self.model(p.rsplit("/", 1)[-1])
        elif p.startswith("/api/v1/model-versions/by-hash/"):
            v = self.app.civ.by_hash(p.rsplit("/", 1)[-1])
            if v is None:
                raise HttpError(404, {"error": "Model not found"})
            self.send_json(cm.version_json(self.urls(), v, standalone=True),
                           headers=[("Cache-Control", "public, s-maxage=3600, stale-while-revalidate=1800")])
        elif p.startswith("/api/v1/model-versions/"):
            vid = _int(p.rsplit("/", 1)[-1], "id", 1, 2147483647)
            v = self.app.civ.get_version(vid)
            if v is None:
                raise HttpError(404, {"error": "Model not found"})
            self.send_json(cm.version_json(self.urls(), v, standalone=True))
        elif p == "/api/v1/enums":
            self.send_json({"ModelType": cm.MODEL_TYPES, "ModelFileType": cm.FILE_TYPES,
                            "ActiveBaseModel": cm.BASE_MODELS, "BaseModel": KNOWN_BASE_MODELS,
                            "BaseModelType": cm.BASE_MODEL_TYPES})
        else:
            raise HttpError(404, {"error": "Not found"})

    def versions_by_hashes(self):
        """POST /api/v1/model-versions/by-hash: a JSON array of at most 100 SHA256 hashes
        (any case) → the versions holding them, in the /model-versions/{id} shape; hashes
        that match nothing are dropped (hub-api.md B4, hub-facts 3.6)."""
        try:
            hashes = json.loads(self.req_body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise HttpError(400, {"error": "Expected a JSON array of SHA256 hashes"})
        if not isinstance(hashes, list) or not all(isinstance(h, str) for h in hashes):
            raise HttpError(400, {"error": "Expected a JSON array of SHA256 hashes"})
        if len(hashes) > MAX_HASHES:
            raise HttpError(400, {"error": f"Too many hashes: at most {MAX_HASHES} per request"})
        wanted = [h for h in hashes if SHA256_RE.match(h)]
        urls = self.urls()
        self.send_json([cm.version_json(urls, v, standalone=True) for v in self.app.civ.by_hashes(wanted)],
                       headers=[("Cache-Control", "no-store")])

    def model(self, raw_id):
        mid = _int(raw_id, "id", 1, 2147483647)
        m = self.app.civ.get_model(mid)
        if m is None:
            raise HttpError(404, {"error": f"No model with id {mid}"})
        self.send_json(cm.model_json(self.urls(), m),
                       headers=[("Cache-Control", "public, s-maxage=300, stale-while-revalidate=150")])

    # -- listing ---------------------------------------------------------------------
    def list_models(self):
        q = self.query
        user = self.user()
        for flag in ("favorites", "hidden"):
            if flag in q and user is None:
                raise HttpError(401, {"error": "Unauthorized"})
        limit = _int(self.q("limit", "100"), "limit", 0, 100)
        page = _int(self.q("page"), "page", 1, 10 ** 9) if self.q("page") else None
        query = self.q("query")
        if page and query:
            raise HttpError(400, {"error": "Cannot use page param with query search. "
                                           "Use cursor-based pagination."})
        if page and page * limit > 1000:
            raise HttpError(429, {"error": "You've requested too many pages, please use cursors instead"})
        sort = self.q("sort", "Highest Rated")
        if sort not in cm.SORTS:
            raise zod_error("sort", f"Invalid enum value. Expected {' | '.join(cm.SORTS)}, received '{sort}'",
                            code="invalid_enum_value", options=cm.SORTS, received=sort)
        if self.q("period", "AllTime") not in PERIODS:
            raise zod_error("period", "Invalid enum value", code="invalid_enum_value", options=PERIODS)
        types = [t for v in q.get("types", []) for t in v.split(",") if t]
        for t in types:
            if t not in cm.MODEL_TYPES:
                raise zod_error("types", f"Invalid enum value. Expected {' | '.join(cm.MODEL_TYPES)}, "
                                f"received '{t}'", code="invalid_enum_value", options=cm.MODEL_TYPES)
        bases = [b for v in q.get("baseModels", []) for b in v.split(",") if b]
        for b in bases:
            if b not in KNOWN_BASE_MODELS:
                raise zod_error("baseModels", f"Invalid enum value. Expected "
                                f"{' | '.join(KNOWN_BASE_MODELS)}, received '{b}'",
                                code="invalid_enum_value", options=KNOWN_BASE_MODELS)
        ids = set()
        for part in (self.q("ids") or "").split(","):
            if part.strip():
                ids.add(_int(part.strip(), "ids", 1, 2147483647))
        nsfw = _bool(self.q("nsfw"))
        username = (self.q("username") or "").lower()
        tag = (self.q("tag") or "").lower()
        needle = (query or "").lower()
        favorites, hidden = _bool(self.q("favorites")), _bool(self.q("hidden"))
        civ = self.app.civ

        def match(h):
            if hidden:
                return None
            m = civ.obj_h(h)
            if m is None or (m.nsfw and not nsfw) or (types and m.type not in types):
                return None
            if ids and m.id not in ids or favorites and m.id not in FAVORITES:
                return None
            if needle and needle not in m.name.lower() and needle not in " ".join(m.tags):
                return None
            if username and m.creator.lower() != username or tag and tag not in m.tags:
                return None
            versions = [v for v in m.versions if not bases or v.base_model in bases]
            if not versions:
                return None
            return (m, versions)

        if page:
            found, nxt = civ.scan(sort, 0, page * limit, match)
            items = found[(page - 1) * limit:]
        else:
            start = 0
            if self.q("cursor"):
                try:
                    start = int(self.q("cursor").split("|")[0])
                except ValueError:
                    raise zod_error("cursor", "Invalid cursor")
            items, nxt = civ.scan(sort, start, limit, match) if limit else ([], None)
        urls = self.urls()
        primary_only = _bool(self.q("primaryFileOnly"))
        out = []
        for m, versions in items:
            obj = cm.model_json(urls, m, versions)
            if primary_only:
                for v in obj["modelVersions"]:
                    v["files"] = [f for f in v["files"] if f.get("primary")]
            out.append(obj)
        meta = {}
        if page:
            meta.update(currentPage=page, pageSize=limit)
            if nxt is not None:
                meta["nextPage"] = self._url_with("page", str(page + 1))
        elif nxt is not None:
            cursor = f"{nxt}|{items[-1][0].id if items else 0}"
            meta["nextCursor"] = cursor
            meta["nextPage"] = self._url_with("cursor", cursor)
        self.send_json({"items": out, "metadata": meta})

    def _url_with(self, key, value):
        params = [(k, v) for k, v in parse_qsl(urlsplit(self.path).query, keep_blank_values=True)
                  if k != key]
        params.append((key, value))
        return f"{self.app.civitai_url}{self.url_path}?{urlencode(params)}"

    # -- download ---------------------------------------------------------------------
    def fail(self, status, error, message=None, redirect=None, extra=None):
        """API clients get JSON; browsers get text or a redirect (B5)."""
        if BROWSER_RE.search(self.headers.get("User-Agent", "")):
            if redirect:
                raise HttpError(307, b"", [("Location", self.app.civitai_url + redirect)], "text/plain")
            raise HttpError(status, (message or error).encode(), content_type="text/plain; charset=utf-8")
        body = {"error": error}
        if message:
            body["message"] = message
        body.update(extra or {})
        raise HttpError(status, body)

    def download(self, raw_vid):
        user = self.user()
        if not raw_vid.isdigit():
            self.fail(400, "Invalid model version id")
        v = self.app.civ.get_version(int(raw_vid))
        if v is None:
            self.fail(404, "File not found")
        if v.model.mode == "Archived":
            self.fail(410, "Model archived, not available for download")
        f = self._pick_file(v)
        if v.availability == "EarlyAccess":
            self.fail(403, "Early Access", "This asset is in Early Access. You can use Buzz access it now!",
                      redirect=f"/model-versions/{v.id}", extra={"deadline": v.early_access_deadline})
        if v.downloads_disabled:
            self.fail(401, "Unauthorized", "The creator of this asset has disabled downloads on this file")
        if v.require_login and user is None:
            ret = quote(f"/api/download/models/{v.id}", safe="")
            self.fail(401, "Unauthorized",
                      "The creator of this asset requires you to be logged in to download it",
                      redirect=f"/login?reason=download-auth&returnUrl={ret}")
        scen = self.take(("change_content",))
        if scen and id(f.blob) not in scen.changed:
            scen.changed.add(id(f.blob))
            f.blob.bump()
        self.app.civitai_files[f.id] = f.blob
        location = civitai_url(self.app.storage_url, f.id, f.name)
        self.send_bytes(307, f"Redirecting to {location}".encode(), "text/plain; charset=utf-8",
                        [("Location", location), ("Cache-Control", "no-store, max-age=0")])

    def _pick_file(self, v):
        if self.q("fileId"):
            f = next((f for f in v.files if str(f.id) == self.q("fileId")), None)
            if f is None:
                self.fail(404, "File not found")
            return f
        wanted = {k: self.q(k) for k in ("type", "format", "size", "fp") if self.q(k)}
        candidates = v.files if wanted else [v.primary_file()]
        for f in candidates:
            if f is None:
                continue
            have = {"type": f.type, "format": f.format, "size": f.size, "fp": f.fp}
            if all(have[k] is not None and have[k].lower() == val.lower() for k, val in wanted.items()):
                return f
        self.fail(404, "File not found")
