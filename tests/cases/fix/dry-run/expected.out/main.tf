# Backup for VPC authorizations with mistakes lint --fix repairs, and some it leaves alone.
resource "ibm_resource_instance" "en" {
  name     = "backup-events"
  service  = "event-notifications"
  plan     = "standard"
  location = "us-south"
}

resource "ibm_iam_authorization_policy" "en" {
  source_service_name         = "is"
  source_resource_type        = "backup-policy"
  target_service_name         = "event-notification"
  target_resource_instance_id = ibm_resource_instance.en.guid
  roles                       = ["Event Source Manager"]
}

resource "ibm_iam_authorization_policy" "volume" {
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
    name     = "accountId"
    operator = "stringEquals"
    value    = "0123456789abcdef0123456789abcdef"
  }
  resource_attributes {
    name     = "serviceName"
    operator = "stringEquals"
    value    = "is.volume"
  }
  resource_attributes {
    name     = "volumeId"
    operator = "stringExists"
    value    = "True"
  }
  roles = ["Operator"]
}

resource "ibm_iam_authorization_policy" "snapshot" {
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
    name     = "accountId"
    operator = "stringEquals"
    value    = "0123456789abcdef0123456789abcdef"
  }
  resource_attributes {
    name     = "serviceName"
    operator = "StringEquals"
    value    = "is"
  }
  resource_attributes {
    name     = "snapshotId"
    operator = "stringExists"
    value    = "*"
  }
  roles = ["Editor"]
}

# Suppressed findings are not fixed:
# authzc:ignore AZ603 the share policy is rewritten by the platform team in Q3
resource "ibm_iam_authorization_policy" "share" {
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
    name     = "accountId"
    operator = "stringEquals"
    value    = "0123456789abcdef0123456789abcdef"
  }
  resource_attributes {
    name     = "serviceName"
    operator = "stringEquals"
    value    = "is.share"
  }
  resource_attributes {
    name     = "shareId"
    operator = "stringExists"
    value    = "true"
  }
  roles = ["Editor", "Share Snapshot Operator"]
}

# One literal shared by for_each instances: not fixed (several policies share the place).
resource "ibm_iam_authorization_policy" "group" {
  for_each = toset(["snapshotConsistencyGroupId"])
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
    name     = "accountId"
    operator = "stringEquals"
    value    = "0123456789abcdef0123456789abcdef"
  }
  resource_attributes {
    name     = "serviceName"
    operator = "stringEquals"
    value    = "is"
  }
  resource_attributes {
    name     = each.value
    operator = "stringExists"
    value    = "TRUE"
  }
  roles = ["Editor"]
}
