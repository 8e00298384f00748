# IBM's backup-s2s-auth documentation, Terraform for Event Notifications (IBM-FORMATS.md
# section 6, row 8): resource types that do not exist, the singular service name and a
# role ID where Terraform needs the display name.
resource "ibm_iam_authorization_policy" "en-policy" {
   source_service_name         = "is"
   source_resource_type        = "backup-policy"
   source_resource_instance_id = ibm_backup-policy_instance.instance.guid
   target_service_name         = "event-notification"
   target_resource_instance_id = ibm_event-notification_instance.instance.guid
   roles                       = ["EventSourceManager"]
}
