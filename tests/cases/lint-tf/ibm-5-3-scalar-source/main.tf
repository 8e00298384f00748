# A public repository's Backup for VPC authorizations (IBM-FORMATS.md section 5, example 3):
# scalar source arguments with resource_attributes blocks, which the provider accepts
# (the scalar source_* arguments conflict only with subject_attributes).

# It would be nice to be able to scope these to our resource group, but internal checks on
# creation of the backup policy prevent us from doing so.
resource "ibm_iam_authorization_policy" "volume_policy" {
  source_service_name  = "is"
  source_resource_type = "backup-policy"

  resource_attributes {
    name  = "accountId"
    value = ibm_iam_account_settings.settings.id
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

resource "ibm_iam_authorization_policy" "snapshot_policy" {
  source_service_name  = "is"
  source_resource_type = "backup-policy"

  resource_attributes {
    name  = "accountId"
    value = ibm_iam_account_settings.settings.id
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

resource "ibm_iam_authorization_policy" "cgroup_policy" {
  source_service_name  = "is"
  source_resource_type = "backup-policy"

  resource_attributes {
    name  = "accountId"
    value = ibm_iam_account_settings.settings.id
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

resource "ibm_iam_authorization_policy" "instance_policy" {
  source_service_name  = "is"
  source_resource_type = "backup-policy"

  resource_attributes {
    name  = "accountId"
    value = ibm_iam_account_settings.settings.id
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
