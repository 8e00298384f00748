#!/usr/bin/env zsh
# tests/scripts/completion-zsh.zsh - the zsh runner of completion.sh: completes each line of
# SCRATCH/lines with completions/_authzc in a real interactive zsh (on a pseudo-terminal from
# zsh/zpty), from the current folder, and prints the matches of each line and then '<<end>>'.
# Each line is typed with a key bound to a widget that runs complete-word; a compadd wrapper
# appends every match to a file; the widget then writes '<<end>>' and clears the line. The
# runner waits for the marker, at most 20 s a line.
#   zsh -f completion-zsh.zsh SRCDIR SCRATCH      (authzc is found on PATH)
emulate -L zsh
setopt no_unset
local src=$1 work=$2
zmodload zsh/zpty || { print -u2 "zsh/zpty is missing"; exit 2 }
local hits=$work/zsh-hits

zpty z zsh -f -i
local -a setup=(
  "PS1='' PS2='' RPS1=''"
  "fpath=($src/completions \$fpath)"
  "unsetopt auto_list auto_menu list_ambiguous; setopt no_beep"
  "autoload -Uz compinit && compinit -u -D"
  "compadd() { if (( \${@[(I)-[ADO]*]} )); then builtin compadd \"\$@\"; return; fi;"
  "  local -a h; builtin compadd -A h \"\$@\"; print -rl -- \$h >> $hits; builtin compadd \"\$@\" }"
  "az-capture() { zle complete-word; print -r -- '<<end>>' >> $hits; BUFFER=''; zle -R }"
  "zle -N az-capture; bindkey '^T' az-capture"
)
local l chunk i
for l in $setup; do zpty -w z "$l"; done
while IFS= read -r l; do
  : > $hits
  zpty -w -n z "$l"$'\x14'
  for (( i = 0; i < 400; i++ )); do
    while zpty -r -t z chunk 2>/dev/null; do :; done
    grep -qx '<<end>>' $hits 2>/dev/null && break
    sleep 0.05
  done
  if ! grep -qx '<<end>>' $hits; then
    print -u2 "zsh did not complete '$l' within 20 s"
    exit 1
  fi
  grep -vx '<<end>>' $hits | sort -u
  print -r -- '<<end>>'
done < $work/lines
zpty -d z
