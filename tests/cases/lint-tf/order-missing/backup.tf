# Created at the same time as the authorizations: nothing orders it after them.
resource "ibm_is_backup_policy" "daily" {
  name                = "daily-volumes"
  match_user_tags     = ["backup:daily"]
  match_resource_type = "volume"
}
