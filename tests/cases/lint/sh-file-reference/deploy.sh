#!/bin/bash
set -euo pipefail
ibmcloud iam authorization-policy-create --file policies/share.json
ibmcloud iam authorization-policy-create --file policies/missing.json
