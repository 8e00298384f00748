#!/usr/bin/env bash
# tests/scripts/completion.sh - tests the completion for one shell in that real shell:
#   completion.sh bash|zsh|fish AUTHZC SRCDIR SCRATCH
# The shell completes each command line of completion-cases.tsv, and lines derived from
# authzc's --help (every command, every long option of each command), in a folder with files of
# every kind (bash: the completion function run with COMP_WORDS/COMP_CWORD as bash sets them;
# fish: `complete -C`; zsh: an interactive zsh on a pseudo-terminal, completion-zsh.zsh), and
# writes the matches of each line followed by a line '<<end>>'. This script compares them with
# what the line must and must not offer. Exit 77 (skipped) when the shell is not installed.
set -euo pipefail
shell=$1 authzc=$(realpath "$2") src=$(realpath "$3") work=$4
here=$src/tests/scripts
command -v "$shell" >/dev/null || { echo "SKIP: $shell is not installed (apt-get install $shell)"; exit 77; }

rm -rf "$work" && mkdir -p "$work/files/sub"
work=$(realpath "$work")
for f in a.authz b.yaml c.yml d.json e.tf f.sh g.txt sub/x.authz; do : > "$work/files/$f"; done
lines=()
musts=()
mustnots=()
while IFS=$'\t' read -r line must mustnot; do
    [[ -z $line || $line == '#'* ]] && continue
    lines+=("$line") musts+=("$must") mustnots+=("${mustnot:-}")
done < "$here/completion-cases.tsv"
# And from this authzc's own --help (options.py parses it), so that the completions keep up
# with the command line: `authzc <TAB>` offers every command, `authzc CMD --<TAB>` every long
# option of CMD (every command of `authzc --help`; one whose --help fails is a failure).
main_help=$("$authzc" --help)
commands=$(python3 "$here/options.py" commands <<<"$main_help")
[[ -n $commands ]] || { echo "FAIL: 'authzc --help' lists no commands" >&2; exit 1; }
lines+=("authzc ") musts+=("$(tr '\n' ' ' <<<"$commands")") mustnots+=("")
for cmd in $commands; do
    if ! help=$("$authzc" "$cmd" --help 2>/dev/null); then
        echo "FAIL: 'authzc $cmd --help' fails, though 'authzc --help' lists $cmd" >&2
        exit 1
    fi
    lines+=("authzc $cmd --") mustnots+=("")
    musts+=("$(python3 "$here/options.py" help "$cmd" <<<"$help" | grep -- '^--' | tr '\n' ' ')")
done
printf '%s\n' "${lines[@]}" > "$work/lines"

# Each runner reads $work/lines and writes the matches, blocks ended by '<<end>>', on stdout.
# `timeout` bounds a shell that would wait for input.
PATH="$(dirname "$authzc"):$PATH"
export PATH
cd "$work/files"
case $shell in
bash)
    # shellcheck disable=SC2016 # the script is bash's, with its own arguments
    timeout 60 bash --norc --noprofile -c '
        source "$1/completions/authzc.bash"
        while IFS= read -r line; do
            read -ra COMP_WORDS <<<"$line"
            [[ $line == *" " ]] && COMP_WORDS+=("")
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )) COMP_LINE=$line COMP_POINT=${#line}
            COMPREPLY=()
            _authzc authzc "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            [[ ${#COMPREPLY[@]} -gt 0 ]] && printf "%s\n" "${COMPREPLY[@]}"
            echo "<<end>>"
        done < "$2"' bash "$src" "$work/lines" > "$work/matches" ;;
fish)
    # shellcheck disable=SC2016 # the script is fish's, with its own arguments
    timeout 60 fish --no-config -c '
        source $argv[1]/completions/authzc.fish
        while read -l line
            complete -C"$line" | string replace -r "\t.*" ""
            echo "<<end>>"
        end < $argv[2]' "$src" "$work/lines" > "$work/matches" ;;
zsh)
    timeout 120 zsh -f "$here/completion-zsh.zsh" "$src" "$work" > "$work/matches" ;;
*)
    echo "usage: completion.sh bash|zsh|fish AUTHZC SRCDIR SCRATCH" >&2; exit 2 ;;
esac

# The matches of each line, by last path component: "sub/" -> "sub", "sub/x.authz" -> "x.authz".
mapfile -t raw < "$work/matches"
blocks=() cur=""
for m in "${raw[@]}"; do
    if [[ $m == '<<end>>' ]]; then blocks+=("$cur"); cur=""; continue; fi
    m=${m%/}; m=${m##*/}
    cur+=" $m"
done
if [[ ${#blocks[@]} -ne ${#lines[@]} ]]; then
    echo "FAIL: $shell answered ${#blocks[@]} of ${#lines[@]} command lines" >&2
    exit 1
fi

ids() { "$authzc" explain --list | awk -v p="$1" 'index($1, p) == 1 { print $1 }'; }
failed=0
for i in "${!lines[@]}"; do
    got=" ${blocks[i]} "
    must=${musts[i]}
    if [[ $must == @ids:* ]]; then
        must=$(ids "${must#@ids:}" | tr '\n' ' ')
        [[ -n $must ]] || { echo "FAIL: explain --list has no ${musts[i]#@ids:}" >&2; failed=1; }
    fi
    bad=""
    for w in $must; do [[ $got == *" $w "* ]] || bad+=" missing $w;"; done
    for w in ${mustnots[i]}; do [[ $got != *" $w "* ]] || bad+=" unexpected $w;"; done
    if [[ -n $bad ]]; then
        echo "FAIL: $shell '${lines[i]}<TAB>':$bad offered:${blocks[i]}" >&2
        failed=1
    else
        echo "ok: $shell '${lines[i]}<TAB>' ->${blocks[i]}"
    fi
done
exit $failed
