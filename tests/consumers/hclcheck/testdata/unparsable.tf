# hclcheck test input: not valid HCL (a missing "=" and an unclosed block).

resource "ibm_iam_authorization_policy" "volume_policy" {
  subject_attributes {
    name "serviceName"
    value = "is"
  }
  roles = ["Operator"]
