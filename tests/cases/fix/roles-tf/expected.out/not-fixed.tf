# Left to a person: roles from a variable (fixing the variable's default would change every
# policy that uses it), a role list shared by for_each instances of several targets, and a
# comment inside the list.
variable "share_roles" {
  type    = list(string)
  default = ["Editor", "ShareSnapshotOperator"]
}

resource "ibm_iam_authorization_policy" "share_var" {
  source_service_name  = "is"
  source_resource_type = "backup-policy"
  resource_attributes {
    name     = "accountId"
    operator = "stringEquals"
    value    = "fedcba9876543210fedcba9876543210"
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
  roles = var.share_roles
}

resource "ibm_iam_authorization_policy" "each" {
  for_each             = toset(["volumeId", "snapshotId"])
  source_service_name  = "is"
  source_resource_type = "backup-policy"
  resource_attributes {
    name     = "accountId"
    operator = "stringEquals"
    value    = "fedcba9876543210fedcba9876543210"
  }
  resource_attributes {
    name     = "serviceName"
    operator = "stringEquals"
    value    = "is"
  }
  resource_attributes {
    name     = each.value
    operator = "stringExists"
    value    = "true"
  }
  roles = ["Operator"]
}

resource "ibm_iam_authorization_policy" "commented" {
  source_service_name  = "is"
  source_resource_type = "backup-policy"
  resource_attributes {
    name     = "accountId"
    operator = "stringEquals"
    value    = "fedcba9876543210fedcba9876543210"
  }
  resource_attributes {
    name     = "serviceName"
    operator = "stringEquals"
    value    = "is"
  }
  resource_attributes {
    name     = "snapshotConsistencyGroupId"
    operator = "stringExists"
    value    = "true"
  }
  roles = [
    "Operator", # Editor after the change review
  ]
}
