#!/usr/bin/env python3
"""help_to_man.py PROGRAM VERSION OUTPUT.1.gz: writes a man page for PROGRAM from its own --help,
so the page never disagrees with the program. Run at build time on the freshly built binary with
HOME set to "~" (defaults that depend on the user's home read as ~/.local/share/..., not the
builder's home). The output is gzip'd reproducibly (no timestamp), as Debian wants."""
import datetime
import gzip
import os
import re
import subprocess
import sys

OPTION = re.compile(r"^  (?:-(\w), )?\s*--([\w-]+)(?: (\S+))?\s{2,}(.*)$")


def roff(text):
    return text.replace("\\", "\\e").replace("-", "\\-")


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    program, version, output = sys.argv[1:]
    name = os.path.basename(program)
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env["HOME"] = "~"
    text = subprocess.run([program, "--help"], capture_output=True, text=True, env=env,
                          check=True).stdout
    lines = text.splitlines()
    if len(lines) < 3 or not lines[0].startswith("Usage: "):
        print(f"help_to_man: unexpected --help output from {name}", file=sys.stderr)
        return 1
    usage = lines[0][len("Usage: "):]
    summary = lines[1]
    short = summary.split(". ")[0].split(": ")[-1].rstrip(".")
    date = datetime.datetime.fromtimestamp(
        int(os.environ.get("SOURCE_DATE_EPOCH", "0")) or os.stat(program).st_mtime,
        datetime.timezone.utc).strftime("%Y-%m-%d")
    out = [f'.TH {name.upper()} 1 "{date}" "Runnel {version}" "User Commands"',
           ".SH NAME", f"{roff(name)} \\- {roff(short)}",
           ".SH SYNOPSIS", f"\\fB{roff(name)}\\fR {roff(usage.split(' ', 1)[1] if ' ' in usage else '')}",
           ".SH DESCRIPTION", roff(summary), ".SH OPTIONS"]
    trailer = []
    in_options = False
    for line in lines[2:]:
        if line == "Options:":
            in_options = True
            continue
        m = OPTION.match(line) if in_options else None
        if m:
            short_name, long_name, value, help_text = m.groups()
            head = (f"\\fB\\-{short_name}\\fR, " if short_name else "") + f"\\fB\\-\\-{roff(long_name)}\\fR"
            if value:
                head += f" \\fI{roff(value)}\\fR"
            out += [".TP", head, roff(help_text)]
        elif line.strip():
            in_options = False
            trailer.append(line.strip())
    for line in trailer:
        if line.startswith("Exit status: "):
            out += [".SH EXIT STATUS", roff(line[len("Exit status: "):])]
        else:
            out += [".PP", roff(line)]
    out += [".SH FILES",
            "Data, the cluster and logs: \\fI~/.local/share/Runnel\\fR (or \\fI$XDG_DATA_HOME/Runnel\\fR).",
            ".SH SEE ALSO", "\\fBrunnel\\fR(1), \\fBrunnel\\-server\\fR(1), \\fBrunnel\\-sql\\fR(1), \\fBkcat\\fR(1)"]
    with open(output, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0,
                                                  compresslevel=9) as gz:
        gz.write(("\n".join(out) + "\n").encode())
    return 0


if __name__ == "__main__":
    sys.exit(main())
