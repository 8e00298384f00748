/* schema.h - the JSON Schema (draft 2020-12) of the YAML intent, schema/authzc.schema.json,
 * built into the executable (`authzc schema` prints it). The file is the source: it is
 * embedded at build time (compiler/embed.cmake), and tests/scripts/schema.sh proves its
 * enums equal the rule table and its patterns agree with the checker. */
#ifndef AZ_SCHEMA_H
#define AZ_SCHEMA_H

#include <stddef.h>

extern const char az_schema_text[]; /* NUL-terminated */
extern const size_t az_schema_len;  /* bytes, without the NUL */

#endif
