# Resource types that do not exist: references whose type holds a '-' (IBM's documentation
# shows both of these), and resource blocks whose type is a near miss of the three lint
# checks.
resource "ibm_iam_authorization_policy" "en" {
  source_service_name         = "is"
  source_resource_type        = "backup-policy"
  source_resource_instance_id = "${ibm_backup-policy_instance.main.guid}"
  target_service_name         = "event-notifications"
  target_resource_instance_id = ibm_event-notification_instance.main.guid
  description                 = "for ${data.ibm_iam-account_settings.x.account_id}"
  roles                       = ["Event Source Manager"]
}

resource "ibm_iam_authorisation_policy" "typo" {
  roles = ["Operator"]
}

resource "ibm_iam_authorization_policy_template" "no_such_type" {
  name = "backup-volume"
}

resource "ibm_iam_policy_templates" "plural" {
  name = "backup-volume"
}

# Real resource types close to the three, and made-up types outside the checked
# resources, pass quietly.
resource "ibm_iam_policy_template_version" "v2" {
  template_id = ibm_iam_policy_template.t.template_id
}

resource "ibm_iam_authorization_policy_detach" "detach" {
  authorization_policy_id = "abc"
}

output "elsewhere" {
  value = ibm_event-notification_instance.other.guid
}
