# Syntax errors after lines the scanner read whole, and lines it could read whole after
# an error (it then reads them token by token: bison reports an error only after three
# tokens shifted since the last one, and a whole line would count as one).
resource "ibm_iam_authorization_policy" "a" {
  source_service_name = "is"
  subject_attributes {
    name  = "serviceName"
    value = "is" "again"
    other = "x"
  }
  roles = ["Operator"]
}

locals {
  a = 1 2
  b = "c"
  = 3
  d = "e"
}
}
top "label" {
  f = "g"
}
x = "y"
= "z"
