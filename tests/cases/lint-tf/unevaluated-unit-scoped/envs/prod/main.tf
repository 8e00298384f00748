# The same three authorizations as envs/dev, without dev's unevaluated fourth: prod is
# another deployment unit, and its set lacks snapshot-consistency-group (AZ404).
data "ibm_iam_account_settings" "current" {}

resource "ibm_iam_authorization_policy" "instance" {
  source_service_name    = "is"
  source_resource_type   = "backup-policy"
  source_service_account = data.ibm_iam_account_settings.current.account_id
  resource_attributes {
    name  = "accountId"
    value = data.ibm_iam_account_settings.current.account_id
  }
  resource_attributes {
    name  = "serviceName"
    value = "is"
  }
  resource_attributes {
    name     = "instanceId"
    operator = "stringExists"
    value    = "true"
  }
  roles = ["Operator"]
}

resource "ibm_iam_authorization_policy" "volume" {
  source_service_name    = "is"
  source_resource_type   = "backup-policy"
  source_service_account = data.ibm_iam_account_settings.current.account_id
  resource_attributes {
    name  = "accountId"
    value = data.ibm_iam_account_settings.current.account_id
  }
  resource_attributes {
    name  = "serviceName"
    value = "is"
  }
  resource_attributes {
    name     = "volumeId"
    operator = "stringExists"
    value    = "true"
  }
  roles = ["Operator"]
}

resource "ibm_iam_authorization_policy" "snapshot" {
  source_service_name    = "is"
  source_resource_type   = "backup-policy"
  source_service_account = data.ibm_iam_account_settings.current.account_id
  resource_attributes {
    name  = "accountId"
    value = data.ibm_iam_account_settings.current.account_id
  }
  resource_attributes {
    name  = "serviceName"
    value = "is"
  }
  resource_attributes {
    name     = "snapshotId"
    operator = "stringExists"
    value    = "true"
  }
  roles = ["Editor"]
}
