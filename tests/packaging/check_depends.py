#!/usr/bin/env python3
"""check_depends.py "DEPENDS": exit 0 when every clause of a Debian Depends field is satisfied by a
package installed on this machine (dpkg's database), else name the unsatisfied clauses and exit 1.
Used by deb_package_test.sh when it cannot run `dpkg -i` in a chroot (no root or no namespaces)."""
import re
import subprocess
import sys

ALTERNATIVE = re.compile(r"^([a-z0-9][a-z0-9.+-]*)(?::[a-z0-9-]+)?\s*(?:\((<<|<=|=|>=|>>)\s*([^)\s]+)\))?$")


def installed_packages():
    """{name: version} of installed packages, plus what they provide (a virtual package takes
    the version its provider states, else the provider's)."""
    out = subprocess.run(["dpkg-query", "-W", "-f=${Status}\t${Package}\t${Version}\t${Provides}\n"],
                         capture_output=True, text=True, check=True).stdout
    versions, provided = {}, {}
    for line in out.splitlines():
        status, name, version, provides = (line.split("\t") + [""] * 4)[:4]
        if not status.startswith("install ok installed"):
            continue
        versions[name] = version
        for item in filter(None, (p.strip() for p in provides.split(","))):
            m = re.match(r"^([^\s(:]+)(?::\S+)?\s*(?:\(=\s*([^)\s]+)\))?", item)
            if m:
                provided.setdefault(m.group(1), m.group(2) or version)
    return {**provided, **versions}


INSTALLED = {}


def installed_version(name):
    if not INSTALLED:
        INSTALLED.update(installed_packages())
    return INSTALLED.get(name)


def satisfied(alternative):
    match = ALTERNATIVE.match(alternative.strip())
    if not match:
        raise ValueError(f"cannot parse dependency '{alternative}'")
    name, op, wanted = match.groups()
    have = installed_version(name)
    if have is None:
        return False
    if op is None:
        return True
    dpkg_op = {"<<": "lt", "<=": "le", "=": "eq", ">=": "ge", ">>": "gt"}[op]
    return subprocess.run(["dpkg", "--compare-versions", have, dpkg_op, wanted]).returncode == 0


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    missing = [clause.strip() for clause in sys.argv[1].split(",")
               if clause.strip() and not any(satisfied(a) for a in clause.split("|"))]
    for clause in missing:
        print(f"unsatisfied: {clause}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
