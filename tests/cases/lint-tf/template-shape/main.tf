# ibm_iam_policy_template: unknown and read-only arguments, a policy without type, a second
# policy block; `rule {}` (shown in the provider's documentation) is accepted as it is.
resource "ibm_iam_policy_template" "volume" {
  name        = "backup-for-vpc-volume"
  description = "Central Backup for VPC"
  committed   = true
  account_id  = "0123456789abcdef0123456789abcdef"
  commited    = true

  policy {
    description = "volumes"
    roles       = ["Operator"]
    subject {
      attributes {
        key      = "serviceName"
        operator = "stringEquals"
        value    = "is"
      }
      attributes {
        key   = "resourceType"
        value = "backup-policy"
      }
    }
    resource {
      attributes {
        key      = "serviceName"
        operator = "stringEquals"
        value    = "is"
      }
      attributes {
        name     = "volumeId"
        operator = "stringExists"
        value    = "true"
      }
    }
    rule {
      key      = "{{environment.attributes.day_of_week}}"
      operator = "dayOfWeekAnyOf"
      value    = ["1+00:00"]
    }
  }

  policy {
    type = "authorization"
  }
}

resource "ibm_iam_policy_template" "no_policy" {
  name = "empty"
}
