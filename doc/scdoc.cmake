# doc/scdoc.cmake - builds one man page: scdoc SRC > OUT, then drops the empty paragraph
# macros scdoc 1.11 writes (before and after section headings, doubled) and moves the one that
# ends an indented block after its .RE, all of which `mandoc -T lint` reports, so that every
# page lints clean. The page's date is SOURCE_DATE_EPOCH (reproducible builds). Run by
# doc/CMakeLists.txt:
#   cmake -DSCDOC=... -DSRC=page.scd -DOUT=page.1 -DEPOCH=SECONDS -P scdoc.cmake
set(ENV{SOURCE_DATE_EPOCH} "${EPOCH}")
execute_process(COMMAND "${SCDOC}" INPUT_FILE "${SRC}" OUTPUT_VARIABLE roff
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "scdoc failed on ${SRC}: ${err}")
endif()
# Each rule: a `.P` line that paragraphs nothing.
string(REGEX REPLACE "\n\\.P\n\\.RE\n" "\n.RE\n.P\n" roff "${roff}")
string(REGEX REPLACE "\n\\.P\n\\.SH " "\n.SH " roff "${roff}")
string(REGEX REPLACE "(\n\\.SH [^\n]*\n)\\.P\n" "\\1" roff "${roff}")
string(REGEX REPLACE "(\n\\.TH [^\n]*\n)\\.P\n" "\\1" roff "${roff}")
string(REGEX REPLACE "\n\\.P\n\\.P\n" "\n.P\n" roff "${roff}")
string(REGEX REPLACE "\n\\.P\n$" "\n" roff "${roff}")
file(WRITE "${OUT}.tmp" "${roff}")
file(RENAME "${OUT}.tmp" "${OUT}")
