# The dev root module: its authorizations come from the shared module.
module "backup_iam" {
  source = "../../modules/backup-iam"
}
