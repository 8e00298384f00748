#!/bin/sh
# Assignments, sudo, env, command, exec, time, nice, timeout and nohup in front of
# ibmcloud, and commands inside $(...) and if: all are checked ("command -v" runs nothing).
A=1 B="two words" ibmcloud iam authorization-policies --bogus
sudo -u root -E env -u HOME LANG=C ibmcloud iam authorization-policies --outptu json
command ibmcloud iam authorization-policy-delete abc --forse
exec /usr/local/bin/ibmcloud iam authorization-policy-template-version-commit T 1 --yes
if ibmcloud iam authorization-policy-create is is Operator --source-resource-type backup-policy --bogus-flag; then :; fi
x=$(ibmcloud iam authorization-policy-create is is Editor --target-resource-typo share)
time -p nice -n 5 timeout -s KILL 30 nohup ibmcloud iam authorization-policy-assignment-create T 1 --target-type Acount --target abc
command -v ibmcloud >/dev/null
ibmcloud iam authorization-policy-template-version-commit T 1 >/dev/null 2>&1 || true
ibmcloud iam authorization-policy-delete "$id" -f 2>>errors.log &
{ ibmcloud iam authorization-policies --output json; } | jq length
(ibmcloud iam authorization-policies --output json) &>/dev/null
