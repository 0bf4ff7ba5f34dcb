#!/usr/bin/env python3
"""Summarises bench results: medians per case and tool, with ratios to the peers."""
import statistics
import sys
from collections import defaultdict

CASES = {
    "a": "one large file",
    "b": "many files",
    "c": "large file, server caps each connection",
}


def main(path):
    rows = defaultdict(list)
    for line in open(path):
        case, tool, wall, user, sys_, rss_kib, size = line.split()
        rows[(case, tool)].append((float(wall), float(user) + float(sys_), int(rss_kib), int(size)))
    print("| case | tool | wall s | MB/s | CPU s | peak RSS MiB |")
    print("|---|---|---:|---:|---:|---:|")
    speeds = {}
    for (case, tool), samples in sorted(rows.items()):
        wall = statistics.median(s[0] for s in samples)
        cpu = statistics.median(s[1] for s in samples)
        rss = max(s[2] for s in samples) / 1024
        mbps = samples[0][3] / 1e6 / wall if wall > 0 else 0
        speeds[(case, tool)] = mbps
        print("| %s: %s | %s | %.2f | %.0f | %.2f | %.0f |" % (case, CASES.get(case, case), tool, wall, mbps, cpu, rss))
    print()
    for case, peer in (("a", "curl"), ("b", "aria2c-j16"), ("c", "aria2c-x8")):
        if (case, "modeldock") in speeds and (case, peer) in speeds and speeds[(case, peer)] > 0:
            print("case %s: modeldock / %s = %.2fx" % (case, peer, speeds[(case, "modeldock")] / speeds[(case, peer)]))


if __name__ == "__main__":
    main(sys.argv[1])
