# Attribute blocks generated with dynamic: what the policy says is not known before plan,
# so it is not checked; the rest of the resource still is.
variable "targets" {
  type = map(string)
  default = {
    volumeId   = "Operator"
    snapshotId = "Editor"
  }
}

resource "ibm_iam_authorization_policy" "generated" {
  for_each = var.targets

  dynamic "subject_attributes" {
    for_each = { serviceName = "is", resourceType = "backup-policy" }
    content {
      name  = subject_attributes.key
      value = subject_attributes.value
    }
  }
  dynamic "resource_attributes" {
    for_each = { serviceName = "is", (each.key) = "true" }
    iterator = attr
    content {
      name     = attr.key
      operator = attr.key == "serviceName" ? "stringEquals" : "stringExists"
      value    = attr.value
    }
  }
  roles = [each.value]

  lifecycle {
    create_before_destroy = true
  }
  depends_on = [ibm_resource_instance.en]
}

resource "ibm_iam_authorization_policy" "bad_dynamic" {
  source_service_name  = "is"
  source_resource_type = "backup-policy"
  dynamic "resource_tags" {
    for_each = ["a"]
    content {}
  }
  dynamic "resource_attributes" {
    for_each = ["volumeId"]
    content {
      name     = resource_attributes.value
      operator = "stringExists"
      value    = "true"
    }
  }
  roles = ["Operator"]
}
