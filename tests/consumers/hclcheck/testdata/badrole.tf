# hclcheck test input: canonical layout, but roles hold a role ID list in one
# string (IBM-FORMATS.md §6 mistake 7). `hclcheck -v2` must reject it.

resource "ibm_iam_authorization_policy" "share_policy" {
  subject_attributes {
    name  = "serviceName"
    value = "is"
  }
  resource_attributes {
    name     = "shareId"
    operator = "stringExists"
    value    = "true"
  }
  roles = ["ShareSnapshotOperator,Editor"]
}
