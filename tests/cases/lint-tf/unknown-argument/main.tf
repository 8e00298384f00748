# Arguments ibm_iam_authorization_policy does not have: resource_tags (access policies
# only), target_resource_instance (the argument is target_resource_instance_id), a
# misspelt block, and version, which the provider sets.
data "ibm_iam_account_settings" "current" {}

resource "ibm_resource_instance" "en" {
  name    = "backup-events"
  service = "event-notifications"
  plan    = "standard"
}

resource "ibm_iam_authorization_policy" "en" {
  source_service_name      = "is"
  source_resource_type     = "backup-policy"
  target_service_name      = "event-notifications"
  target_resource_instance = ibm_resource_instance.en.guid
  roles                    = ["Event Source Manager"]
  resource_tags            = ["backup"]
  version                  = "1"
}

resource "ibm_iam_authorization_policy" "volume" {
  subject_attributes {
    name  = "accountId"
    value = data.ibm_iam_account_settings.current.account_id
  }
  subject_atributes {
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
    name      = "serviceName"
    operater  = "stringEquals"
    value     = "is"
  }
  resource_attributes {
    name     = "volumeId"
    operator = "stringExists"
    value    = "true"
    tags     = ["x"]
  }
  roles = ["Operator"]
}
