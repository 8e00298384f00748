# Applied by the platform team, in its own state, before the workloads.
data "ibm_iam_account_settings" "current" {}

resource "ibm_iam_authorization_policy" "instance" {
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

resource "ibm_iam_authorization_policy" "consistency_group" {
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
  resource_attributes {
    name  = "accountId"
    value = data.ibm_iam_account_settings.current.account_id
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
  roles = ["Editor"]
}
