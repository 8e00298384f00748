# A heredoc whose closing marker is missing.
resource "ibm_iam_authorization_policy" "x" {
  roles       = ["Operator"]
  description = <<-EOT
    Backups for the payments VPC
  EOF
}
