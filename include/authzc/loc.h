/* loc.h - a place in a source: 1-based line and column, columns count bytes. */
#ifndef AZ_LOC_H
#define AZ_LOC_H

#include <stdint.h>

struct az_source;

struct az_loc {
    const struct az_source *src; /* NULL: no place (whole-run diagnostics) */
    uint32_t line;               /* 1-based */
    uint32_t col;                /* 1-based, in bytes */
    uint32_t len;                /* bytes to underline on that line, at least 1 */
};

#endif
