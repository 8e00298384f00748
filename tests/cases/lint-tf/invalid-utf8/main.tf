# A Latin-1 file: é in a comment and in a string (both reported).
locals {
  cafÃ© = 1
  name = "résumé"
}
