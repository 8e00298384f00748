# hclcheck test input: hclwrite.Format leaves it alone, but `terraform fmt`
# would unwrap the lone interpolation on line 13 (and quote the label on
# line 6), so `hclcheck` must reject it. `hclcheck -v2` still translates it:
# "${x}" and x are the same value.

resource "ibm_iam_authorization_policy" volume_policy {
  subject_attributes {
    name  = "serviceName"
    value = "is"
  }
  subject_attributes {
    name  = "accountId"
    value = "${data.ibm_iam_account_settings.current.account_id}"
  }
  resource_attributes {
    name     = "volumeId"
    operator = "stringExists"
    value    = "true"
  }
  roles = ["Operator"]
}
