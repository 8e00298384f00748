resource "ibm_iam_authorization_policy" "crlf" {
  source_service_name = "is"
  roles = ["Operator"]
  subject_attributes {
    name  = "serviceName"
    value = "is"
  }
  subject_atributes {
    name  = "accountId"
    value = "x"
  }
}
