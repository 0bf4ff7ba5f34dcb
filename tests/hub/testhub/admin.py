"""The admin API on the HF origin (/_admin/...): request log, scenarios
(fault injection), catalog inspection and mutation, Xet revisions and statistics.
JSON in, JSON out."""
import json

from .httpbase import HttpError


def _body(h):
    try:
        data = json.loads(h.req_body or b"{}")
    except ValueError:
        raise HttpError(400, {"error": "body must be JSON"})
    if not isinstance(data, dict):
        raise HttpError(400, {"error": "body must be a JSON object"})
    return data


def handle(h):
    app, path, method = h.app, h.url_path.rstrip("/"), h.command
    if path == "/_admin/requests" and method == "GET":
        h.send_json(app.log.records(h.q("origin")))
    elif path == "/_admin/reset" and method == "POST":
        app.log.clear()
        app.faults.clear()
        h.send_json({"ok": True})
    elif path == "/_admin/scenario" and method == "POST":
        try:
            sid = app.faults.add(_body(h))
        except ValueError as err:
            raise HttpError(400, {"error": str(err)})
        h.send_json({"id": sid})
    elif path in ("/_admin/scenario", "/_admin/scenarios") and method == "GET":
        h.send_json(app.faults.list())
    elif path.startswith("/_admin/scenario/") and method == "DELETE":
        tail = path.rsplit("/", 1)[-1]
        if not tail.isdigit() or not app.faults.remove(int(tail)):
            raise HttpError(404, {"error": f"no scenario {tail}"})
        h.send_json({"removed": int(tail)})
    elif path == "/_admin/catalog/mutate" and method == "POST":
        body = _body(h)
        try:
            counts = {k: int(body.get(k, 0)) for k in ("add", "change", "remove")}
        except (TypeError, ValueError):
            raise HttpError(400, {"error": "add/change/remove must be integers"})
        if any(v < 0 for v in counts.values()):
            raise HttpError(400, {"error": "add/change/remove must be >= 0"})
        h.send_json(app.mutate(**counts))
    elif path == "/_admin/catalog/push" and method == "POST":
        body = _body(h)
        out = app.hf.push_branch(str(body.get("repo", "")), str(body.get("branch", "")))
        if out is None:
            raise HttpError(404, {"error": "no such repo/branch"})
        h.send_json(out)
    elif path == "/_admin/xet/update" and method == "POST":
        _xet_update(h, _body(h))
    elif path == "/_admin/xet/stats" and method == "GET":
        if app.xet is None:
            raise HttpError(404, {"error": "Xet is not enabled (no native library)"})
        h.send_json(app.xet.stats_json())
    elif path == "/_admin/catalog" and method == "GET":
        h.send_json({"hf_models": app.hf.live_count(), "civitai_models": app.civ.live_count(),
                     "collections": len(app.hf.collections)})
    elif path == "/_admin/file" and method == "GET":
        repo = app.hf.get(h.q("repo", ""))
        commit = repo.resolve(h.q("revision", "main")) if repo else None
        blob = commit.files.get(h.q("path", "")) if commit else None
        if blob is None:
            raise HttpError(404, {"error": "no such repo/revision/path"})
        out = {"size": blob.size, "sha256": blob.sha256, "oid": blob.git_oid,
               "lfs": blob.is_lfs, "commit": commit.sha}
        xf = app.xet_file(blob, repo.id)
        if xf is not None:
            out["xetHash"] = xf.hash
        h.send_json(out)
    else:
        raise HttpError(404, {"error": f"unknown admin route {method} {path}"})


def _xet_update(h, body):
    """A new revision of a Xet file on main: {"repo", "path", "change": "header"|"tensors",
    "fraction": 0.5} -> {"commit", "xetHash", "size", "sha256", "previous": {…}}."""
    app = h.app
    try:
        fraction = float(body.get("fraction", 0.5))
        commit = app.hf.xet_update(str(body.get("repo", "")), str(body.get("path", "")),
                                   str(body.get("change", "")), fraction)
    except (TypeError, ValueError) as err:
        raise HttpError(400, {"error": str(err)})
    if commit is None:
        raise HttpError(404, {"error": "no such repo/path, or not a Xet demo file"})
    repo = app.hf.get(str(body["repo"]))
    blob = commit.files[str(body["path"])]
    out = {"repo": repo.id, "path": body["path"], "commit": commit.sha, "size": blob.size,
           "sha256": blob.sha256}
    xf = app.xet_file(blob, repo.id)
    if xf is not None:
        out["xetHash"] = xf.hash
    h.send_json(out)
