terraform {
  required_version = ">= 1.3"

  required_providers {
    ibm = {
      source  = "IBM-Cloud/ibm"
      version = ">= 1.62.0"
      configuration_aliases = [
        ibm.account_b,
      ]
    }
    time = {
      source  = "hashicorp/time"
      version = ">= 0.7.2"
    }
  }
}
