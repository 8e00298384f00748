# A finding in a block read as soon as it was parsed does not stand when a syntax error
# comes later in the file: only the syntax error is reported, as for any file that does not
# parse.

resource "ibm_iam_authorization_policy" "volume" {
  subject_attributes {
    name  = "serviceName"
    value = "is"
  }
  resource_attributes {
    name  = "serviceName"
    value = "is"
  }
  roles   = ["Operator"]
  unknown = "AZ502 here, but the file does not parse"
}

resource "ibm_iam_authorization_policy" "broken" {
  roles = ["Operator"
}
