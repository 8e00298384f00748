# A variable with a default: lint reads the default (an override in tfvars is not seen).
variable "volume_targets" {
  type = map(string)
  default = {
    instanceId                 = "Operator"
    volumeId                   = "Operator"
    snapshotId                 = "Viewer" # wrong: Backup for VPC needs Editor on snapshots
    snapshotConsistencyGroupId = "Editor"
  }
}
