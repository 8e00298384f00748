#!/bin/sh
# run_case.sh AUTHZC CASE_DIR - runs one golden case and compares its results.
#
# A case is a folder (tests/cases/SUITE/NAME/) holding:
#   cmd              the arguments to authzc, one line, shell words (files are relative
#                    to the case folder; the run happens in a scratch copy of it)
#   stdin            optional: fed to standard input (else /dev/null)
#   expected.stdout  what standard output must be   (missing: must be empty)
#   expected.stderr  what standard error must be    (missing: must be empty)
#   expected.exit    the exit status                (missing: 0)
#   expected.out/    optional: the folder `out` the run must leave, file by file
#   no-output        optional: the run must leave no file or folder besides the inputs
#   setup            optional: a sh script run in the scratch copy first, to generate large
#                    inputs instead of committing them
# AZ_UPDATE_GOLDEN=1 rewrites the expected files from the actual run (read the diff!).
# AZ_VALGRIND=1 runs authzc under valgrind (leaks and errors fail the case).
set -eu
LC_ALL=C
export LC_ALL
unset NO_COLOR || true
authzc=$1
case $authzc in /*) ;; */*) authzc=$PWD/$authzc ;; esac
case_dir=$(cd "$2" && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/authzc-case.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM
cp -R "$case_dir/." "$scratch/"
rm -rf "$scratch/expected.out"
cd "$scratch"
if [ -f setup ]; then sh ./setup; fi
before=$(find . -mindepth 1 | sort)

wrap=""
if [ "${AZ_VALGRIND:-0}" = 1 ]; then
    wrap="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect"
fi
input=/dev/null
[ -f stdin ] && input=stdin
set +e
# shellcheck disable=SC2046,SC2086
eval "set -- $(cat cmd)"
$wrap "$authzc" "$@" <"$input" >actual.stdout 2>actual.stderr
status=$?
set -e
echo "$status" >actual.exit

fail=0
compare() { # expected-file actual-file
    if [ "${AZ_UPDATE_GOLDEN:-0}" = 1 ]; then
        keep=0
        if [ "$1" = expected.exit ]; then
            [ "$(cat "$2")" = 0 ] || keep=1
        elif [ -s "$2" ]; then
            keep=1
        fi
        if [ $keep = 1 ]; then cp "$2" "$case_dir/$1"; else rm -f "$case_dir/$1"; fi
        return 0
    fi
    if [ -f "$case_dir/$1" ]; then
        if ! diff -u "$case_dir/$1" "$2"; then fail=1; fi
    else
        if [ "$1" = expected.exit ]; then
            if [ "$(cat "$2")" != 0 ]; then
                echo "exit status $(cat "$2"), expected 0"; fail=1
            fi
        elif [ -s "$2" ]; then
            echo "unexpected $1 (no golden file):"; cat "$2"; fail=1
        fi
    fi
}
compare expected.stdout actual.stdout
compare expected.stderr actual.stderr
compare expected.exit actual.exit

if [ -d "$case_dir/expected.out" ] || { [ "${AZ_UPDATE_GOLDEN:-0}" = 1 ] && [ -d out ]; }; then
    if [ "${AZ_UPDATE_GOLDEN:-0}" = 1 ]; then
        rm -rf "$case_dir/expected.out"
        cp -R out "$case_dir/expected.out"
    elif ! diff -ru "$case_dir/expected.out" out; then
        fail=1
    fi
fi
if [ -f "$case_dir/no-output" ]; then
    after=$(find . -mindepth 1 ! -name 'actual.*' | sort)
    if [ "$before" != "$after" ]; then
        echo "the run left files behind although it must write nothing:"
        echo "$after" | grep -vxF "$before" || true
        fail=1
    fi
fi
[ "$status" -ne 99 ] || { echo "valgrind reported errors"; fail=1; }
exit $fail
