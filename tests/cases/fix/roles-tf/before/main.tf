# Role findings lint --fix repairs in Terraform, and the ones it leaves to a person.
data "ibm_iam_account_settings" "iam" {}

# IBM's row 7: both share roles in one string, the first as a role ID.
resource "ibm_iam_authorization_policy" "share" {
  source_service_name  = "is"
  source_resource_type = "backup-policy"
  resource_attributes {
    name     = "accountId"
    operator = "stringEquals"
    value    = data.ibm_iam_account_settings.iam.account_id
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
  roles = ["ShareSnapshotOperator,Editor"]
}

# A role in lower case, one element per line: after it is spelled right, Editor is added
# on a line of its own (a snapshot needs Editor; Operator stays, AZ302 says so).
resource "ibm_iam_authorization_policy" "snapshot" {
  source_service_name  = "is"
  source_resource_type = "backup-policy"
  resource_attributes {
    name     = "accountId"
    operator = "stringEquals"
    value    = data.ibm_iam_account_settings.iam.account_id
  }
  resource_attributes {
    name     = "serviceName"
    operator = "stringEquals"
    value    = "is"
  }
  resource_attributes {
    name     = "snapshotId"
    operator = "stringExists"
    value    = "true"
  }
  roles = [
    "operator",
  ]
}

# A CRN where Terraform takes display names, and Multi Volume Snapshots lacks Editor.
resource "ibm_iam_authorization_policy" "group" {
  source_service_name  = "is"
  source_resource_type = "backup-policy"
  resource_attributes {
    name     = "accountId"
    operator = "stringEquals"
    value    = data.ibm_iam_account_settings.iam.account_id
  }
  resource_attributes {
    name     = "serviceName"
    operator = "stringEquals"
    value    = "is"
  }
  resource_attributes {
    name     = "snapshotConsistencyGroupId"
    operator = "stringExists"
    value    = "true"
  }
  roles = ["crn:v1:bluemix:public:iam::::role:Operator"]
}

# A platform role's CRN in the service-role namespace.
resource "ibm_iam_authorization_policy" "volume" {
  source_service_name  = "is"
  source_resource_type = "backup-policy"
  resource_attributes {
    name     = "accountId"
    operator = "stringEquals"
    value    = data.ibm_iam_account_settings.iam.account_id
  }
  resource_attributes {
    name     = "serviceName"
    operator = "stringEquals"
    value    = "is"
  }
  resource_attributes {
    name     = "volumeId"
    operator = "stringExists"
    value    = "true"
  }
  roles = ["crn:v1:bluemix:public:iam::::serviceRole:Operator"]
}

# IBM's row 8: the role ID of Event Source Manager without its hyphens.
resource "ibm_iam_authorization_policy" "en" {
  source_service_name         = "is"
  source_resource_type        = "backup-policy"
  target_service_name         = "event-notifications"
  target_resource_instance_id = "6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
  roles                       = ["EventSourceManager"]
}

# An enterprise template for instances: the role ID form of Operator is its display name.
resource "ibm_iam_policy_template" "instances" {
  name      = "backup-instances"
  committed = true
  policy {
    type = "authorization"
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
        key      = "instanceId"
        operator = "stringExists"
        value    = "true"
      }
    }
    roles = ["Viewer"]
  }
}

# Two fixes side by side: the role ID spelled as its display name, and Editor added after it.
resource "ibm_iam_authorization_policy" "share_child" {
  source_service_name  = "is"
  source_resource_type = "backup-policy"
  resource_attributes {
    name     = "accountId"
    operator = "stringEquals"
    value    = "00112233445566778899aabbccddeeff"
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
  roles = ["ShareSnapshotOperator"]
}
