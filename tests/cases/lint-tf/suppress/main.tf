# Suppression comments (authzc:ignore) are recorded with their IDs and reason (lint.c applies them):
# with #, with //, at the end of a line, without a reason.
data "ibm_iam_account_settings" "current" {}

resource "ibm_iam_authorization_policy" "share" {
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
  # authzc:ignore AZ302 the DR runbook restores shares with Administrator
  roles = ["Editor", "Share Snapshot Operator", "Administrator"]
  // authzc:ignore AZ405,AZ404   kept while the old policy is migrated
  description = "file shares" # authzc:ignore AZ999
}
