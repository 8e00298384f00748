#!/bin/bash
# An unclosed $( and an unclosed ${: the innermost is reported.
x=$(echo "a" ; echo b
y=${z:-default
