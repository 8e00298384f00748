/* strmap.h - a string-keyed hash map (open addressing, FNV-1a, grows at half load), for the
 * linear-time passes that need "seen before?" (the checker's accounts, children, templates
 * and names; lint's policies and files). Keys are not copied: they must outlive the map
 * (they live in the run's arena). */
#ifndef AZ_STRMAP_H
#define AZ_STRMAP_H

#include <stddef.h>

struct az_strmap {
    const char **keys;
    void **vals;
    size_t cap, n;
};

/* The value slot for key, inserting key (value NULL) when absent. */
void **az_strmap_slot(struct az_strmap *m, const char *key);
/* The value for key, or NULL. */
void *az_strmap_get(const struct az_strmap *m, const char *key);
void az_strmap_free(struct az_strmap *m);

/* A set of interned strings: one copy of each distinct string, so that models holding the
 * same names and values thousands of times (accountId, "is", role CRNs) hold pointers to
 * one copy. Zero-initialised; the copies live in the arena given, the table is malloc'd. */
struct az_strset {
    const char **keys;
    size_t cap, n;
};

struct az_arena;

/* The interned copy of s[0..n) (s need not be NUL-terminated), NUL-terminated; the same
 * pointer for the same bytes. A string holding a NUL byte is copied, not interned. */
const char *az_strset_intern(struct az_strset *set, struct az_arena *a, const char *s, size_t n);
void az_strset_free(struct az_strset *set);

#endif
