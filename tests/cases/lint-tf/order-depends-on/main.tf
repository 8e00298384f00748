module "backup_authorizations" {
  source = "./modules/authz"
}

resource "ibm_is_backup_policy" "daily" {
  name                = "daily-volumes"
  match_user_tags     = ["backup:daily"]
  match_resource_type = "volume"

  depends_on = [module.backup_authorizations.ready]
}
