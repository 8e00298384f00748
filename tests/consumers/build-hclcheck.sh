#!/usr/bin/env bash
# build-hclcheck.sh OUTDIR — builds the independent Terraform consumer
# tests/consumers/hclcheck into OUTDIR/hclcheck.
#
# Offline build: GOPATH mode against the Debian-packaged Go libraries in
# /usr/share/gocode (golang-github-hashicorp-hcl-v2-dev and its dependencies),
# no module proxy, no network. GOCACHE lives in a temporary directory under
# OUTDIR, so the build works as any user (no writes to $HOME).
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then
    echo "usage: $0 OUTDIR" >&2
    exit 2
fi

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
gopath=${HCLCHECK_GOPATH:-/usr/share/gocode}

if ! command -v go >/dev/null 2>&1; then
    echo "build-hclcheck: 'go' not found; install the Debian package golang-go" >&2
    exit 1
fi
for pkg in github.com/hashicorp/hcl/v2 github.com/zclconf/go-cty/cty \
           github.com/apparentlymart/go-textseg github.com/agext/levenshtein \
           github.com/mitchellh/go-wordwrap golang.org/x/text; do
    if [ ! -d "$gopath/src/$pkg" ]; then
        echo "build-hclcheck: Go package $pkg not found under $gopath/src;" \
             "install golang-github-hashicorp-hcl-v2-dev (and its dependencies)" >&2
        exit 1
    fi
done

mkdir -p "$1"
outdir=$(cd "$1" && pwd)
tmp=$(mktemp -d "$outdir/.hclcheck-build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# GOPATH mode needs the main package outside GOPATH or as a plain directory:
# build from a copy so nothing is written into the source tree.
cp "$here"/hclcheck/*.go "$tmp/"
(
    cd "$tmp"
    env GO111MODULE=off GOPATH="$gopath" GOCACHE="$tmp/gocache" GOFLAGS= \
        GOPROXY=off GOTOOLCHAIN=local CGO_ENABLED=0 \
        go build -o "$outdir/hclcheck" ./*.go
)
echo "built $outdir/hclcheck"
