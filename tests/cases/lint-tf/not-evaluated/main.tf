# Values lint cannot know before plan: one note per resource, never a failure, and no
# finding that depends on them (no AZ809 for attribute names it cannot read).
variable "roles" {
  type = list(string)
}

variable "targets" {
  type = map(string)
}

data "ibm_iam_account_settings" "current" {}

resource "ibm_iam_authorization_policy" "roles_from_variable" {
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
    name     = "shareId"
    operator = "stringExists"
    value    = "true"
  }
  roles = var.roles
}

resource "ibm_iam_authorization_policy" "dynamic_attributes" {
  source_service_name    = "is"
  source_resource_type   = "backup-policy"
  source_service_account = data.ibm_iam_account_settings.current.account_id
  resource_attributes {
    name  = "accountId"
    value = data.ibm_iam_account_settings.current.account_id
  }
  dynamic "resource_attributes" {
    for_each = var.targets
    content {
      name     = resource_attributes.key
      operator = "stringExists"
      value    = resource_attributes.value
    }
  }
  roles = ["Operator"]
}

resource "ibm_iam_authorization_policy" "for_each_unknown" {
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

resource "ibm_iam_authorization_policy" "count_unknown" {
  count                  = length(var.roles)
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
  roles = [var.roles[count.index]]
}

# Another service's authorization: passed over, so its unknown roles draw no note.
resource "ibm_iam_authorization_policy" "cos_to_kms" {
  source_service_name = "cloud-object-storage"
  target_service_name = "kms"
  roles               = var.roles
}

variable "id_attribute" {
  type = string
}

# The target's ID attribute comes from a variable: no "names no target" (AZ809) for it.
resource "ibm_iam_authorization_policy" "attribute_from_variable" {
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
    name     = var.id_attribute
    operator = "stringExists"
    value    = "true"
  }
  roles = ["Editor"]
}
