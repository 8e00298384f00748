# IBM's backup-s2s-auth documentation, Terraform for file share backups (IBM-FORMATS.md
# section 6, row 7): both roles in one string, as role IDs, and the target named by
# target_resource_type.
resource "ibm_iam_authorization_policy" "policy1" {
   source_service_name  = "is"
   source_resource_type = "backup-policy"
   target_service_name  = "is"
   target_resource_type = "share"
   roles                = ["ShareSnapshotOperator,Editor"]
}
