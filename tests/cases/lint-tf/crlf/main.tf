# CRLF line ends: places are the same as with LF.
data "ibm_iam_account_settings" "current" {
}

resource "ibm_iam_authorization_policy" "share" {
  description = <<-EOT
    File share backups
  EOT
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
    name     = "accountId"
    operator = "stringEquals"
    value    = data.ibm_iam_account_settings.current.account_id
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
  roles         = ["Editor", "Share Snapshot Operator"]
  resource_tags = ["backup"]
}
