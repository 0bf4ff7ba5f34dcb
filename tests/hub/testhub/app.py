"""Command line, wiring of the three origins, and process lifetime."""
import argparse
import json
import os
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time

from . import catalog_demo, catalog_gen
from .civitai_routes import CivitaiHandler
from .content import ContentStore
from .faults import Scenarios
from .hf_routes import HfHandler
from .httpbase import HubServer
from .reqlog import RequestLog
from .storage_routes import StorageHandler
from .xet_routes import CasHandler, XorbHandler
from .xetnative import load as load_xet_native
from .xetstore import XetStore


def parse_args(argv):
    p = argparse.ArgumentParser(prog="testhub.py", description=__doc__)
    p.add_argument("--catalog", choices=["demo", "generated"], default="demo")
    p.add_argument("--models", type=int, default=1000, help="generated catalog size")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--hf-port", type=int, default=0)
    p.add_argument("--civitai-port", type=int, default=0)
    p.add_argument("--storage-port", type=int, default=0)
    p.add_argument("--storage-host", default="localhost",
                   help="host name used in redirect Locations to the storage origin")
    p.add_argument("--data-dir", help="where large blobs are materialized (default: temp dir)")
    p.add_argument("--exit-on-stdin-eof", action="store_true")
    p.add_argument("--big-file-mb", type=int, default=64)
    p.add_argument("--hf-page-size", type=int, default=1000,
                   help="max page size of HF list endpoints (/api/models, tree, collections)")
    p.add_argument("--verbose", action="store_true", help="log every request to stderr")
    p.add_argument("--xet-native", help="path of libtesthubxet.so (default: $MODELDOCK_TESTHUB_XET_NATIVE); "
                   "without it no file is offered as Xet")
    p.add_argument("--xet-all", action="store_true", help="every LFS file is Xet-backed")
    p.add_argument("--xet-file-mb", type=int, default=24, help="size of the Xet demo's large GGUF")
    p.add_argument("--xet-token-ttl", type=int, default=3600, help="lifetime of CAS tokens (s)")
    p.add_argument("--xet-url-ttl", type=int, default=3600, help="lifetime of signed xorb URLs (s)")
    p.add_argument("--cas-port", type=int, default=0)
    p.add_argument("--xorbs-port", type=int, default=0)
    p.add_argument("--xorbs-host", default="127.0.0.2",
                   help="loopback address (and host name) of the xorb storage origin")
    return p.parse_args(argv)


class App:
    """Shared state reachable from every handler as self.app."""

    def __init__(self, args, data_dir):
        self.verbose = args.verbose
        self.hf_page_size = max(1, args.hf_page_size)
        self.store = ContentStore(data_dir)
        self.log = RequestLog()
        self.faults = Scenarios()
        self.civitai_files = {}  # file id -> Blob, registered when a download is redirected
        self._rate = {}
        self._rate_lock = threading.Lock()
        native, why = load_xet_native(args.xet_native)
        self.xet = XetStore(native, data_dir) if native else None
        if why:
            sys.stderr.write(f"testhub: Xet disabled, {why}: Xet-backed files are served as plain LFS\n")
        self.xet_all = args.xet_all
        self.xet_token_ttl, self.xet_url_ttl = args.xet_token_ttl, args.xet_url_ttl
        if args.catalog == "demo":
            self.hf = catalog_demo.build_hf(self.store, args.big_file_mb, args.xet_file_mb)
            self.civ = catalog_demo.build_civitai(self.store)
        else:
            self.hf, self.civ = catalog_gen.build(self.store, args.models, args.seed)
        self.make_model, self.make_version = catalog_demo.make_added_model(self.store)
        self.hf_url = self.civitai_url = self.storage_url = self.cas_url = self.xorbs_url = ""

    def xet_file(self, blob, repo_id):
        """The XetFile of a Xet-backed blob (chunked on first use), else None."""
        if self.xet is None or not blob.is_lfs:
            return None
        if not (self.xet_all or getattr(blob, "xet_backed", False)):
            return None
        return self.xet.file_for(blob, repo_id)

    def rate_tick(self, bucket):
        window = int(time.time()) // 300
        with self._rate_lock:
            key = (bucket, window)
            self._rate[key] = self._rate.get(key, 0) + 1
            return self._rate[key]

    def mutate(self, add=0, change=0, remove=0):
        out = self.hf.mutate(add, change, remove)
        out["civitai"] = self.civ.mutate(add, change, remove, self.make_model, self.make_version)
        return out


def _serve(server):
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                     daemon=True).start()


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    tmp = None
    data_dir = args.data_dir
    if data_dir:
        os.makedirs(data_dir, exist_ok=True)
    else:
        tmp = data_dir = tempfile.mkdtemp(prefix="testhub-")
    try:
        app = App(args, data_dir)
        hf = HubServer(("127.0.0.1", args.hf_port), HfHandler, app, "hf")
        civ = HubServer(("127.0.0.1", args.civitai_port), CivitaiHandler, app, "civitai")
        storage = HubServer(("127.0.0.1", args.storage_port), StorageHandler, app, "storage")
        servers = [hf, civ, storage]
        sport = storage.server_address[1]
        try:  # same port on ::1 so "localhost" works whatever it resolves to
            servers.append(HubServer(("::1", sport), StorageHandler, app, "storage",
                                     family=socket.AF_INET6))
        except OSError:
            pass
        if app.xet is not None:
            cas = HubServer(("127.0.0.1", args.cas_port), CasHandler, app, "cas")
            try:
                xorbs = HubServer((args.xorbs_host, args.xorbs_port), XorbHandler, app, "xorbs")
                xorbs_host = args.xorbs_host
            except OSError:  # no 127.0.0.2 here: the port alone keeps the origin apart
                xorbs = HubServer(("127.0.0.1", args.xorbs_port), XorbHandler, app, "xorbs")
                xorbs_host = "127.0.0.1"
            servers += [cas, xorbs]
            app.cas_url = f"http://127.0.0.1:{cas.server_address[1]}"
            app.xorbs_url = f"http://{xorbs_host}:{xorbs.server_address[1]}"
        app.hf_url = f"http://127.0.0.1:{hf.server_address[1]}"
        app.civitai_url = f"http://127.0.0.1:{civ.server_address[1]}"
        app.storage_url = f"http://{args.storage_host}:{sport}"
        for s in servers:
            _serve(s)
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        signal.signal(signal.SIGINT, lambda *_: stop.set())
        if args.exit_on_stdin_eof:
            def watch_stdin():
                # raw os.read: a daemon thread blocked inside sys.stdin's
                # buffered reader makes interpreter shutdown abort
                try:
                    while os.read(sys.stdin.fileno(), 4096):
                        pass
                except (OSError, ValueError):
                    pass
                stop.set()
            threading.Thread(target=watch_stdin, daemon=True).start()
        origins = {"hf": app.hf_url, "civitai": app.civitai_url, "storage": app.storage_url}
        if app.xet is not None:
            origins.update(cas=app.cas_url, xorbs=app.xorbs_url)
        sys.stdout.write(json.dumps(origins) + "\n")
        sys.stdout.flush()
        sys.stderr.write(f"testhub: {args.catalog} catalog, {app.hf.live_count()} HF models, "
                         f"{app.civ.live_count()} Civitai models; data dir {data_dir}\n")
        while not stop.wait(0.1):
            pass
        closers = [threading.Thread(target=s.shutdown) for s in servers]
        for t in closers:
            t.start()
        for t in closers:
            t.join(5)
        for s in servers:
            s.server_close()
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0
