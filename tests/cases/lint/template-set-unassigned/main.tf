# A template nobody assigns in this folder is no account's set: no companion finding.

resource "ibm_iam_policy_template" "volume" {
  name      = "vpc-backup-volume"
  committed = true
  policy {
    type  = "authorization"
    roles = ["Operator"]
    subject {
      attributes {
        key      = "serviceName"
        operator = "stringEquals"
        value    = "is"
      }
      attributes {
        key      = "resourceType"
        operator = "stringEquals"
        value    = "backup-policy"
      }
    }
    resource {
      attributes {
        key      = "serviceName"
        operator = "stringEquals"
        value    = "is"
      }
      attributes {
        key      = "volumeId"
        operator = "stringExists"
        value    = "true"
      }
    }
  }
}
