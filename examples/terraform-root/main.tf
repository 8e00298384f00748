# A root module that uses the module authzc writes for examples/enterprise-child.authz:
#   authzc compile -t terraform --wait 30s -o authz/ examples/enterprise-child.authz
# The policies live in two child accounts, so the module takes one provider per account.

terraform {
  required_version = ">= 1.3"

  required_providers {
    ibm = {
      source  = "IBM-Cloud/ibm"
      version = ">= 1.62.0"
    }
  }
}

variable "ibmcloud_api_key" {
  type      = string
  sensitive = true
}

variable "child_api_keys" {
  description = "An API key of each child account, by account ID."
  type        = map(string)
  sensitive   = true
}

provider "ibm" {
  ibmcloud_api_key = var.ibmcloud_api_key
  region           = "us-south"
}

provider "ibm" {
  alias            = "account_0123456789abcdef0123456789abcdef"
  ibmcloud_api_key = var.child_api_keys["0123456789abcdef0123456789abcdef"]
  region           = "us-south"
}

provider "ibm" {
  alias            = "account_fedcba9876543210fedcba9876543210"
  ibmcloud_api_key = var.child_api_keys["fedcba9876543210fedcba9876543210"]
  region           = "us-south"
}

module "backup_authorizations" {
  source = "./authz"

  providers = {
    ibm.account_0123456789abcdef0123456789abcdef = ibm.account_0123456789abcdef0123456789abcdef
    ibm.account_fedcba9876543210fedcba9876543210 = ibm.account_fedcba9876543210fedcba9876543210
  }
}

# Backup for VPC needs the authorizations in place (and effective: --wait) before the
# policy exists; without depends_on Terraform may create it first.
resource "ibm_is_backup_policy" "daily" {
  provider = ibm.account_0123456789abcdef0123456789abcdef

  name                = "daily-volume-backups"
  match_resource_type = "volume"
  match_user_tags     = ["backup:daily"]

  depends_on = [module.backup_authorizations.ready]
}

output "authorization_policy_ids" {
  value = module.backup_authorizations.authorization_policy_ids
}
