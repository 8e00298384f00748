# The current account, in every form that is exactly the data source's account_id: the
# reference, a template holding only it ("${...}", blanks inside or not), a local holding it
# (or a local holding that local, or a map entry holding it). The intent's current account
# is then declared in full: no drift, no companions missing.
data "ibm_iam_account_settings" "this" {}

locals {
  account  = data.ibm_iam_account_settings.this.account_id
  quoted   = "${data.ibm_iam_account_settings.this.account_id}"
  again    = local.account
  accounts = { current = data.ibm_iam_account_settings.this.account_id }
}

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
  source_service_account = "${data.ibm_iam_account_settings.this.account_id}"
  roles                  = ["Operator"]

  resource_attributes {
    name  = "accountId"
    value = "${ data.ibm_iam_account_settings.this.account_id }"
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
  source_service_account = local.account
  roles                  = ["Editor"]

  resource_attributes {
    name  = "accountId"
    value = local.quoted
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
  source_service_account = local.again
  roles                  = ["Editor"]

  resource_attributes {
    name  = "accountId"
    value = local.accounts.current
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
  source_service_account = local.accounts["current"]
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
