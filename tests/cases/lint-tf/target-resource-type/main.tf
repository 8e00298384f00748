# Backup targets named by resourceType (AZ810): the scalar argument, an attribute block and
# a template attribute. A policy that also names the target's ID attribute, and one for
# another subject, are not reported.
resource "ibm_iam_authorization_policy" "scalar" {
  source_service_name  = "is"
  source_resource_type = "backup-policy"
  target_service_name  = "is"
  target_resource_type = "snapshot"
  roles                = ["Editor"]
}

resource "ibm_iam_authorization_policy" "block" {
  subject_attributes {
    name  = "accountId"
    value = "0123456789abcdef0123456789abcdef"
  }
  subject_attributes {
    name  = "serviceName"
    value = "is"
  }
  subject_attributes {
    name  = "resourceType"
    value = "backup-policy"
  }
  resource_attributes {
    name  = "accountId"
    value = "0123456789abcdef0123456789abcdef"
  }
  resource_attributes {
    name  = "serviceName"
    value = "is"
  }
  resource_attributes {
    name  = "resourceType"
    value = "snapshot-consistency-group"
  }
  roles = ["Editor"]
}

resource "ibm_iam_policy_template" "instances" {
  name      = "backup-instances"
  committed = true
  policy {
    type  = "authorization"
    roles = ["Operator"]
    subject {
      attributes {
        key      = "serviceName"
        operator = "stringEquals"
        value    = "is"
      }
      attributes {
        key      = "resourceType"
        operator = "stringEquals"
        value    = "backup-policy"
      }
    }
    resource {
      attributes {
        key      = "serviceName"
        operator = "stringEquals"
        value    = "is"
      }
      attributes {
        key      = "resourceType"
        operator = "stringEquals"
        value    = "instance"
      }
    }
  }
}

resource "ibm_iam_authorization_policy" "with_id_attribute" {
  source_service_name  = "is"
  source_resource_type = "backup-policy"
  resource_attributes {
    name  = "serviceName"
    value = "is"
  }
  resource_attributes {
    name  = "resourceType"
    value = "volume"
  }
  resource_attributes {
    name     = "volumeId"
    operator = "stringExists"
    value    = "true"
  }
  roles = ["Operator"]
}

resource "ibm_iam_authorization_policy" "other_subject" {
  source_service_name  = "is"
  source_resource_type = "flow-log-collector"
  target_service_name  = "is"
  target_resource_type = "volume"
  roles                = ["Reader"]
}
