# Syntax errors at plain strings (read whole by the scanner, reported at their opening quote,
# as when they were read in parts).
bad_pair = "a\"b" "c"
x = 1 "plain"
directive = "%{ "x" }"
resource "a" "b" "c" "d" = {}
