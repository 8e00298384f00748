# The closing marker is the last line, without a line end after it (HCL needs one).
locals {
  text = <<EOT
hello
EOT