#!/usr/bin/env bash
# tests/scripts/package.sh - the Debian package: `cpack -G DEB` from the build folder gives
# a package that
#   - depends on libjansson4 and libyaml-0-2 (from dpkg-shlibdeps), all satisfied here;
#   - holds bin/authzc, the man pages, the completions where Debian's shells read them under
#     /usr, the examples, copyright and changelog;
#   - installs with dpkg into a scratch root (--root, so the machine is not touched), runs
#     from there, and removes cleanly;
#   - passes lintian with no error and no warning (informational tags are printed).
#   package.sh AUTHZC BUILDDIR SCRATCH SANITIZE
# Skipped (77) when dpkg-deb, dpkg-shlibdeps or lintian is missing, or for a sanitizer build
# (a package is made from a release build; ASan's runtime would be a dependency).
set -euo pipefail
authzc=$1 build=$2 work=$3 sanitize=${4:-OFF}
for tool in dpkg-deb dpkg-shlibdeps lintian; do
    command -v $tool >/dev/null || { echo "SKIP: $tool is not installed (apt-get install dpkg-dev lintian)"; exit 77; }
done
case $sanitize in ON | on | TRUE | true | 1)
    echo "SKIP: a sanitizer build is not packaged (configure without -DAZ_SANITIZE=ON)"; exit 77 ;;
esac
rm -rf "$work" && mkdir -p "$work"
work=$(realpath "$work")
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work" > "$work/cpack.log" 2>&1 ||
    { cat "$work/cpack.log" >&2; echo "FAIL: cpack -G DEB" >&2; exit 1; }
debs=("$work"/*.deb)
[[ ${#debs[@]} -eq 1 && -f ${debs[0]} ]] || { echo "FAIL: cpack made no single .deb" >&2; exit 1; }
deb=${debs[0]}
failed=0
fail() { echo "FAIL: $*" >&2; failed=1; }
version=$("$authzc" --version | awk '{print $2}')
[[ $(basename "$deb") == "authzc_${version}_$(dpkg --print-architecture).deb" ]] ||
    fail "package file name $(basename "$deb")"
[[ $(dpkg-deb -f "$deb" Package) == authzc ]] || fail "Package is not authzc"
[[ $(dpkg-deb -f "$deb" Version) == "$version" ]] || fail "Version is not $version"

# Depends: the two libraries, and every dependency satisfied on this machine.
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
IFS=',' read -ra deps <<<"$depends"
for lib in libjansson4 libyaml-0-2; do
    printf '%s\n' "${deps[@]}" | awk '{print $1}' | grep -x "$lib" >/dev/null || fail "Depends lacks $lib"
done
for dep in "${deps[@]}"; do
    # "libc6 (>= 2.34)" -> name, operator, version (alternatives are not used by shlibdeps)
    read -r name op ver <<<"$(tr -d '()' <<<"$dep")"
    have=$(dpkg-query -W -f='${Version}' "$name" 2>/dev/null) || { fail "$name is not installed here"; continue; }
    if [[ -n ${op:-} ]] && ! dpkg --compare-versions "$have" "$op" "$ver"; then
        fail "$name $have does not satisfy $op $ver"
    fi
done

# The files, at the paths Debian reads.
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./||' > "$work/contents"
for path in usr/bin/authzc usr/share/man/man1/authzc.1.gz usr/share/man/man1/authzc-lint.1.gz \
            usr/share/bash-completion/completions/authzc usr/share/zsh/vendor-completions/_authzc \
            usr/share/fish/vendor_completions.d/authzc.fish usr/share/doc/authzc/copyright \
            usr/share/doc/authzc/changelog.gz usr/share/doc/authzc/examples/account.authz; do
    grep -qx "$path" "$work/contents" || fail "the package lacks /$path"
done
if grep -v '^usr/' "$work/contents" | grep . >/dev/null; then
    fail "files outside /usr: $(grep -v '^usr/' "$work/contents" | tr '\n' ' ')"
fi

# Install into a scratch root, run, remove.
root=$work/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
: > "$root/var/lib/dpkg/status"
dpkg=(dpkg --root="$root" --force-not-root --log=/dev/null)
# --force-depends: the scratch root has no libc6 &c. (checked against this machine above).
if ! "${dpkg[@]}" --force-depends -i "$deb" > "$work/dpkg.log" 2>&1; then
    cat "$work/dpkg.log" >&2; fail "dpkg -i"
fi
got=$("$root/usr/bin/authzc" --version) || fail "the packaged authzc does not run"
[[ ${got:-} == "authzc $version" ]] || fail "packaged authzc --version: '${got:-}'"
"$root/usr/bin/authzc" check "$root/usr/share/doc/authzc/examples/account.authz" ||
    fail "the packaged authzc does not check its own example"
if ! "${dpkg[@]}" -r authzc > "$work/dpkg-r.log" 2>&1; then
    cat "$work/dpkg-r.log" >&2; fail "dpkg -r"
fi
[[ ! -e $root/usr/bin/authzc ]] || fail "dpkg -r left /usr/bin/authzc"

# lintian: errors and warnings fail; informational tags are shown.
if ! lintian --fail-on error,warning --tag-display-limit 0 -I "$deb" > "$work/lintian.log" 2>&1; then
    fail "lintian:"
fi
grep -v 'root privileges' "$work/lintian.log" || true
[[ $failed -eq 0 ]] && echo "ok: $(basename "$deb") ($(wc -l < "$work/contents") entries)"
exit $failed
