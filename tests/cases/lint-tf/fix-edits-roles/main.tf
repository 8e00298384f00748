# The edits lint --fix would make, as byte ranges of the file: the roles split into display
# names, a missing role added after the last one, a resource type renamed with its reference.
resource "ibm_iam_authorization_policy" "share" {
  source_service_name  = "is"
  source_resource_type = "backup-policy"
  resource_attributes {
    name     = "accountId"
    operator = "stringEquals"
    value    = "0123456789abcdef0123456789abcdef"
  }
  resource_attributes {
    name     = "serviceName"
    operator = "stringEquals"
    value    = "is"
  }
  resource_attributes {
    name     = "shareId"
    operator = "stringExists"
    value    = "true"
  }
  roles = ["ShareSnapshotOperator,Editor"]
}

resource "ibm_iam_authorization_policy" "snapshot" {
  source_service_name  = "is"
  source_resource_type = "backup-policy"
  resource_attributes {
    name     = "accountId"
    operator = "stringEquals"
    value    = "0123456789abcdef0123456789abcdef"
  }
  resource_attributes {
    name     = "serviceName"
    operator = "stringEquals"
    value    = "is"
  }
  resource_attributes {
    name     = "snapshotId"
    operator = "stringExists"
    value    = "true"
  }
  roles      = ["Operator"]
  depends_on = [ibm_iam_authorisation_policy.volume]
}

resource "ibm_iam_authorisation_policy" "volume" {
  source_service_name  = "is"
  source_resource_type = "backup-policy"
  target_service_name  = "is"
  target_resource_type = "volume"
  roles                = ["Operator"]
}
