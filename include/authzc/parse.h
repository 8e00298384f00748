/* parse.h - the two front ends. Each appends what it reads to one intent and queues a
 * located diagnostic for every problem; after an error it goes on to find more.
 * Returns 0 when the source had no errors, -1 otherwise. */
#ifndef AZ_PARSE_H
#define AZ_PARSE_H

struct az_ctx;
struct az_source;
struct az_intent;

/* The .authz DSL: grammar/authz.l (flex) and grammar/authz.y (bison); driver parse_dsl.c. */
int az_parse_dsl(struct az_ctx *ctx, const struct az_source *src, struct az_intent *out);
/* The YAML form, through libyaml's event API: parse_yaml.c. */
int az_parse_yaml(struct az_ctx *ctx, const struct az_source *src, struct az_intent *out);

#endif
