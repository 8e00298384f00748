/* lint_units.h - deployment units: which linted policies land in the same account.
 *
 * Companions (AZ404) and duplicates (AZ405) are only checked within a unit (README
 * "Deployment units"). A unit is a folder: a Terraform root module together with the local
 * modules it calls (`module { source = "./..." }`, followed through module folders that
 * call modules), or the scripts and JSON bodies that sit together in one folder (a JSON
 * file a script passes with --file belongs to the script's folder). A module folder called
 * by several roots belongs to each of them. Policies naming the same literal account ID
 * on both sides are one account wherever they are: lint_check.c does not scope them. */
#ifndef AZ_LINT_UNITS_H
#define AZ_LINT_UNITS_H

#include <stddef.h>

#include "authzc/lint_model.h"

struct az_ctx;
struct az_lunits;

/* The units of every file of the run (linear in the files and calls, in the arena). */
struct az_lunits *az_lint_units_build(struct az_ctx *ctx, const struct az_lfile *files);
/* The units f's policies belong to, as folder paths ("envs/dev", "." for the working
 * folder), in a fixed order; *n >= 1. */
const char *const *az_lint_units_of(const struct az_lunits *u, const struct az_lfile *f,
                                    size_t *n);
/* Frees what the units hold outside the arena. */
void az_lint_units_free(struct az_lunits *u);
/* How many distinct units the run's policies are in. */
size_t az_lint_units_count(const struct az_lunits *u);

#endif
