# completions/authzc.bash - bash completion for authzc: commands, each command's options, the
# values of -t/--target, --format, --lang, --fail-on and --color, commands after `help`,
# diagnostic IDs after `explain` (from
# `authzc explain --list`), and files by kind (.authz/.yaml/.yml for intents; .json, .tf, .sh,
# .bash and folders for lint). Installed as share/bash-completion/completions/authzc; works
# without the bash-completion package too (`source` it).

# _authzc_files EXT... : the files under the current word that end in .EXT, and folders.
_authzc_files()
{
    local f e
    COMPREPLY=()
    while IFS= read -r f; do
        if [[ -d $f ]]; then
            COMPREPLY+=("$f")
            continue
        fi
        for e in "$@"; do
            if [[ $f == *."$e" ]]; then
                COMPREPLY+=("$f")
                break
            fi
        done
    done < <(compgen -f -- "$cur")
    # As file names: quoted, and a folder gets a '/' and no space so completion goes on inside.
    compopt -o filenames 2>/dev/null
}

# _authzc_words "WORD..." : the words that start with the current word.
_authzc_words()
{
    mapfile -t COMPREPLY < <(compgen -W "$1" -- "$cur")
}

_authzc()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local commands="check compile lint explain rules fmt schema import plan help"
    local cmd="" i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
            -*) ;;
            *) cmd=${COMP_WORDS[i]}; break ;;
        esac
    done
    COMPREPLY=()
    if [[ -z $cmd ]]; then
        _authzc_words "$commands --help --version"
        return 0
    fi

    # The value of an option.
    case $prev in
        -t | --target)
            [[ $cmd == compile ]] && _authzc_words "terraform cli json json-v2"
            return 0 ;;
        --format)
            case $cmd in
                rules | plan) _authzc_words "text json" ;;
                *) _authzc_words "text json sarif github" ;;
            esac
            return 0 ;;
        --lang)
            case $cmd in
                lint) _authzc_words "json tf sh" ;;
                *) _authzc_words "dsl yaml" ;;
            esac
            return 0 ;;
        --fail-on) _authzc_words "error warning"; return 0 ;;
        --color) _authzc_words "auto always never"; return 0 ;;
        --intent) _authzc_files authz yaml yml; return 0 ;;
        --live) _authzc_files json; return 0 ;;
        -o | --output | --ignore-file)
            mapfile -t COMPREPLY < <(compgen -f -- "$cur")
            compopt -o filenames 2>/dev/null
            return 0 ;;
        --max-errors | --max-input-size | --account-id | --wait) return 0 ;;
    esac

    local opts
    case $cmd in
        check) opts="--lang --format --max-errors --werror --allow-empty --fail-on --color --max-input-size --help" ;;
        compile) opts="--target --output --module --wait --account-id --live --lang --format --max-errors --werror --allow-empty --color --max-input-size --help" ;;
        lint) opts="--intent --format --lang --fail-on --werror --color --ignore-file --max-errors --max-input-size --fix --diff --fix-dry-run --help" ;;
        explain) opts="--list --help" ;;
        rules) opts="--format --help" ;;
        fmt) opts="--check --diff --help" ;;
        schema) opts="--help" ;;
        import) opts="--lang --output --max-input-size --help" ;;
        plan) opts="--live --format --lang --max-input-size --help" ;;
        help) [[ $cur == -* ]] || _authzc_words "${commands% help}"; return 0 ;;
        *) return 0 ;;
    esac
    if [[ $cur == -* ]]; then
        _authzc_words "$opts"
        return 0
    fi

    case $cmd in
        check | compile) _authzc_files authz yaml yml ;;
        fmt) _authzc_files authz ;;
        lint) _authzc_files json tf sh bash ;;
        import) _authzc_files json ;;
        plan) _authzc_files authz yaml yml json ;;
        explain)
            # The IDs of the authzc being completed (the first word), one a line.
            local ids
            ids=$("${COMP_WORDS[0]}" explain --list 2>/dev/null | while read -r id _; do printf '%s\n' "$id"; done)
            _authzc_words "$ids" ;;
    esac
    return 0
}
complete -F _authzc authzc
