# hclcheck test input: parses, but is not in terraform fmt layout
# (unaligned "=" and a 4-space indent).

resource "ibm_iam_authorization_policy" "volume_policy" {
  subject_attributes {
    name = "serviceName"
    value = "is"
  }
  resource_attributes {
      name     = "volumeId"
      operator = "stringExists"
      value    = "true"
  }
  roles = ["Operator"]
}
