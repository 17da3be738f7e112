#!/usr/bin/env python3
"""An offline dependency scanner for the lab: pinned requirements against an OSV-format
advisory snapshot, plus typosquat warnings. Exit status 1 when anything is found.

It is deliberately small, and a snapshot ages: it knows nothing published after its newest
advisory, so it never says a version has "no known vulnerability" -- only that the snapshot
(dated by that newest advisory) lists none. A live scanner (osv-scanner, pip-audit, trivy fs
--scanners vuln, grype) asks a database that is updated every day.

Versions are compared as PEP 440 orders them (epochs, pre-, post- and dev-releases, local
labels, and trailing zeros: 2.32 == 2.32.0), and names are normalised as PEP 503 says
(python_dateutil, Python.Dateutil and python-dateutil are one project).
`scan.py --self-test` checks both against the PEPs' own examples."""
import json
import re
import sys

# PEP 440, appendix B: the canonical regular expression for a version.
_VERSION = re.compile(r"""
    v?
    (?:(?P<epoch>[0-9]+)!)?
    (?P<release>[0-9]+(?:\.[0-9]+)*)
    (?P<pre>[-_.]?(?P<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?P<pre_n>[0-9]+)?)?
    (?P<post>(?:-(?P<post_n1>[0-9]+))|(?:[-_.]?(?P<post_l>post|rev|r)[-_.]?(?P<post_n2>[0-9]+)?))?
    (?P<dev>[-_.]?(?P<dev_l>dev)[-_.]?(?P<dev_n>[0-9]+)?)?
    (?:\+(?P<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?
""", re.VERBOSE | re.IGNORECASE)
_PRE = {"a": 0, "alpha": 0, "b": 1, "beta": 1, "c": 2, "rc": 2, "pre": 2, "preview": 2}
_INF = float("inf")


def version_key(text):
    """A sort key that orders versions as PEP 440 does. Raises ValueError for a non-PEP 440 version."""
    m = _VERSION.fullmatch(text.strip())
    if not m:
        raise ValueError(f"not a PEP 440 version: {text!r}")
    release = [int(p) for p in m.group("release").split(".")]
    while len(release) > 1 and release[-1] == 0:  # 2.32 == 2.32.0: trailing zeros do not count
        release.pop()
    pre = (_PRE[m.group("pre_l").lower()], int(m.group("pre_n") or 0)) if m.group("pre") else None
    post = None
    if m.group("post"):
        post = int(m.group("post_n1") or m.group("post_n2") or 0)
    dev = int(m.group("dev_n") or 0) if m.group("dev") else None
    # A dev release of a final version (1.0.dev1) sorts before its pre-releases (1.0a1).
    if pre is None and post is None and dev is not None:
        pre_key = (-_INF, 0)
    elif pre is None:
        pre_key = (_INF, 0)
    else:
        pre_key = pre
    post_key = (-_INF,) if post is None else (post,)
    dev_key = (_INF,) if dev is None else (dev,)
    # Local labels: numbers sort above strings, and a longer label above its prefix.
    local = ()
    if m.group("local"):
        local = tuple((int(p), "") if p.isdigit() else (-_INF, p.lower())
                      for p in re.split(r"[-_.]", m.group("local")))
    return (int(m.group("epoch") or 0), tuple(release), pre_key, post_key, dev_key, (1, local) if local else (0, ()))


def normalise(name):
    """PEP 503: runs of -, _ and . are one -, and case does not matter."""
    return re.sub(r"[-_.]+", "-", name).lower()


def affected(version, events):
    """OSV ECOSYSTEM ranges: introduced/fixed events in order."""
    v = version_key(version)
    hit = False
    for e in events:
        if "introduced" in e and (e["introduced"] == "0" or v >= version_key(e["introduced"])):
            hit = True
        if "fixed" in e and v >= version_key(e["fixed"]):
            hit = False
    return hit


def fix_for(version, vuln):
    """The first fixed version above this one: 1.26.18 is fixed in 1.26.19, not in the 2.x fix."""
    v = version_key(version)
    fixed = sorted((e["fixed"] for a in vuln["affected"] for r in a["ranges"] for e in r["events"] if "fixed" in e),
                   key=version_key)
    return next((f for f in fixed if version_key(f) > v), "no release yet")


def distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def logical_lines(path):
    """A requirements file's lines, with backslash continuations joined, as pip reads them."""
    pending = ""
    for raw in open(path):
        text = raw.rstrip("\n")
        if text.endswith("\\"):
            pending += text[:-1] + " "
            continue
        yield pending + text
        pending = ""
    if pending:
        yield pending


def snapshot_date(db):
    """The snapshot is as new as its newest advisory, whatever day the file was written."""
    return max(v["published"][:10] for v in db["vulns"])


def main(requirements, advisories):
    db = json.load(open(advisories))
    dated = snapshot_date(db)
    popular = [normalise(p) for p in db["popular"]]
    findings = 0
    print(f"Advisory snapshot dated {dated} (its newest advisory; {len(db['vulns'])} advisories)."
          " Anything published later is missing: a live scanner has it.")
    for raw in logical_lines(requirements):
        line = raw.split("#")[0].strip()
        if not line:
            continue
        # pip's hash-checking mode: name==1.0 --hash=sha256:... (Lesson 08 recommends it)
        m = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9_.-]*)\s*==\s*([^\s;]+)(?:\s+--hash[=\s]\S+)*", line)
        if not m:
            print(f"{line}: not pinned with ==; cannot check it")
            findings += 1
            continue
        name, version = normalise(m.group(1)), m.group(2)
        try:
            version_key(version)
        except ValueError as e:
            print(f"{name} {version}: {e}; cannot check it")
            findings += 1
            continue
        near = [p for p in popular if p != name and distance(name, p) <= 2]
        if near and name not in popular:
            print(f"{name} {version}: WARNING possible typosquat of '{near[0]}'")
            findings += 1
        vulns = [v for v in db["vulns"] for a in v["affected"]
                 if normalise(a["package"]["name"]) == name and any(affected(version, r["events"]) for r in a["ranges"])]
        if vulns:
            for v in vulns:
                print(f"{name} {version}: {' '.join(v['aliases'] + [v['id']])} fixed in {fix_for(version, v)}: {v['summary']}")
            findings += len(vulns)
        elif not near:
            print(f"{name} {version}: none in this snapshot (dated {dated})")
    print(f"{findings} finding(s)")
    return 1 if findings else 0


# PEP 440's own ordering example ("Summary of permitted suffixes and relative ordering"), ascending.
PEP440_ORDER = ["1.dev0", "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456",
                "1.0b2", "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5",
                "1.0+abc.7", "1.0+5", "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1"]
# PEP 440's normalisation rules: each pair spells one version.
PEP440_EQUAL = [("1.0", "1.0.0"), ("2.32", "2.32.0"), ("1.1RC1", "1.1rc1"), ("1.1c1", "1.1rc1"),
                ("1.0-alpha1", "1.0a1"), ("1.0.beta.2", "1.0b2"), ("1.0-post", "1.0.post0"), ("1.0-1", "1.0.post1"),
                ("1.0.rev4", "1.0.post4"), ("1.0-dev", "1.0.dev0"), ("v1.0", "1.0"), ("1.0a", "1.0a0")]
# PEP 503's own example: all of these are one project.
PEP503_SAME = ["friendly-bard", "Friendly-Bard", "FRIENDLY-BARD", "friendly.bard", "friendly_bard", "friendly--bard",
               "FrIeNdLy-._.-bArD"]


def self_test():
    failures = []
    keys = [version_key(v) for v in PEP440_ORDER]
    for (a, ka), (b, kb) in zip(zip(PEP440_ORDER, keys), zip(PEP440_ORDER[1:], keys[1:])):
        if not ka < kb:
            failures.append(f"{a} < {b}")
    for a, b in PEP440_EQUAL:
        if version_key(a) != version_key(b):
            failures.append(f"{a} == {b}")
    if version_key("1!0.1") <= version_key("2.0"):
        failures.append("1!0.1 > 2.0 (epochs)")
    if len({normalise(n) for n in PEP503_SAME}) != 1:
        failures.append("PEP 503 names: " + ", ".join(sorted({normalise(n) for n in PEP503_SAME})))
    checks = len(PEP440_ORDER) - 1 + len(PEP440_EQUAL) + 2
    for f in failures:
        print(f"FAIL {f}")
    print(f"self-test: {checks - len(failures)} of {checks} PEP 440 / PEP 503 checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(self_test())
    sys.exit(main(sys.argv[1], sys.argv[2]))
