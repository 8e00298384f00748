# terraform-provider-ibm#6241: an Event Notifications authorization that fails at apply
# time with "RoleDoesnotExist: Event Source Manager was not found. Valid roles are NONE,"
# (the service is event-notifications, plural).
resource "ibm_is_backup_policy" "vpc_backup" {
  match_resource_type = "volume"
  match_user_tags     = ["backup"]
  name                = "vpc-backup"
}

resource "ibm_resource_instance" "en" {
  name     = "backup-events"
  service  = "event-notifications"
  plan     = "standard"
  location = "us-south"
}

resource "ibm_iam_authorization_policy" "backup_to_en" {
  source_service_name         = "is"
  source_resource_type        = "backup-policy"
  source_resource_instance_id = ibm_is_backup_policy.vpc_backup.id
  target_service_name         = "event-notification"
  target_resource_instance_id = ibm_resource_instance.en.guid
  roles                       = ["Event Source Manager"]
}
