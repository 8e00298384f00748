output "ready" {
  description = "Put this in depends_on of the backup policy."
  value = [
    ibm_iam_authorization_policy.instance.id,
    ibm_iam_authorization_policy.volume.id,
    ibm_iam_authorization_policy.snapshot.id,
    ibm_iam_authorization_policy.consistency_group.id,
  ]
}
