/* report.h - diagnostics in machine formats: JSON, SARIF 2.1.0 and GitHub workflow
 * commands (the text format is in diag.c). */
#ifndef AZ_REPORT_H
#define AZ_REPORT_H

#include <stddef.h>
#include <stdio.h>

struct az_ctx;
struct az_report_opts;

/* Prints the (already sorted) queue in opts->format. Returns the records printed. */
size_t az_report_print(struct az_ctx *ctx, FILE *out, const struct az_report_opts *opts);

#endif
