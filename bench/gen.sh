#!/usr/bin/env bash
# gen.sh KIND N OUT [FIRST] - writes a large input for the benchmarks.
#   accounts N OUT.authz     N accounts, each `backup volumes, shares` and a `notify`
#                            (account IDs FIRST..FIRST+N-1, FIRST 1 by default)
#   accounts-yaml N OUT.yaml the same in YAML
#   children N OUT.authz     one enterprise with N children (backup volumes, shares)
#   templates N OUT.authz    one enterprise, one template assigned to N accounts
#   one 1 OUT.authz          a one-line intent
#   export N OUT.json        a live export of the N accounts of `accounts N` (the v1 list of
#                            `ibmcloud iam authorization-policies --output json`, with IAM's
#                            metadata, one policy per line): what `import` and `plan --live`
#                            read; every 10th account has Viewer on snapshot and no share
#                            policy, so the plan has changes to report
#   handwritten N OUTDIR     a lint corpus as people write it by hand: N teams, each with
#                            its own account and the five Backup for VPC authorizations of
#                            `backup volumes, shares` plus Event Notifications spread over a
#                            Terraform file (scalar source arguments, comments), a minified
#                            v1 JSON array, a tab-indented v2 body and an ibmcloud script;
#                            every 10th team spells a role in lowercase (Terraform) and
#                            every 10th from the 5th names a made-up target type (script),
#                            so lint has findings to report as well
#   plan N OUT.json          the Terraform plan (`terraform show -json`, one line as Terraform
#                            writes it) that creates what `compile -t terraform` writes for
#                            `accounts N`: format_version, planned_values and one
#                            resource_changes entry per policy, its arguments in change.after
#   lint-corpus N OUTDIR     the lint corpus: compiled-json/ (`compile -t json -o` of N
#                            accounts), compiled.tf (Terraform of N other accounts, so that
#                            nothing is a duplicate) and the N hand-written teams above;
#                            needs authzc ($AUTHZC, or authzc on PATH)
#   fixable N OUT.json       one JSON array of N v2 snapshot bodies (account i each), each with
#                            four findings `lint --fix` repairs (a subject attribute
#                            without operator, operators StringEquals and stringEqual,
#                            "stringExists": "true"): 4N fixes in one file
# IDs are derived from the index, so the same N always gives the same bytes.
set -euo pipefail
kind=$1
n=$2
out=$3
first=${4:-1}
case $kind in
  accounts)
    awk -v n="$n" -v first="$first" 'BEGIN {
      for (i = first; i < first + n; i++) {
        printf "account \"%032x\" {\n    backup volumes, shares\n", i
        printf "    notify \"%08x-0000-4000-8000-%012x\"\n}\n", i, i
      }
    }' >"$out" ;;
  accounts-yaml)
    awk -v n="$n" 'BEGIN {
      print "accounts:"
      for (i = 1; i <= n; i++) {
        printf "  - id: \"%032x\"\n    backup: [volumes, shares]\n", i
        printf "    notify: [\"%08x-0000-4000-8000-%012x\"]\n", i, i
      }
    }' >"$out" ;;
  children)
    awk -v n="$n" 'BEGIN {
      print "enterprise \"ffffffffffffffffffffffffffffffff\" {"
      for (i = 1; i <= n; i++)
        printf "    child \"%032x\" {\n        backup volumes, shares\n    }\n", i
      print "}"
    }' >"$out" ;;
  templates)
    awk -v n="$n" 'BEGIN {
      print "enterprise \"ffffffffffffffffffffffffffffffff\" {"
      print "    template \"backup-for-vpc\" {"
      print "        backup volumes, shares"
      for (i = 1; i <= n; i++)
        printf "        assign account \"%032x\"\n", i
      print "    }\n}"
    }' >"$out" ;;
  one)
    echo 'account current { backup all }' >"$out" ;;
  fixable)
    awk -v n="$n" 'BEGIN {
      print "["
      for (i = 1; i <= n; i++) {
        a = sprintf("%032x", i)
        printf "{\"type\": \"authorization\", \"subject\": {\"attributes\": [{\"key\": \"serviceName\", \"value\": \"is\"}, {\"key\": \"accountId\", \"operator\": \"stringEquals\", \"value\": \"%s\"}, {\"key\": \"resourceType\", \"operator\": \"StringEquals\", \"value\": \"backup-policy\"}]}, ", a
        printf "\"control\": {\"grant\": {\"roles\": [{\"role_id\": \"crn:v1:bluemix:public:iam::::role:Editor\"}]}}, "
        printf "\"resource\": {\"attributes\": [{\"key\": \"accountId\", \"operator\": \"stringEquals\", \"value\": \"%s\"}, {\"key\": \"serviceName\", \"operator\": \"stringEqual\", \"value\": \"is\"}, {\"key\": \"snapshotId\", \"operator\": \"stringExists\", \"value\": \"true\"}]}}%s\n", a, (i < n ? "," : "")
      }
      print "]"
    }' >"$out" ;;
  export)
    awk -v n="$n" 'function pol(i, k, attr, op, val, svc, roles,    a) {
        a = sprintf("%032x", i)
        printf "%s{\"id\": \"%08x-%04x-4000-8000-000000000000\", \"type\": \"authorization\", ", (sep++ ? ",\n" : ""), i, k
        printf "\"subjects\": [{\"attributes\": [{\"name\": \"accountId\", \"value\": \"%s\"}, {\"name\": \"serviceName\", \"value\": \"is\"}, {\"name\": \"resourceType\", \"value\": \"backup-policy\"}]}], ", a
        printf "\"roles\": [%s], ", roles
        printf "\"resources\": [{\"attributes\": [{\"name\": \"accountId\", \"operator\": \"stringEquals\", \"value\": \"%s\"}, {\"name\": \"serviceName\", \"operator\": \"stringEquals\", \"value\": \"%s\"}, {\"name\": \"%s\", \"operator\": \"%s\", \"value\": \"%s\"}]}], ", a, svc, attr, op, val
        printf "\"href\": \"https://iam.cloud.ibm.com/v1/policies/%08x-%04x-4000-8000-000000000000\", \"created_at\": \"2025-03-04T10:11:12.131Z\", \"created_by_id\": \"IBMid-55000ABCDE\", \"last_modified_at\": \"2025-03-04T10:11:12.131Z\", \"last_modified_by_id\": \"IBMid-55000ABCDE\", \"state\": \"active\"}", i, k
      }
      function role(crn, name) { return sprintf("{\"role_id\": \"%s\", \"display_name\": \"%s\", \"description\": \"IAM role\"}", crn, name) }
      BEGIN {
        op = role("crn:v1:bluemix:public:iam::::role:Operator", "Operator")
        ed = role("crn:v1:bluemix:public:iam::::role:Editor", "Editor")
        vi = role("crn:v1:bluemix:public:iam::::role:Viewer", "Viewer")
        sso = role("crn:v1:bluemix:public:is::::serviceRole:ShareSnapshotOperator", "Share Snapshot Operator")
        esm = role("crn:v1:bluemix:public:event-notifications::::serviceRole:Event-Source-Manager", "Event Source Manager")
        print "["
        for (i = 1; i <= n; i++) {
          pol(i, 1, "instanceId", "stringEquals", "*", "is", op)
          pol(i, 2, "volumeId", "stringExists", "true", "is", op)
          pol(i, 3, "snapshotId", "stringEquals", "*", "is", i % 10 ? ed : vi)
          pol(i, 4, "snapshotConsistencyGroupId", "stringEquals", "*", "is", ed)
          if (i % 10) pol(i, 5, "shareId", "stringEquals", "*", "is", ed ", " sso)
          pol(i, 6, "serviceInstance", "stringEquals", sprintf("%08x-0000-4000-8000-%012x", i, i), "event-notifications", esm)
        }
        print "\n]"
      }' >"$out" ;;
  plan)
    awk -v n="$n" 'function attr(k, v, op) {
        return sprintf("{\"name\":\"%s\",\"operator\":\"%s\",\"value\":\"%s\"}", k, op, v)
      }
      # The values of one ibm_iam_authorization_policy: what the plan shows in change.after
      # and planned_values (the provider fills operator; id and version come after apply).
      function values(a, desc, roles, rattrs) {
        return sprintf("{\"description\":\"%s\",\"resource_attributes\":[%s,%s,%s],\"resource_group_id\":null,\"roles\":[%s],\"source_resource_group_id\":null,\"source_service_account\":null,\"subject_attributes\":[%s,%s,%s],\"transaction_id\":null}",
          desc, attr("accountId", a, "stringEquals"), attr("serviceName", svc, "stringEquals"), rattrs, roles,
          attr("accountId", a, "stringEquals"), attr("serviceName", "is", "stringEquals"), attr("resourceType", "backup-policy", "stringEquals"))
      }
      # One policy: as a resource change (pass 1) or as a resource of planned_values (pass 2).
      function pol(i, key, desc, roles, rattr,    a, name, addr, v) {
        a = sprintf("%032x", i)
        name = sprintf("acct_%s_%s", a, key)
        addr = "ibm_iam_authorization_policy." name
        v = values(a, desc, roles, rattr)
        if (pass == 2)
          printf "%s{\"address\":\"%s\",\"mode\":\"managed\",\"type\":\"ibm_iam_authorization_policy\",\"name\":\"%s\",\"provider_name\":\"registry.terraform.io/ibm-cloud/ibm\",\"schema_version\":0,\"values\":%s,\"sensitive_values\":{\"resource_attributes\":[{},{},{}],\"roles\":[false],\"subject_attributes\":[{},{},{}]}}", (sep++ ? "," : ""), addr, name, v
        else
          printf "%s{\"address\":\"%s\",\"mode\":\"managed\",\"type\":\"ibm_iam_authorization_policy\",\"name\":\"%s\",\"provider_name\":\"registry.terraform.io/ibm-cloud/ibm\",\"change\":{\"actions\":[\"create\"],\"before\":null,\"after\":%s,\"after_unknown\":{\"id\":true,\"resource_attributes\":[{},{},{}],\"roles\":[false],\"subject_attributes\":[{},{},{}],\"version\":true},\"before_sensitive\":false,\"after_sensitive\":{\"resource_attributes\":[{},{},{}],\"roles\":[false],\"subject_attributes\":[{},{},{}]}}}", (sep++ ? "," : ""), addr, name, v
      }
      function account(i,    en) {
        svc = "is"
        pol(i, "instance", "Backup for VPC to Virtual Server for VPC", "\"Operator\"", attr("instanceId", "true", "stringExists"))
        pol(i, "volume", "Backup for VPC to Block Storage for VPC", "\"Operator\"", attr("volumeId", "true", "stringExists"))
        pol(i, "snapshot", "Backup for VPC to Block Storage Snapshots for VPC", "\"Editor\"", attr("snapshotId", "true", "stringExists"))
        pol(i, "snapshot_consistency_group", "Backup for VPC to Multi Volume Snapshots for VPC", "\"Editor\"", attr("snapshotConsistencyGroupId", "true", "stringExists"))
        pol(i, "share", "Backup for VPC to File Storage for VPC", "\"Editor\",\"Share Snapshot Operator\"", attr("shareId", "true", "stringExists"))
        en = sprintf("%08x-0000-4000-8000-%012x", i, i)
        svc = "event-notifications"
        pol(i, "event_notifications_" en, "Backup for VPC to Event Notifications instance " en, "\"Event Source Manager\"", attr("serviceInstance", en, "stringEquals"))
      }
      BEGIN {
        printf "{\"format_version\":\"1.2\",\"terraform_version\":\"1.7.5\",\"planned_values\":{\"root_module\":{\"resources\":["
        pass = 2
        for (i = 1; i <= n; i++)
          account(i)
        printf "]}},\"resource_changes\":["
        pass = 1
        sep = 0
        for (i = 1; i <= n; i++)
          account(i)
        printf "]}\n"
      }' >"$out" ;;
  handwritten)
    if [ -e "$out" ] && [ -n "$(ls -A "$out")" ]; then
      echo "gen.sh: '$out' exists and is not empty; give a new folder" >&2
      exit 2
    fi
    seq -f "$out/team-%05g/iam" 1 "$n" | xargs -r -d '\n' mkdir -p
    awk -v n="$n" -v dir="$out" '
      function subj_v1(a) {
        return "{\"attributes\":[{\"name\":\"accountId\",\"value\":\"" a "\"},{\"name\":" \
               "\"serviceName\",\"value\":\"is\"},{\"name\":\"resourceType\",\"value\":" \
               "\"backup-policy\"}]}"
      }
      function v1(a, role, key) {
        return "{\"type\":\"authorization\",\"subjects\":[" subj_v1(a) "],\"roles\":[{\"role_id\":" \
               "\"crn:v1:bluemix:public:iam::::role:" role "\"}],\"resources\":[{\"attributes\":[" \
               "{\"name\":\"accountId\",\"value\":\"" a "\"},{\"name\":\"serviceName\",\"value\":" \
               "\"is\"},{\"name\":\"" key "\",\"operator\":\"stringExists\",\"value\":\"true\"}]}]}"
      }
      function attr(f, k, v, last) {
        printf "\t\t\t{\"key\": \"%s\", \"operator\": \"stringEquals\", \"value\": \"%s\"}%s\n", \
               k, v, last ? "" : "," > f
      }
      function tf(f, name, a, key, role) {
        printf "# %s: Backup for VPC needs %s here.\n", name, role > f
        printf "resource \"ibm_iam_authorization_policy\" \"%s\" {\n", name > f
        printf "  source_service_name  = \"is\"\n  source_resource_type = \"backup-policy\"\n" > f
        printf "  source_service_account = \"%s\"\n\n", a > f
        printf "  resource_attributes {\n    name  = \"accountId\"\n    value = \"%s\"\n  }\n", a > f
        printf "  resource_attributes {\n    name  = \"serviceName\"\n    value = \"is\"\n  }\n" > f
        printf "  resource_attributes {\n    name     = \"%s\"\n    operator = \"stringExists\"\n", key > f
        printf "    value    = \"true\"\n  }\n  roles = [\"%s\"]\n}\n\n", role > f
      }
      BEGIN {
        for (i = 1; i <= n; i++) {
          a = sprintf("a0%030x", i)
          d = sprintf("%s/team-%05d", dir, i)
          f = d "/main.tf"
          printf "# Team %d: Backup for VPC, written by hand.\n\n", i > f
          tf(f, "backup_instances", a, "instanceId", "Operator")
          tf(f, "backup_volumes", a, "volumeId", i % 10 == 0 ? "operator" : "Operator")
          close(f)
          f = d "/iam/snapshots.json"
          print "[" v1(a, "Editor", "snapshotId") "," > f
          print v1(a, "Editor", "snapshotConsistencyGroupId") "]" > f
          close(f)
          f = d "/iam/share.json"
          printf "{\n\t\"type\": \"authorization\",\n\t\"subject\": {\n\t\t\"attributes\": [\n" > f
          attr(f, "accountId", a, 0); attr(f, "serviceName", "is", 0); attr(f, "resourceType", "backup-policy", 1)
          printf "\t\t]\n\t},\n\t\"resource\": {\n\t\t\"attributes\": [\n" > f
          attr(f, "accountId", a, 0); attr(f, "serviceName", "is", 0)
          printf "\t\t\t{\"key\": \"shareId\", \"operator\": \"stringExists\", \"value\": true}\n" > f
          printf "\t\t]\n\t},\n\t\"control\": {\"grant\": {\"roles\": [\n" > f
          printf "\t\t{\"role_id\": \"crn:v1:bluemix:public:is::::serviceRole:ShareSnapshotOperator\"},\n" > f
          printf "\t\t{\"role_id\": \"crn:v1:bluemix:public:iam::::role:Editor\"}\n\t]}}\n}\n" > f
          close(f)
          f = d "/setup.sh"
          printf "#!/usr/bin/env bash\n# Team %d: Event Notifications for Backup for VPC.\nset -euo pipefail\n", i > f
          printf "EN_INSTANCE_ID=%08x-0000-4000-8000-%012x\n\n", i, i > f
          printf "ibmcloud iam authorization-policy-create is event-notifications \"Event Source Manager\" \\\n" > f
          printf "    --source-service-account %s --source-resource-type backup-policy \\\n", a > f
          printf "    --target-service-instance-id \"$EN_INSTANCE_ID\"\n" > f
          if (i % 10 == 5)
            printf "ibmcloud iam authorization-policy-create is is Editor --source-resource-type backup-policy --target-resource-type snapshots\n" > f
          close(f)
        }
      }' ;;
  lint-corpus)
    authzc=${AUTHZC:-authzc}
    self=$(cd "$(dirname "$0")" && pwd)/gen.sh
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    bash "$self" handwritten "$n" "$out"
    bash "$self" accounts "$n" "$tmp/json.authz"
    bash "$self" accounts "$n" "$tmp/tf.authz" $((n + 1))
    "$authzc" compile -t json -o "$out/compiled-json" "$tmp/json.authz"
    "$authzc" compile -t terraform -o "$out/compiled.tf" "$tmp/tf.authz" ;;
  *)
    echo "gen.sh: unknown kind '$kind'" >&2; exit 2 ;;
esac
