# hclcheck test input: canonical (terraform fmt) layout, every resource kind.
# share_policy is IBM-FORMATS.md §2.3's v2 example written as Terraform.

data "ibm_iam_account_settings" "current" {
}

resource "ibm_iam_authorization_policy" "share_policy" {
  description = "IAM roles for the Backup service to Cloud File Storage"
  subject_attributes {
    name  = "serviceName"
    value = "is"
  }
  subject_attributes {
    name  = "accountId"
    value = "ACCOUNT_ID"
  }
  subject_attributes {
    name  = "resourceType"
    value = "backup-policy"
  }
  resource_attributes {
    name     = "accountId"
    operator = "stringEquals"
    value    = "ACCOUNT_ID"
  }
  resource_attributes {
    name     = "serviceName"
    operator = "stringEquals"
    value    = "is"
  }
  resource_attributes {
    name     = "shareId"
    operator = "stringExists"
    value    = "true"
  }
  roles = ["Share Snapshot Operator", "Editor"]
}

resource "ibm_iam_authorization_policy" "volume_policy" {
  subject_attributes {
    name  = "accountId"
    value = data.ibm_iam_account_settings.current.account_id
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
    value = data.ibm_iam_account_settings.current.account_id
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

resource "ibm_iam_authorization_policy" "en_policy" {
  subject_attributes {
    name     = "serviceName"
    operator = "stringEquals"
    value    = "is"
  }
  subject_attributes {
    name  = "resourceType"
    value = "backup-policy"
  }
  resource_attributes {
    name  = "serviceName"
    value = "event-notifications"
  }
  resource_attributes {
    name  = "serviceInstance"
    value = var.en_instance_guid
  }
  roles = ["Event Source Manager"]
}

resource "ibm_iam_policy_template" "volume_template" {
  name        = "backup-volume"
  description = "Grant Operator Role for the Backup service to work with Block Storage volumes"
  committed   = true
  policy {
    type        = "authorization"
    description = "Grant Operator on Block Storage for VPC volumes"
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
        key      = "volumeId"
        operator = "stringExists"
        value    = "true"
      }
    }
    roles = ["Operator"]
  }
}

resource "ibm_iam_policy_assignment" "volume_child" {
  version = "1.0"
  target = {
    type = "Account"
    id   = "0123456789abcdef0123456789abcdef"
  }
  templates {
    id      = ibm_iam_policy_template.volume_template.template_id
    version = ibm_iam_policy_template.volume_template.version
  }
}
