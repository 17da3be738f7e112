#!/usr/bin/env python3
"""An offline dependency scanner for the lab: pinned requirements against an OSV-format
advisory snapshot, plus typosquat warnings. Exit status 1 when anything is found.

It is deliberately small; a live scanner (osv-scanner, trivy fs --scanners vuln, grype)
knows about advisories published after the snapshot was taken."""
import json
import re
import sys


def version_key(v):
    """PEP 440 for the plain release versions pins use: 2.31.0 < 2.32.0 < 10.0.0."""
    return tuple(int(p) if p.isdigit() else 0 for p in re.split(r"[.+-]", v))


def affected(version, events):
    """OSV ECOSYSTEM ranges: introduced/fixed events in order."""
    hit = False
    for e in events:
        if "introduced" in e and (e["introduced"] == "0" or version_key(version) >= version_key(e["introduced"])):
            hit = True
        if "fixed" in e and version_key(version) >= version_key(e["fixed"]):
            hit = False
    return hit


def distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def main(requirements, advisories):
    db = json.load(open(advisories))
    findings = 0
    print(f"Advisory snapshot of {db['snapshot']} ({len(db['vulns'])} advisories)")
    for raw in open(requirements):
        line = raw.split("#")[0].strip()
        if not line:
            continue
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)==([0-9][0-9A-Za-z.+-]*)", line)
        if not m:
            print(f"{line}: not pinned with ==; cannot check it")
            findings += 1
            continue
        name, version = m.group(1).lower(), m.group(2)
        near = [p for p in db["popular"] if p != name and distance(name, p) <= 2]
        if near and name not in db["popular"]:
            print(f"{name} {version}: WARNING possible typosquat of '{near[0]}'")
            findings += 1
        vulns = [v for v in db["vulns"] for a in v["affected"]
                 if a["package"]["name"].lower() == name and any(affected(version, r["events"]) for r in a["ranges"])]
        if vulns:
            for v in vulns:
                fixed = [e["fixed"] for a in v["affected"] for r in a["ranges"] for e in r["events"] if "fixed" in e]
                print(f"{name} {version}: {' '.join(v['aliases'] + [v['id']])} fixed in {max(fixed, key=version_key)}: {v['summary']}")
            findings += len(vulns)
        elif not near:
            print(f"{name} {version}: no known vulnerability in the snapshot")
    print(f"{findings} finding(s)")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
