# Runs of consecutive blocks read as they were parsed (one stand-in each run): a backup
# policy reaches an authorization through a released block of the same run (no AZ821 for
# it), a run resumes after a kept block, and the provider argument is not a dependency.

provider "ibm" {
  alias = "a"
}

resource "ibm_iam_authorization_policy" "instance" {
  provider = ibm.a
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

resource "ibm_is_volume" "data" {
  provider = ibm.a
  name     = "data"
  profile  = "general-purpose"
  zone     = "us-south-1"

  depends_on = [ibm_iam_authorization_policy.volume]
}

resource "ibm_iam_authorization_policy" "volume" {
  provider = ibm.a
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
  roles = ["Editr"]
}

resource "ibm_is_backup_policy" "daily" {
  provider   = ibm.a
  name       = "daily"
  depends_on = [ibm_is_volume.data]
}

resource "ibm_iam_authorization_policy" "snapshot" {
  provider = ibm.a
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
    name     = "snapshotId"
    operator = "stringExists"
    value    = "true"
  }
  roles = ["Operator"]
}

data "ibm_iam_account_settings" "current" {
  provider = ibm.a
}
