# ibm_iam_policy_assignment: the provider's documentation writes the target type
# "Account Group" (the API says AccountGroup); placeholders that are not IDs; a version
# that is not digits; keys the assignment does not have.
resource "ibm_iam_policy_assignment" "group" {
  version = "1.0"
  target = {
    type = "Account Group"
    id   = "CHILD_ACCOUNT_GROUP_ID"
  }
  templates {
    id      = ibm_iam_policy_template.volume.template_id
    version = "v1"
  }
}

resource "ibm_iam_policy_assignment" "account" {
  version = "1.0"
  target = {
    type    = "Acount"
    account = "0123456789abcdef0123456789abcdef"
  }
  template {
    id      = ibm_iam_policy_template.volume.template_id
    version = ibm_iam_policy_template.volume.version
  }
}

resource "ibm_iam_policy_assignment" "block_target" {
  version = "1.0"
  target {
    type = "Account"
    id   = "0123456789abcdef0123456789abcdef"
  }
  templates {
    id      = ibm_iam_policy_template.volume.template_id
    version = ibm_iam_policy_template.volume.version
  }
  status = "succeeded"
}

resource "ibm_iam_policy_assignment" "fine" {
  version = "1.0"
  target  = { type = "AccountGroup", id = "AccountGroup-0a1b2c3d" }
  templates {
    id      = ibm_iam_policy_template.volume.template_id
    version = ibm_iam_policy_template.volume.version
  }
  timeouts {
    create = "45m"
  }
}
