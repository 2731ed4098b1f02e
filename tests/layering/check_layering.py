#!/usr/bin/env python3
"""Checks the dependency rules of docs/DESIGN.md on the sources' #include lines:
engine/ never includes Qt; an engine folder includes only folders of its own or a lower level;
sql/, datagen/ see the cluster only through client/; only widgets/models/ includes engine headers
among widgets/; nothing includes app/."""
import os
import re
import sys

LEVELS = {"common": 0, "record": 1, "log": 2, "meta": 2, "cluster": 3, "client": 4,
          "kafka": 5, "sql": 5, "datagen": 5, "remote": 6}
# Folders that must reach the cluster through client/ interfaces only.
CLIENT_ONLY = {"sql", "datagen", "remote"}
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^">]+)[">]')
QT = re.compile(r'^(Q[A-Za-z]|Qt|qscintilla|Qsci)')


def sources(root, top):
    for base, _, files in os.walk(os.path.join(root, top)):
        for name in files:
            if name.endswith((".h", ".cpp", ".hpp", ".cc", ".in")):
                yield os.path.join(base, name)


def main(root):
    problems = []
    for path in list(sources(root, "engine")) + list(sources(root, "widgets")) + \
            list(sources(root, "app")):
        rel = os.path.relpath(path, root)
        parts = rel.split(os.sep)
        with open(path, encoding="utf-8", errors="replace") as f:
            for lineno, line in enumerate(f, 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                inc = m.group(1)
                where = f"{rel}:{lineno}: includes {inc}"
                if inc.startswith("app/") and parts[0] != "app":
                    problems.append(f"{where} (nothing may depend on app/)")
                if parts[0] == "engine":
                    if QT.match(inc):
                        problems.append(f"{where} (engine/ must not use Qt)")
                    if inc.startswith(("widgets/", "app/")):
                        problems.append(f"{where} (engine/ must not see widgets/ or app/)")
                    if inc.startswith("engine/"):
                        src, dst = parts[1], inc.split("/")[1]
                        if src in LEVELS and dst in LEVELS and src != dst:
                            if LEVELS[dst] >= LEVELS[src]:
                                problems.append(f"{where} (level {LEVELS[src]} may not use level {LEVELS[dst]})")
                            if src in CLIENT_ONLY and dst == "cluster":
                                problems.append(f"{where} ({src}/ sees the cluster only through client/)")
                elif parts[0] == "widgets" and inc.startswith("engine/"):
                    if len(parts) < 2 or parts[1] != "models":
                        problems.append(f"{where} (only widgets/models/ may include engine headers)")
    for p in problems:
        print(p)
    print(f"layering: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else os.getcwd()))
