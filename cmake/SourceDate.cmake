# cmake/SourceDate.cmake - AZ_SOURCE_DATE_EPOCH: the date stamped into man pages and the
# Debian changelog, so that two builds of one commit give the same bytes. SOURCE_DATE_EPOCH
# from the environment wins (reproducible-builds.org); else the time of the last commit; else
# the release date of this version.
if(DEFINED ENV{SOURCE_DATE_EPOCH})
  set(AZ_SOURCE_DATE_EPOCH "$ENV{SOURCE_DATE_EPOCH}")
else()
  set(AZ_SOURCE_DATE_EPOCH "")
  find_package(Git QUIET)
  if(GIT_FOUND AND EXISTS ${PROJECT_SOURCE_DIR}/.git)
    execute_process(COMMAND ${GIT_EXECUTABLE} log -1 --format=%ct
                    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
                    OUTPUT_VARIABLE AZ_SOURCE_DATE_EPOCH OUTPUT_STRIP_TRAILING_WHITESPACE
                    ERROR_QUIET)
  endif()
  if(NOT AZ_SOURCE_DATE_EPOCH MATCHES "^[0-9]+$")
    set(AZ_SOURCE_DATE_EPOCH 1796515200) # 2026-12-06, the release of 0.1.0
  endif()
endif()
