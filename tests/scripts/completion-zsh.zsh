#!/usr/bin/env zsh
# tests/scripts/completion-zsh.zsh - runs completions/_authzc in a real interactive zsh (on a
# pseudo-terminal from zsh/zpty) and checks what it offers. Each case types a command line
# and a key bound to a widget that runs complete-word; a compadd wrapper appends every match
# to a file, the widget then writes an end marker and clears the line. The driver waits for
# the marker (bounded: 20 s a case) and compares the matches with what must and must not be
# offered. Called by completion.sh: zsh -f completion-zsh.zsh AUTHZC SRCDIR SCRATCH
emulate -L zsh
setopt err_return no_unset
local bin=$1 src=$2 work=$3
zmodload zsh/zpty || { print -u2 "zsh/zpty is missing"; exit 77 }
local hits=$work/zsh-hits
mkdir -p $work/files/sub && cd $work/files
: > a.authz; : > b.yaml; : > c.yml; : > d.json; : > e.tf; : > f.sh; : > g.txt; : > sub/x.authz

zpty z zsh -f -i
local -a setup=(
  "PS1='' PS2='' RPS1=''"
  "path=(${bin:h} \$path); fpath=($src/completions \$fpath)"
  "unsetopt auto_list auto_menu list_ambiguous; setopt no_beep"
  "autoload -Uz compinit && compinit -u -D"
  "compadd() { if (( \${@[(I)-[ADO]*]} )); then builtin compadd \"\$@\"; return; fi;"
  "  local -a h; builtin compadd -A h \"\$@\"; print -rl -- \$h >> $hits; builtin compadd \"\$@\" }"
  "az-capture() { zle complete-word; print -r -- '<<end>>' >> $hits; BUFFER=''; zle -R }"
  "zle -N az-capture; bindkey '^T' az-capture"
)
local l
for l in $setup; do zpty -w z "$l"; done

local failed=0 out chunk
# complete LINE: the matches completion offers at the end of LINE, one a line, in $out.
complete() {
  : > $hits
  zpty -w -n z "$1"$'\x14'
  local i
  for (( i = 0; i < 400; i++ )); do
    while zpty -r -t z chunk 2>/dev/null; do :; done
    grep -qx '<<end>>' $hits 2>/dev/null && break
    sleep 0.05
  done
  if ! grep -qx '<<end>>' $hits; then
    print -u2 "FAIL: no completion within 20 s for: $1"
    exit 1
  fi
  out=$(grep -vx '<<end>>' $hits | sed 's:/$::' | sort -u)
}
# expect LINE 'MUST...' ['MUST NOT...']
expect() {
  complete "$1"
  local w
  for w in ${=2}; do
    if ! print -r -- "$out" | grep -qxF -- "$w"; then
      print -u2 "FAIL: '$1<TAB>' does not offer '$w'; it offers: ${(f)out}"; failed=1
    fi
  done
  for w in ${=3:-}; do
    if print -r -- "$out" | grep -qxF -- "$w"; then
      print -u2 "FAIL: '$1<TAB>' offers '$w', which it must not"; failed=1
    fi
  done
  (( failed )) || print "ok: '$1<TAB>' -> ${(j:, :)${(f)out}}"
}

expect 'authzc ' 'check compile lint explain rules fmt schema import plan'
expect 'authzc --' '--help --version'
expect 'authzc lint --f' '--fail-on --format' '--fmt --lang'
expect 'authzc compile --' '--target --output --account-id --lang --format --max-errors --werror --max-input-size --help' '--intent --fail-on'
expect 'authzc compile -t ' 'terraform cli json json-v2' 'sarif'
expect 'authzc check --format ' 'text json sarif github'
expect 'authzc rules --format ' 'text json' 'sarif github'
expect 'authzc lint --fail-on ' 'error warning'
expect 'authzc check --lang ' 'dsl yaml'
# The IDs come from the authzc being completed.
ids=$($bin explain --list | awk '$1 ~ /^AZ30/ {print $1}')
[[ -n $ids ]] || { print -u2 "FAIL: explain --list has no AZ30x"; exit 1 }
expect 'authzc explain AZ30' "$ids" 'AZ100 AZ501'
expect 'authzc check ' 'a.authz b.yaml c.yml sub' 'd.json e.tf f.sh g.txt'
expect 'authzc compile -t json ' 'a.authz b.yaml c.yml sub' 'd.json g.txt'
expect 'authzc lint ' 'd.json e.tf f.sh sub' 'a.authz b.yaml g.txt'
expect 'authzc lint --intent ' 'a.authz b.yaml c.yml' 'd.json e.tf'
# In a folder zsh offers the name after the folder prefix.
expect 'authzc check sub/' 'x.authz'
zpty -d z
exit $failed
