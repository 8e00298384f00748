# An enterprise template set with only the volume template, assigned to an account.

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

resource "ibm_iam_policy_assignment" "volume_team" {
  version = "1.0"
  target = {
    type = "Account"
    id   = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"
  }
  templates {
    id      = ibm_iam_policy_template.volume.template_id
    version = ibm_iam_policy_template.volume.version
  }
}
