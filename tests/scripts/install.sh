#!/usr/bin/env bash
# tests/scripts/install.sh - `cmake --install` into a scratch DESTDIR with prefix /usr/local
# puts exactly these files in place, identical to their sources, and the installed authzc
# runs:
#   bin/authzc, share/man/man1/*.1.gz (one per doc/man/*.scd), the bash, zsh and fish
#   completions where those shells read them, share/authzc/authzc.schema.json (and
#   share/doc/authzc/schema, a link to it), share/doc/authzc/{examples/*,README.md,copyright,changelog.gz}
#   install.sh AUTHZC SRCDIR BUILDDIR SCRATCH
set -euo pipefail
authzc=$1 src=$2 build=$3 work=$4
rm -rf "$work" && mkdir -p "$work"
DESTDIR="$work/root" cmake --install "$build" --prefix /usr/local > "$work/install.log"
root=$work/root/usr/local
failed=0
fail() { echo "FAIL: $*" >&2; failed=1; }

# The files that must be installed, with the source each must be identical to ('-': none).
expected=("bin/authzc -"
          "share/bash-completion/completions/authzc $src/completions/authzc.bash"
          "share/zsh/site-functions/_authzc $src/completions/_authzc"
          "share/fish/vendor_completions.d/authzc.fish $src/completions/authzc.fish"
          "share/doc/authzc/README.md $src/README.md"
          "share/doc/authzc/copyright $src/packaging/copyright"
          "share/doc/authzc/changelog.gz -")
for f in "$src"/examples/*.authz "$src"/examples/*.yaml; do
    expected+=("share/doc/authzc/examples/$(basename "$f") $f")
done
if command -v scdoc >/dev/null; then
    for f in "$src"/doc/man/*.scd; do
        expected+=("share/man/man1/$(basename "$f" .scd).gz -")
    done
else
    echo "note: scdoc is not installed: no man pages were built, none are expected"
fi
"$authzc" schema > "$work/schema.json" || fail "authzc schema failed"
expected+=("share/authzc/authzc.schema.json $work/schema.json")

for e in "${expected[@]}"; do
    path=${e%% *} from=${e#* }
    if [[ ! -f $root/$path ]]; then
        fail "not installed: $path"
    elif [[ $from != - ]] && ! cmp -s "$from" "$root/$path"; then
        fail "$path differs from $from"
    fi
done
# Nothing else.
(cd "$root" && find . -type f | sed 's|^\./||' | sort) > "$work/installed"
printf '%s\n' "${expected[@]}" | cut -d' ' -f1 | sort > "$work/expected"
if ! diff -u "$work/expected" "$work/installed"; then
    fail "the installed files are not the expected ones (diff above)"
fi

# What is there works: the binary, the compressed files, the schema is JSON.
[[ -x $root/bin/authzc ]] || fail "bin/authzc is not executable"
want=$("$authzc" --version)
got=$("$root/bin/authzc" --version) || fail "the installed authzc does not run"
[[ $got == "$want" ]] || fail "installed authzc --version: '$got', not '$want'"
for gz in "$root"/share/man/man1/*.gz "$root/share/doc/authzc/changelog.gz"; do
    [[ -f $gz ]] && { gzip -t "$gz" || fail "$gz is not gzip"; }
done
python3 -m json.tool "$root/share/authzc/authzc.schema.json" > /dev/null ||
    fail "the installed schema is not JSON"
# An installed example's $schema= path leads to the installed schema.
for y in "$root"/share/doc/authzc/examples/*.yaml; do
    rel=$(sed -n '1s/^# yaml-language-server: \$schema=//p' "$y")
    [[ -n $rel && -f $(dirname "$y")/$rel ]] ||
        fail "$(basename "$y"): its \$schema path '$rel' does not lead to the installed schema"
done
# The completions are where the shells look under /usr/local.
if command -v zsh >/dev/null; then
    zsh -f -c 'print -l $fpath' | grep -x /usr/local/share/zsh/site-functions >/dev/null ||
        fail "zsh does not read /usr/local/share/zsh/site-functions"
fi
if [[ $failed -eq 0 ]]; then
    echo "ok: $(wc -l < "$work/installed") files installed under /usr/local as expected"
fi
exit $failed
