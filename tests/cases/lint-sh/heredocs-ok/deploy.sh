#!/usr/bin/env bash
# Here-documents of every kind; nothing in their bodies is a command.
set -euo pipefail
work=$(mktemp -d)
cat >"$work/volume.json" <<'JSON'
{"type": "authorization", "description": "it's -H not a flag",
 "x": "ibmcloud iam authorization-policy-create is is Bogus --nope"}
JSON
cat <<EOF >"$work/notes.txt"
Account: $ACCOUNT_ID, today $(date +%F)
  -X this line starts with a flag but is a body line
EOF
	cat <<-	"END" | sed 's/^/> /'
	ibmcloud iam authorization-policy-create x y z --bogus
	END
cat <<A <<'B' ; echo "two heredocs on one line"
first body ' unbalanced " quotes
A
second body `backquote
B
result=$(cat <<INNER
inside a command substitution )
INNER
)
tr a-z A-Z <<<"here string, not a here-document"
while read -r line; do echo "$line"; done <<EOF2
--flag-looking line
EOF2
cat <<'E O F'
spaces in the delimiter
E O F
ibmcloud iam authorization-policy-create --file "$work/volume.json"
echo "$result"
