# hclcheck test input: IBM-FORMATS.md §2.3's verified v2 body (file shares),
# written as the Terraform that should make the provider send exactly it.
# Expected `hclcheck -v2` output: share-2.3.expected.json (written by hand).

resource "ibm_iam_authorization_policy" "share_policy" {
  description = "IAM roles for the Backup service to Cloud File Storage"
  subject_attributes {
    name  = "serviceName"
    value = "is"
  }
  subject_attributes {
    name  = "accountId"
    value = "ACCOUNT_ID"
  }
  subject_attributes {
    name  = "resourceType"
    value = "backup-policy"
  }
  resource_attributes {
    name  = "accountId"
    value = "ACCOUNT_ID"
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
  roles = ["Share Snapshot Operator", "Editor"]
}
