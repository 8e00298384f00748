# Every kind of HCL expression, in resources authzc does not check: nothing to report.
terraform {
  required_version = ">= 1.5"
  required_providers {
    ibm = {
      source  = "IBM-Cloud/ibm"
      version = ">= 1.60.0"
    }
  }
}

provider "ibm" {
  region = var.region
}

variable "region" {
  type        = string
  default     = "us-south"
  description = "Where the VPC lives; \"quoted\" and a tab\there, a \u00e9 and a \U0001F600"
  validation {
    condition     = can(regex("^[a-z]+-[a-z]+$", var.region)) && length(var.region) > 3
    error_message = "Region names look like us-south (and $${not} %%{interpolated})."
  }
}

variable "zones" {
  type    = list(string)
  default = ["us-south-1", "us-south-2",]
}

locals {
  numbers   = [1, 2.5, 3e2, 1.5E-3, -4, 0]
  flags     = { enabled = true, disabled = false, nothing = null }
  math      = (1 + 2) * 3 / 4 % 5 - -6
  compare   = 1 < 2 && 2 <= 3 || 3 > 4 && !(4 >= 5) || 5 == 5 != false
  nested    = { a = { b = { c = [1, [2, [3, { d = "e" }]]] } } }
  mixed_obj = {
    plain = 1, "quoted" = 2
    "colon": 3
    (var.region) = 4
    trailing     = 5,
  }
  empty_obj   = {}
  empty_tuple = []
  cond        = var.region == "us-south" ? "dallas" : var.region == "eu-de" ? "frankfurt" : "other"
  tuple_for   = [for z in var.zones : upper(z) if z != ""]
  tuple_for2  = [for i, z in var.zones : "${i}-${z}"]
  object_for  = { for i, z in var.zones : z => i }
  grouped     = {
    for z in var.zones :
    substr(z, 0, 2) => z...
    if length(z) > 0
  }
  splat_full  = ibm_is_vpc.main[*].id
  splat_attr  = ibm_is_subnet.all.*.id
  index       = var.zones[0]
  legacy      = ibm_is_subnet.all.0.id
  call_spread = max(local.numbers...)
  call_multi  = format(
    "%s-%s",
    var.region,
    local.index,
  )
  interp      = "zone ${var.zones[0]} in ${upper(var.region)}, ${~ "stripped" ~} done"
  directive   = "%{if var.region != ""}set%{else}unset%{endif} and %{for z in var.zones}${z},%{endfor}"
  paren_multi = (
    var.region
    == "us-south"
  )
  heredoc = <<EOT
Plain heredoc with ${var.region} and %{if true}a directive%{endif}.
  Indented line, "quotes" and \n stay as written.
EOT
  flushed = <<-EOT
    Flush heredoc
      keeps relative indentation
    EOT
  json = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:*"] }]
  })
  template_in_heredoc = <<-EOT
    %{~ for z in var.zones ~}
    ${z}
    %{~ endfor ~}
  EOT
}

/* A block comment
   spanning lines, with ${ not } an interpolation */
resource "ibm_is_vpc" "main" {
  name           = "vpc-${var.region}" // trailing comment
  resource_group = data.ibm_resource_group.rg.id
  tags           = concat(["a"], [for t in ["b", "c"] : t])

  dynamic "address_prefix" {
    for_each = toset(var.zones)
    content {
      name = address_prefix.value
    }
  }

  lifecycle {
    ignore_changes = [tags]
  }
  timeouts { create = "30m" }
}

data "ibm_resource_group" "rg" {
  name = "default"
}

module "vpc" {
  source = "./modules/vpc"
  count  = length(var.zones) > 0 ? 1 : 0
}

output "ids" {
  value = { for k, v in ibm_is_vpc.main : k => v.id }
}
