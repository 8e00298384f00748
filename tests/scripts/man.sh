#!/usr/bin/env bash
# tests/scripts/man.sh - the man pages built from doc/man/*.scd:
#   man.sh AUTHZC SRCDIR MANDIR
# 1. every page is `mandoc -T lint` clean (no message at any level, style included);
# 2. the options each page documents (its OPTIONS section) are the options that command's
#    --help documents (its option lines, and the options in its 'authzc CMD ...' phrases),
#    both ways. A page whose command this authzc does not have (its --help fails) is
#    skipped with a message; -h/--help is implied on both sides (every command has it).
# Exit 77 (skipped) when mandoc or the pages (scdoc) are missing.
set -euo pipefail
authzc=$1 src=$2 mandir=$3
command -v mandoc >/dev/null || { echo "SKIP: mandoc is not installed (apt-get install mandoc)"; exit 77; }
command -v python3 >/dev/null || { echo "SKIP: python3 is not installed"; exit 77; }
shopt -s nullglob
pages=("$mandir"/*.1)
[[ ${#pages[@]} -gt 0 ]] || { echo "SKIP: no man pages in $mandir (scdoc missing at build time?)"; exit 77; }
sources=("$src"/doc/man/*.scd)
if [[ ${#pages[@]} -ne ${#sources[@]} ]]; then
    echo "FAIL: ${#sources[@]} pages in doc/man but ${#pages[@]} built in $mandir" >&2
    exit 1
fi

failed=0
for page in "${pages[@]}"; do
    name=$(basename "$page" .1)
    lint=$(mandoc -T lint "$page" 2>&1) || true
    if [[ -n $lint ]]; then
        echo "FAIL: mandoc -T lint $name.1:" >&2
        echo "$lint" >&2
        failed=1
    fi
    cmd=${name#authzc}
    cmd=${cmd#-}
    # shellcheck disable=SC2086 # no command: authzc --help
    if ! help=$("$authzc" $cmd --help 2>&1); then
        echo "SKIP: $name.1: 'authzc $cmd --help' does not exist on this build; its options are not compared"
        continue
    fi
    if ! python3 - "$page" "$cmd" "$help" <<'PY'
import re, sys
page, cmd, help_text = sys.argv[1], sys.argv[2], sys.argv[3]
OPT = r"(?<![\w-])(--?[A-Za-z][\w-]*)"

def man_options(path):
    """The options of the terms of the OPTIONS section (the lines before each .RS)."""
    lines = open(path, encoding="utf-8").read().split("\n")
    opts, inside = set(), False
    for i, line in enumerate(lines):
        if line.startswith(".SH "):
            inside = line.strip() == ".SH OPTIONS"
            continue
        if inside and line.startswith(".RS") and i > 0:
            term = re.sub(r"\\f[BIRP]|\\&", "", lines[i - 1])
            for part in term.split(", "):
                m = re.match(r"(--?[A-Za-z][\w-]*)", part)
                if m:
                    opts.add(m.group(1))
    return opts

def help_options(text, cmd):
    opts = set()
    for line in text.split("\n"):
        # Option lines: "  -t, --target TARGET   description" or "  --werror  description".
        m = re.match(r"^ {2,}((?:--?[A-Za-z][\w-]*)(?:, --?[A-Za-z][\w-]*)*)(?: |$)", line)
        if m:
            opts.update(p for p in m.group(1).split(", "))
        # Phrases: "usage: authzc lint [options] [--intent FILE]...", "'authzc explain --list'".
        head = "authzc " + cmd + " " if cmd else "authzc -"
        for start in [m.start() for m in re.finditer(re.escape(head), line)]:
            phrase = re.split(r"['\"]", line[start + len("authzc"):])[0]
            opts.update(re.findall(OPT, phrase))
    return opts

implied = {"-h", "--help"}
man = man_options(page) | implied
hlp = help_options(help_text, cmd) | implied
if man != hlp:
    if man - hlp:
        print(f"FAIL: {page}: documented in the man page, not in --help: {sorted(man - hlp)}",
              file=sys.stderr)
    if hlp - man:
        print(f"FAIL: {page}: in --help, not documented in the man page: {sorted(hlp - man)}",
              file=sys.stderr)
    sys.exit(1)
print(f"ok: {page.rsplit('/', 1)[-1]}: {' '.join(sorted(man))}")
PY
    then
        failed=1
    fi
done
exit $failed
