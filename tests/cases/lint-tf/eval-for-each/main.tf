locals {
  source = {
    serviceName  = "is"
    resourceType = "backup-policy"
  }
  share_roles = toset(["Editor", "Share Snapshot Operator"])
}

data "ibm_iam_account_settings" "current" {}

# Four policies, one per element of the map, each checked.
resource "ibm_iam_authorization_policy" "volumes" {
  for_each = var.volume_targets

  dynamic "subject_attributes" {
    for_each = merge(local.source, { accountId = data.ibm_iam_account_settings.current.account_id })
    content {
      name  = subject_attributes.key
      value = subject_attributes.value
    }
  }
  resource_attributes {
    name  = "serviceName"
    value = "is"
  }
  resource_attributes {
    name  = "accountId"
    value = data.ibm_iam_account_settings.current.account_id
  }
  resource_attributes {
    name     = each.key
    operator = "stringExists"
    value    = "true"
  }
  roles = [each.value]
}

# count with a literal: two instances, the second scoped to one share.
resource "ibm_iam_authorization_policy" "shares" {
  count                  = 2
  source_service_name    = local.source.serviceName
  source_resource_type   = local.source["resourceType"]
  source_service_account = data.ibm_iam_account_settings.current.account_id
  resource_attributes {
    name  = "serviceName"
    value = "is"
  }
  resource_attributes {
    name  = "accountId"
    value = data.ibm_iam_account_settings.current.account_id
  }
  resource_attributes {
    name     = "shareId"
    operator = count.index == 0 ? "stringExists" : "stringEquals"
    value    = count.index == 0 ? "true" : "r006-share-${count.index}"
  }
  roles = tolist(local.share_roles)
}
