#!/usr/bin/env bash
# tests/scripts/man.sh - the man pages built from doc/man/*.scd:
#   man.sh AUTHZC SRCDIR MANDIR
# 1. every page is `mandoc -T lint` clean (no message at any level, style included);
# 2. the options each page documents (its OPTIONS section) are the options that command's
#    --help documents (its option lines, and the options in its 'authzc CMD ...' phrases),
#    both ways (options.py parses both); -h/--help is implied on both sides (every command has it).
#    A page whose command has no --help fails;
# 3. every command of `authzc --help` has a page (authzc-CMD.1), and authzc.1 exists.
# Exit 77 (skipped) when mandoc or the pages (scdoc) are missing.
set -euo pipefail
authzc=$1 src=$2 mandir=$3
here=$(dirname "$0")
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
# shellcheck disable=SC2207 # one command name a line
commands=($("$authzc" --help | python3 "$here/options.py" commands))
[[ ${#commands[@]} -gt 0 ]] || { echo "FAIL: 'authzc --help' lists no commands" >&2; exit 1; }
for cmd in "" "${commands[@]}"; do
    name=authzc${cmd:+-$cmd}
    if [[ ! -f $mandir/$name.1 ]]; then
        echo "FAIL: no man page $name.1 for '${cmd:-authzc}' (add doc/man/$name.1.scd)" >&2
        failed=1
    fi
done
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
        echo "FAIL: $name.1: 'authzc $cmd --help' fails: a page for a command authzc does not have?" >&2
        failed=1
        continue
    fi
    man=$(python3 "$here/options.py" man "$page")
    hlp=$(python3 "$here/options.py" help "$cmd" <<<"$help")
    if [[ $man != "$hlp" ]]; then
        echo "FAIL: $name.1: its OPTIONS are not those of 'authzc $cmd --help'" \
             "(< only in the page, > only in --help):" >&2
        diff <(echo "$man") <(echo "$hlp") | grep '^[<>]' >&2 || true
        failed=1
    else
        echo "ok: $name.1: $(tr '\n' ' ' <<<"$man")"
    fi
done
exit $failed
