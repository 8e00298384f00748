# Values built from the data source's account_id (a suffix, a concatenation, a function, a
# local holding such a value) and its other attributes are known only after apply: lint
# claims neither that they are the current account (no duplicate of main.tf's volume, AZ405)
# nor that they are another (no drift, AZ806); a note says what was not checked.
variable "suffix" {
  type = string
}

locals {
  suffixed = "${data.ibm_iam_account_settings.this.account_id}-suffix"
}

resource "ibm_iam_authorization_policy" "volume_suffix" {
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

resource "ibm_iam_authorization_policy" "volume_concat" {
  source_service_name    = "is"
  source_resource_type   = "backup-policy"
  source_service_account = data.ibm_iam_account_settings.this.account_id
  roles                  = ["Operator"]

  resource_attributes {
    name  = "accountId"
    value = "${data.ibm_iam_account_settings.this.account_id}${var.suffix}"
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

resource "ibm_iam_authorization_policy" "volume_upper" {
  source_service_name    = "is"
  source_resource_type   = "backup-policy"
  source_service_account = upper(data.ibm_iam_account_settings.this.id)
  roles                  = ["Operator"]

  resource_attributes {
    name  = "accountId"
    value = data.ibm_iam_account_settings.this.account_id
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

resource "ibm_iam_authorization_policy" "volume_local" {
  source_service_name    = "is"
  source_resource_type   = "backup-policy"
  source_service_account = data.ibm_iam_account_settings.this.account_id
  roles                  = ["Operator"]

  resource_attributes {
    name  = "accountId"
    value = local.suffixed
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

resource "ibm_iam_authorization_policy" "volume_id" {
  source_service_name    = "is"
  source_resource_type   = "backup-policy"
  source_service_account = data.ibm_iam_account_settings.this.account_id
  roles                  = ["Operator"]

  resource_attributes {
    name  = "accountId"
    value = data.ibm_iam_account_settings.this.id
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

resource "ibm_iam_authorization_policy" "volume_count" {
  source_service_name    = "is"
  source_resource_type   = "backup-policy"
  source_service_account = data.ibm_iam_account_settings.this.account_id
  roles                  = ["Operator"]

  resource_attributes {
    name  = "accountId"
    value = data.ibm_iam_account_settings.this[0].account_id
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
