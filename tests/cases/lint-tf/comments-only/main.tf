# Only comments and blank lines: nothing to check.

// another style
/* and a
   block comment */
