output "ids" {
  value = {
    a = ibm_iam_authorization_policy.in_a.id
    b = ibm_iam_authorization_policy.in_b.id
  }
}

output "ready" {
  value = time_sleep.wait.id

  depends_on = [
    ibm_iam_authorization_policy.in_a,
    ibm_iam_authorization_policy.in_b,
  ]
}
