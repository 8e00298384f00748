# The current account in full, written as the data source's account_id.
data "ibm_iam_account_settings" "this" {}

resource "ibm_iam_authorization_policy" "instance" {
  source_service_name    = "is"
  source_resource_type   = "backup-policy"
  source_service_account = data.ibm_iam_account_settings.this.account_id
  roles                  = ["Operator"]

  resource_attributes {
    name  = "accountId"
    value = data.ibm_iam_account_settings.this.account_id
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
}

resource "ibm_iam_authorization_policy" "volume" {
  source_service_name    = "is"
  source_resource_type   = "backup-policy"
  source_service_account = data.ibm_iam_account_settings.this.account_id
  roles                  = ["Operator"]

  resource_attributes {
    name  = "accountId"
    value = data.ibm_iam_account_settings.this.account_id
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
}

resource "ibm_iam_authorization_policy" "snapshot" {
  source_service_name    = "is"
  source_resource_type   = "backup-policy"
  source_service_account = data.ibm_iam_account_settings.this.account_id
  roles                  = ["Editor"]

  resource_attributes {
    name  = "accountId"
    value = data.ibm_iam_account_settings.this.account_id
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
}

resource "ibm_iam_authorization_policy" "scg" {
  source_service_name    = "is"
  source_resource_type   = "backup-policy"
  source_service_account = data.ibm_iam_account_settings.this.account_id
  roles                  = ["Editor"]

  resource_attributes {
    name  = "accountId"
    value = data.ibm_iam_account_settings.this.account_id
  }
  resource_attributes {
    name  = "serviceName"
    value = "is"
  }
  resource_attributes {
    name     = "snapshotConsistencyGroupId"
    operator = "stringExists"
    value    = "true"
  }
}

resource "ibm_iam_authorization_policy" "share" {
  source_service_name    = "is"
  source_resource_type   = "backup-policy"
  source_service_account = data.ibm_iam_account_settings.this.account_id
  roles                  = ["Editor", "Share Snapshot Operator"]

  resource_attributes {
    name  = "accountId"
    value = data.ibm_iam_account_settings.this.account_id
  }
  resource_attributes {
    name  = "serviceName"
    value = "is"
  }
  resource_attributes {
    name     = "shareId"
    operator = "stringExists"
    value    = "true"
  }
}
