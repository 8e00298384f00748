# Lines the scanner reads whole (NAME = "text", NAME "label"... {) and near misses it reads
# token by token: the findings and their places are the same either way.
resource "ibm_iam_authorization_policy" "whole" {
  source_service_name = "is"
  source_resource_type = "backup-policy"
  description		= "tabs before the equals sign"   
  roles = ["Operator"]
  resource_attributes {
    name     = "serviceName"
    operator = "stringEquals"
    value    = "is"
  }
  resource_attributes {
    name  = "accountId"
    value = ""
  }
  resource_attributes {
    name  = "volumeId" # a comment: token by token
    value = "${var.volume}"
    operater = "stringEquals"
  }
}

resource "ibm_iam_authorization_policy" "parts" { # a comment after the brace
  source_service_name="is"
  source_resource_type = "backup-policy"
  target_service_name  = "is\u0073"
  roles = ["Operator", "Editor"]
  resource_attributes {  
    name  = "resourceType"
    value = "volume"
  }
}

variable "volume" {
  default = "r006-1"
}

five "a" "b" "c" "d" "e" {
  x = "y"
}
empty "" {
  x = "y"
}
résumé = "a name with UTF-8"
locals {
  x = "one"
  y = "two" 
}
