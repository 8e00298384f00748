resource "ibm_iam_authorization_policy" "share" {
  roles = ["Editor", "Share Snapshot Operator"]

  subject_attributes {
    name  = "accountId"
    value = "aaaabbbbccccddddeeeeffff00001111"
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
    value    = "aaaabbbbccccddddeeeeffff00001111"
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
}
