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

#endif
