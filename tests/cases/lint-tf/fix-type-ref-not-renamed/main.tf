# A data block read and released as it was parsed refers to the misspelled type: its
# reference cannot be renamed with the label, so --fix offers no fix for AZ604 here.
data "ibm_iam_authorization_policies" "all" {
  depends_on = [ibm_iam_authorisation_policy.volume]
}

resource "ibm_iam_authorisation_policy" "volume" {
  source_service_name         = "is"
  source_resource_type        = "backup-policy"
  target_service_name         = "is"
  target_resource_type        = "volume"
  roles                       = ["Operator"]
}
