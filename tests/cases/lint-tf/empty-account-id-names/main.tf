# An accountId written as "" (AZ607) is named in words, not quoted as an empty name, in the
# findings across policies (AZ404 companions, AZ405 duplicates); so is one not written at all.
data "ibm_iam_account_settings" "current" {}

resource "ibm_iam_authorization_policy" "child_empty" {
  roles = ["Operator"]
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
    value = ""
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

resource "ibm_iam_authorization_policy" "child_empty_again" {
  roles = ["Operator"]
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
    value = ""
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

resource "ibm_iam_authorization_policy" "enterprise_empty" {
  roles = ["Operator"]
  subject_attributes {
    name  = "accountId"
    value = ""
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

resource "ibm_iam_authorization_policy" "child_unwritten" {
  source_service_name  = "is"
  source_resource_type = "backup-policy"
  roles                = ["Operator"]
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
