# An argument set twice in one block: HCL refuses the file (Attribute redefined).
resource "ibm_iam_authorization_policy" "volume" {
  source_service_name  = "is"
  source_resource_type = "backup-policy"
  target_service_name  = "is"
  roles                = ["Operator"]
  roles                = ["Editor"]
}
