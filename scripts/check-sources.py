#!/usr/bin/env python3
"""Source checks the compiler cannot make; run by ctest (source_checks) and CI.

1. core/'s folders depend on each other without a cycle: the graph of
   `#include "folder/…"` between core/<folder>/ directories is acyclic.
2. Product code never continues a future with QFuture::then: on Qt 6.4 such a
   continuation can be lost (a file stuck in "Verifying"); Util::whenFinished
   (core/util/futurewatch.h) is the one way to continue on a thread.
Exit 0 when clean; 1 with one line per finding."""
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
include = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/', re.M)
then = re.compile(r'\.then\s*\(')
sources = lambda d: [p for p in d.rglob("*") if p.suffix in (".h", ".cpp")]

findings = []
core = root / "core"
graph = {}
for folder in sorted(p for p in core.iterdir() if p.is_dir()):
    deps = set()
    for path in sources(folder):
        deps.update(m for m in include.findall(path.read_text(encoding="utf-8")) if (core / m).is_dir())
    deps.discard(folder.name)
    graph[folder.name] = deps

state = {}
def visit(node, stack):
    state[node] = "open"
    for dep in sorted(graph.get(node, ())):
        if state.get(dep) == "open":
            cycle = stack[stack.index(dep):] + [dep]
            findings.append("core folders include each other: " + " -> ".join(cycle))
        elif dep not in state:
            visit(dep, stack + [dep])
    state[node] = "done"
for node in graph:
    if node not in state:
        visit(node, [node])

for top in ("core", "ui", "app"):
    for path in sources(root / top):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("//", 1)[0]
            if then.search(code):
                findings.append(f"{path.relative_to(root)}:{number}: QFuture::then; use Util::whenFinished")

for finding in findings:
    print(finding)
print(f"source checks: {len(findings)} finding(s) in {sum(len(v) for v in graph.values())} folder dependencies")
sys.exit(1 if findings else 0)
