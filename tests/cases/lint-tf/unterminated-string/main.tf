# A string that runs to the end of the file.
resource "ibm_iam_authorization_policy" "x" {
  roles       = ["Operator"]
  description = "never closed