# Top-level blocks of every kind, interleaved: lint reads most of them as they are parsed
# (their trees released) and keeps the rest for the module pass; findings and policies must
# come out as if the whole file had been read first.

resource "ibm_iam_authorization_policy" "volume" {
  subject_attributes {
    name  = "accountId"
    value = "00000000000000000000000000000001"
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
    value = "00000000000000000000000000000001"
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
  roles       = ["Operator"]
  descriptoin = "misspelt: read as it was parsed"
}

resource "ibm_iam_authorization_policy" "snapshot" {
  subject_attributes {
    name  = "accountId"
    value = var.account
  }
  subject_attributes {
    name  = "serviceName"
    value = local.service
  }
  subject_attributes {
    name  = "resourceType"
    value = "backup-policy"
  }
  resource_attributes {
    name  = "accountId"
    value = var.account
  }
  resource_attributes {
    name  = "serviceName"
    value = "is"
  }
  resource_attributes {
    name     = "snapshotId"
    operator = "stringExists"
    value    = "true"
  }
  roles = ["Editr"]
}

data "ibm_iam_account_settings" "current" {}

locals {
  service = "is"
  after   = ibm_iam_authorization_policy.snapshot.id
}

variable "account" {
  default = "00000000000000000000000000000001"
}

resource "ibm_is_volume" "data" {
  name    = "data"
  profile = "general-purpose"
  zone    = "us-south-1"

  depends_on = [ibm_iam_authorization_policy.volume]
}

resource "ibm_is_backup_policy" "daily" {
  name       = "daily"
  depends_on = [local.after, ibm_is_volume.data]
}

resource "ibm_iam_authorization_policy" "instance" {
  subject_attributes {
    name  = "accountId"
    value = "00000000000000000000000000000001"
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
    value = "00000000000000000000000000000001"
  }
  resource_attributes {
    name  = "serviceName"
    value = "is"
  }
  resource_attributes {
    name     = "instanceId"
    operator = "stringExists"
    value    = "true"
  }
  roles = ["Operator"]
}

resource "ibm_iam_authorization_polcy" "typo" {
  roles = ["Operator"]
}
