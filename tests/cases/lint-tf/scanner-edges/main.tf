# Lexical edges of the hand-written scanner (compiler/hcl_scan.c), each read as the flex
# scanner it replaced read them: escapes followed by more hex digits, a string right after
# an escaped quote, plain strings beside templates, heredocs, directives.
resource "ibm_iam_authorization_policy" "escapes" {
  source_service_name         = "is"
  source_resource_type        = "backup-policy"
  target_service_name         = "\u0069s"
  target_resource_type        = "snapshot"
  roles                       = ["\u0045ditor", "Op\U00000065rator"]
  description                 = "caf\u00e9c \"quoted\" ${"inner"} %%{ not a directive } $${ nor this }"
}

locals {
  empty   = ""
  tricky  = "a\"b"
  joined  = "${local.empty}${"x"}"
  cond    = "%{ if local.empty == "" }none%{ else }some%{ endif }"
  text    = <<-EOT
    line with "quotes" and ${local.tricky}
      indented \n not an escape here
    EOT
  number  = 1.5e+3
}
