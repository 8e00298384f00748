# Scalar target_* / source_* arguments together with the attribute blocks of the same side:
# the provider refuses the combination (ConflictsWith) at plan time.
data "ibm_iam_account_settings" "current" {}

resource "ibm_iam_authorization_policy" "volume" {
  source_service_name = "is"
  subject_attributes {
    name  = "accountId"
    value = data.ibm_iam_account_settings.current.account_id
  }
  subject_attributes {
    name  = "serviceName"
    value = "is"
  }
  subject_attributes {
    name  = "resourceType"
    value = "backup-policy"
  }

  target_service_name  = "is"
  target_resource_type = "volume"
  resource_attributes {
    name     = "accountId"
    operator = "stringEquals"
    value    = data.ibm_iam_account_settings.current.account_id
  }
  resource_attributes {
    name     = "volumeId"
    operator = "stringExists"
    value    = "true"
  }
  roles = ["Operator"]
}
