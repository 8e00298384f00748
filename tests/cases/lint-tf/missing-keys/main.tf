# What the provider requires: roles, at least one source and one target selector, and the
# name and value of each attribute block.
resource "ibm_iam_authorization_policy" "no_roles" {
  source_service_name  = "is"
  source_resource_type = "backup-policy"
  resource_attributes {
    name  = "accountId"
    value = "0123456789abcdef0123456789abcdef"
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

resource "ibm_iam_authorization_policy" "no_source_no_target" {
  description = "nothing to authorize"
  roles       = ["Operator"]
}

resource "ibm_iam_authorization_policy" "half_attributes" {
  subject_attributes {
    name = "serviceName"
  }
  subject_attributes {
    value = "backup-policy"
  }
  target_service_name = "is"
  roles               = ["Operator"]
}

resource "ibm_iam_authorization_policy" {
  roles = ["Operator"]
}
