# An account built from the data source's account_id is not the current account: lint does
# not say the intent's volume authorization is missing (AZ805) nor what the current
# account's authorizations lack (AZ404), since this policy, whose account is known only
# after apply, may be it; a note says what was not checked.
data "ibm_iam_account_settings" "this" {}

resource "ibm_iam_authorization_policy" "volume" {
  source_service_name    = "is"
  source_resource_type   = "backup-policy"
  source_service_account = data.ibm_iam_account_settings.this.account_id
  roles                  = ["Operator"]

  resource_attributes {
    name  = "accountId"
    value = "${data.ibm_iam_account_settings.this.account_id}-suffix"
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
}
