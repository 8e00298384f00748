# hclcheck test input: canonical layout, but mixes the scalar source_* form
# with subject_attributes blocks, which the IBM provider refuses
# (ConflictsWith). `hclcheck -v2` must reject it.

resource "ibm_iam_authorization_policy" "volume_policy" {
  source_service_name = "is"
  subject_attributes {
    name  = "resourceType"
    value = "backup-policy"
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
  roles = ["Operator"]
}
