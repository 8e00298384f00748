#!/usr/bin/env bash
# Functions, groups, case and friends; nothing to report.
set -euo pipefail

log() { printf '%s\n' "$*" >&2; }

function die {
    log "error: $*"
    exit 1
}

function create() {
    local src=$1 tgt=$2 roles=$3
    shift 3
    if ! out=$(ibmcloud iam authorization-policy-create "$src" "$tgt" "$roles" "$@" 2>&1); then
        case $out in
            *409*|*policy_conflict_error*) log "exists" ;;
            (*) die "$out" ;;
        esac
    fi
}

usage() (
    cat <<USAGE
usage: $0 [-h] ACCOUNT
USAGE
)

main() {
    local opt
    while getopts ':h' opt; do
        case $opt in
            h) usage; return 0 ;;
            \?) die "unknown option -$OPTARG" ;;
        esac
    done
    [[ $# -ge 1 && ${1:-} =~ ^[0-9a-f]{32}$ ]] || die "need an account ID"
    local -a flags=(
        --source-resource-type backup-policy   # the Backup service
        --target-resource-type "$2"
    )
    for (( i = 0; i < 3; i++ )); do
        { echo "try $i"; } >/dev/null
    done
    create is is Operator "${flags[@]}"
    ACCOUNT=$1 env LANG=C sudo -E ibmcloud iam authorization-policies --output json | jq length
    echo $(( ${#flags[@]} + 1 )) "$(echo "nested $(echo "deeper")")" >/dev/null
}

main "$@"
