resource "ibm_iam_authorization_policy" "in_a" {
  roles = ["Operator"]

  subject_attributes {
    name  = "serviceName"
    value = "is"
  }

  resource_attributes {
    name  = "serviceName"
    value = "is"
  }
}

resource "ibm_iam_authorization_policy" "in_b" {
  provider = ibm.account_b

  roles = ["Operator"]

  subject_attributes {
    name  = "serviceName"
    value = "is"
  }

  resource_attributes {
    name  = "serviceName"
    value = "is"
  }
}

resource "time_sleep" "wait" {
  create_duration = "30s"

  depends_on = [
    ibm_iam_authorization_policy.in_a,
    ibm_iam_authorization_policy.in_b,
  ]
}
