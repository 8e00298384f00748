# Resource types that do not exist: a near miss of exactly one of the three is renamed, with
# the references to it in this file; the others are left to a person.
data "ibm_iam_account_settings" "iam" {}

resource "ibm_iam_authorisation_policy" "volume" {
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
  roles = ["Operator"]
}

resource "ibm_iam_policy_templates" "instances" {
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
    roles = ["Operator"]
  }
}

resource "ibm_iam_policy_assignment" "child" {
  version = "1.0"
  target = {
    type = "Account"
    id   = "fedcba9876543210fedcba9876543210"
  }
  templates {
    id      = ibm_iam_policy_templates.instances.template_id
    version = ibm_iam_policy_templates.instances.version
  }
  depends_on = [ibm_iam_authorisation_policy.volume]
}

# A data source type written with a '-': this file declares the one it names.
resource "ibm_iam_authorisation_policy" "snapshot" {
  source_service_name  = "is"
  source_resource_type = "backup-policy"
  resource_attributes {
    name     = "accountId"
    operator = "stringEquals"
    value    = data.ibm_iam-account_settings.iam.account_id
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
  roles = ["Editor"]
}

output "policies" {
  value = "${ibm_iam_authorisation_policy.volume.id} ${ibm_iam_authorisation_policy.snapshot.id}"
}

# Left to a person: a template is not a renamed policy, and references whose type holds '-'
# name a resource or data source this file does not declare.
resource "ibm_iam_authorization_policy_template" "shares" {
  name = "backup-shares"
}

resource "ibm_iam_authorization_policy" "en" {
  source_service_name         = "is"
  source_resource_type        = "backup-policy"
  target_service_name         = "event-notifications"
  target_resource_instance_id = ibm_event-notification_instance.main.guid
  description                 = "in ${data.ibm_resource-group.default.name}"
  roles                       = ["Event Source Manager"]
}
