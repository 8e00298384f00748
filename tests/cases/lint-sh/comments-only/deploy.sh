#!/bin/sh
# only comments

   # and blank lines
