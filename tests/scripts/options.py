#!/usr/bin/env python3
"""tests/scripts/options.py - the options a command documents, one a line, sorted:
    options.py help CMD < HELP-TEXT   in `authzc CMD --help` (CMD '' for `authzc --help`): the
                                      option lines ("  -t, --target TARGET  ...") and the
                                      options in its 'authzc CMD ...' phrases (usage lines,
                                      "'authzc explain --list'")
    options.py man PAGE.1             in the OPTIONS section of a man page built by scdoc
    options.py commands < HELP-TEXT   the commands listed by `authzc --help`
-h and --help are implied for every command (every command has --help).
Used by man.sh (a page documents its command's options) and completion.sh (the completions
offer them)."""
import re
import sys

OPT = r"(?<![\w-])(--?[A-Za-z][\w-]*)"
IMPLIED = {"-h", "--help"}


def help_options(text, cmd):
    opts = set(IMPLIED)
    head = "authzc " + cmd + " " if cmd else "authzc -"
    for line in text.split("\n"):
        m = re.match(r"^ {2,}((?:--?[A-Za-z][\w-]*)(?:, --?[A-Za-z][\w-]*)*)(?: |$)", line)
        if m:
            opts.update(m.group(1).split(", "))
        for found in re.finditer(re.escape(head), line):
            phrase = re.split(r"['\"]", line[found.start() + len("authzc"):])[0]
            opts.update(re.findall(OPT, phrase))
    return opts


def man_options(path):
    """The options of the terms of the OPTIONS section (the line before each .RS)."""
    lines = open(path, encoding="utf-8").read().split("\n")
    opts, inside = set(IMPLIED), False
    for i, line in enumerate(lines):
        if line.startswith(".SH "):
            inside = line.strip() == ".SH OPTIONS"
        elif inside and line.startswith(".RS") and i > 0:
            term = re.sub(r"\\f[BIRP]|\\&", "", lines[i - 1])
            for part in term.split(", "):
                m = re.match(r"(--?[A-Za-z][\w-]*)", part)
                if m:
                    opts.add(m.group(1))
    return opts


def commands(text):
    """The words that start the lines of the 'commands:' section."""
    found, inside = set(), False
    for line in text.split("\n"):
        if line.rstrip() == "commands:":
            inside = True
        elif inside and line and not line.startswith(" "):
            inside = False
        elif inside:
            m = re.match(r"^  ([a-z][a-z-]*)(?: |$)", line)
            if m and m.group(1) != "authzc":
                found.add(m.group(1))
    return found


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "help" and len(sys.argv) == 3:
        result = help_options(sys.stdin.read(), sys.argv[2])
    elif mode == "man" and len(sys.argv) == 3:
        result = man_options(sys.argv[2])
    elif mode == "commands":
        result = commands(sys.stdin.read())
    else:
        sys.exit(__doc__)
    print("\n".join(sorted(result)))
