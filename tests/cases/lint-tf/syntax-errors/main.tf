# Several syntax errors in one file: each is reported where it is, and reading goes on
# with the next argument or block.
resource "ibm_iam_authorization_policy" "one" {
  source_service_name = "is",
  subject_attributes { name = "accountId"    value = "0123456789abcdef0123456789abcdef" }
  roles = ["Operator" "Editor"]
  description = "ok"
}

resource "ibm_iam_authorization_policy" "two" = {
  roles = ["Operator"]
}

resource "ibm_iam_authorization_policy" "three"
{
  target_resource_type = "volume" ? 
  roles = ["Operator"]
}

locals {
  x = [
    1,
    2
    3,
  ]
  y = { a = 1 b = 2 }
  z = "${var.a"
}

output "last" {
  value = 'single'
}
