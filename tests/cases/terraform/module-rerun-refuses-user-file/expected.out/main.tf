resource "null_resource" "mine" {}
