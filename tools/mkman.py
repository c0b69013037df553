#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Writes the ffa-sim(1) manual page from the binary's own help texts.

The page is built from `ffa-sim --help` and `ffa-sim help COMMAND` for every command `ffa-sim
list commands` names, so the manual says exactly what --help says. Usage:
    mkman.py FFA_SIM_BINARY OUTPUT.1 VERSION
"""
import re
import subprocess
import sys


def run(exe, *args):
    return subprocess.run([exe, *args], check=True, capture_output=True, text=True).stdout


def esc(text):
    text = text.replace("\\", "\\e")
    text = re.sub(r"^([.'])", r"\\&\1", text)
    return text.replace("-", "\\-")


def render(text, out):
    """Turns one help text into man markup: option lists become .TP items, the rest
    paragraphs."""
    lines = text.rstrip("\n").split("\n")
    i = 0
    para = []

    def flush():
        if para:
            out.append(".PP")
            out.append(esc(" ".join(l.strip() for l in para)))
            para.clear()

    while i < len(lines):
        line = lines[i]
        m = re.match(r"^  (\S.*?)(?:\s{2,}(\S.*))?$", line)
        if line.strip() == "":
            flush()
        elif m and not line.startswith("   "):
            flush()
            term, desc = m.group(1), m.group(2) or ""
            body = [desc] if desc else []
            while i + 1 < len(lines) and re.match(r"^ {4,}\S", lines[i + 1]):
                i += 1
                body.append(lines[i].strip())
            out.append(".TP")
            out.append("\\fB" + esc(term) + "\\fR")
            out.append(esc(" ".join(body)))
        elif line.endswith(":") and not line.startswith(" "):
            flush()
            out.append(".PP")
            out.append("\\fI" + esc(line) + "\\fR")
        else:
            para.append(line)
        i += 1
    flush()


def main():
    exe, output, version = sys.argv[1], sys.argv[2], sys.argv[3]
    main_help = run(exe, "--help")
    commands = run(exe, "list", "commands").split()
    out = [
        '.\\" SPDX-License-Identifier: BSD-3-Clause',
        '.\\" Generated from the help texts of ffa-sim by tools/mkman.py; edit those instead.',
        '.TH FFA\\-SIM 1 "" "ffa-sim %s" "User Commands"' % version,
        ".SH NAME",
        "ffa\\-sim \\- FF\\-A ABI emulator and SPMC simulator",
        ".SH SYNOPSIS",
        ".nf",
    ]
    synopsis = []
    for cmd in commands:
        if cmd == "help":
            continue
        usage = run(exe, "help", cmd).split("\n\n")[0]
        synopsis.append(usage.replace("usage: ", ""))
    out.append(esc("\n".join(synopsis)))
    out.append(".fi")
    out.append(".SH DESCRIPTION")
    render(main_help.split("\n\n", 1)[1], out)
    out.append(".SH COMMANDS")
    for cmd in commands:
        if cmd == "help":
            continue
        text = run(exe, "help", cmd)
        out.append(".SS " + esc("ffa-sim " + cmd))
        render(text.split("\n\n", 1)[1] if "\n\n" in text else "", out)
    out.append(".SH FILES")
    out.append(".TP")
    out.append("\\fIPREFIX/share/ffa\\-sim/\\fR")
    out.append(esc("shipped platforms, systems and scenario corpora, found by name "
                   "(--platform NAME, replay --corpus NAME); $FFA_SIM_DATADIR overrides it."))
    out.append(".SH SEE ALSO")
    out.append(esc("The documents in PREFIX/share/doc/ffa-sim, and ffa-sim-guest.pc for "
                   "building guests with the SDK."))
    with open(output, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
