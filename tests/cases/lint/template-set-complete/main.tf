# The whole set: volume targets, share, and backup-policy.

resource "ibm_iam_policy_template" "instance" {
  name      = "vpc-backup-instance"
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
        key      = "instanceId"
        operator = "stringExists"
        value    = "true"
      }
    }
  }
}

resource "ibm_iam_policy_assignment" "instance_team" {
  version = "1.0"
  target = {
    type = "Account"
    id   = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"
  }
  templates {
    id      = ibm_iam_policy_template.instance.template_id
    version = ibm_iam_policy_template.instance.version
  }
}

resource "ibm_iam_policy_template" "volume" {
  name      = "vpc-backup-volume"
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
        key      = "volumeId"
        operator = "stringExists"
        value    = "true"
      }
    }
  }
}

resource "ibm_iam_policy_assignment" "volume_team" {
  version = "1.0"
  target = {
    type = "Account"
    id   = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"
  }
  templates {
    id      = ibm_iam_policy_template.volume.template_id
    version = ibm_iam_policy_template.volume.version
  }
}

resource "ibm_iam_policy_template" "snapshot" {
  name      = "vpc-backup-snapshot"
  committed = true
  policy {
    type  = "authorization"
    roles = ["Editor"]
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
        key      = "snapshotId"
        operator = "stringExists"
        value    = "true"
      }
    }
  }
}

resource "ibm_iam_policy_assignment" "snapshot_team" {
  version = "1.0"
  target = {
    type = "Account"
    id   = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"
  }
  templates {
    id      = ibm_iam_policy_template.snapshot.template_id
    version = ibm_iam_policy_template.snapshot.version
  }
}

resource "ibm_iam_policy_template" "snapshot_consistency_group" {
  name      = "vpc-backup-snapshot-consistency-group"
  committed = true
  policy {
    type  = "authorization"
    roles = ["Editor"]
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
        key      = "snapshotConsistencyGroupId"
        operator = "stringExists"
        value    = "true"
      }
    }
  }
}

resource "ibm_iam_policy_assignment" "snapshot_consistency_group_team" {
  version = "1.0"
  target = {
    type = "Account"
    id   = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"
  }
  templates {
    id      = ibm_iam_policy_template.snapshot_consistency_group.template_id
    version = ibm_iam_policy_template.snapshot_consistency_group.version
  }
}

resource "ibm_iam_policy_template" "share" {
  name      = "vpc-backup-share"
  committed = true
  policy {
    type  = "authorization"
    roles = ["Editor", "Share Snapshot Operator"]
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
        key      = "shareId"
        operator = "stringExists"
        value    = "true"
      }
    }
  }
}

resource "ibm_iam_policy_assignment" "share_team" {
  version = "1.0"
  target = {
    type = "Account"
    id   = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"
  }
  templates {
    id      = ibm_iam_policy_template.share.template_id
    version = ibm_iam_policy_template.share.version
  }
}

resource "ibm_iam_policy_template" "backup_policy" {
  name      = "vpc-backup-backup-policy"
  committed = true
  policy {
    type  = "authorization"
    roles = ["Editor"]
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
        key      = "backupPolicyId"
        operator = "stringExists"
        value    = "true"
      }
    }
  }
}

resource "ibm_iam_policy_assignment" "backup_policy_team" {
  version = "1.0"
  target = {
    type = "Account"
    id   = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"
  }
  templates {
    id      = ibm_iam_policy_template.backup_policy.template_id
    version = ibm_iam_policy_template.backup_policy.version
  }
}
