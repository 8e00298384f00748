# A block comment that is never closed.
resource "ibm_iam_authorization_policy" "x" {
  roles = ["Operator"] /* TODO: which roles
  does the share need?
}
