# Values of the wrong type: roles as a string, a block written as an argument and an
# argument as a block, a list where one value goes. References are accepted anywhere.
variable "roles" {
  type = list(string)
}

resource "ibm_iam_authorization_policy" "string_roles" {
  source_service_name  = "is"
  source_resource_type = "backup-policy"
  target_service_name  = "is"
  target_resource_type = ["share"]
  roles                = "Editor"
  description          = ["Backups", "for file shares"]
}

resource "ibm_iam_authorization_policy" "forms" {
  subject_attributes = [{ name = "serviceName", value = "is" }]
  source_resource_type = "backup-policy"
  resource_attributes {
    name  = "serviceName"
    value = { is = true }
  }
  roles {
    name = "Operator"
  }
}

resource "ibm_iam_authorization_policy" "references" {
  source_service_name         = "is"
  source_resource_type        = "backup-policy"
  source_resource_instance_id = var.backup_policy_id
  target_service_name         = "event-notifications"
  target_resource_instance_id = "${ibm_resource_instance.en.guid}"
  roles                       = var.roles
}
