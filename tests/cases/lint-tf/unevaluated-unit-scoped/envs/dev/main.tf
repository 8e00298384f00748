# Three volume-set authorizations written out, the fourth behind a for_each lint cannot
# evaluate (var.targets has no default): lint notes it (AZ820) and, not knowing what it
# authorizes, says nothing of what the set lacks (no AZ404).
variable "targets" {
  type = map(string)
}

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

resource "ibm_iam_authorization_policy" "more" {
  for_each               = var.targets
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
    name     = each.key
    operator = "stringExists"
    value    = "true"
  }
  roles = [each.value]
}
