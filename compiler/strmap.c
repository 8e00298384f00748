/* strmap.c - a string-keyed hash map: open addressing, linear probing, FNV-1a. */
#include "authzc/strmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t hash_str(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

void az_strmap_free(struct az_strmap *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

static void grow(struct az_strmap *m)
{
    struct az_strmap old = *m;
    m->cap = old.cap ? old.cap * 2 : 64;
    m->n = 0;
    m->keys = calloc(m->cap, sizeof *m->keys);
    m->vals = calloc(m->cap, sizeof *m->vals);
    if (!m->keys || !m->vals) {
        fputs("authzc: error: out of memory\n", stderr);
        abort();
    }
    for (size_t i = 0; i < old.cap; i++)
        if (old.keys[i])
            *az_strmap_slot(m, old.keys[i]) = old.vals[i];
    az_strmap_free(&old);
}

void **az_strmap_slot(struct az_strmap *m, const char *key)
{
    if ((m->n + 1) * 2 > m->cap)
        grow(m);
    size_t i = hash_str(key) & (m->cap - 1);
    while (m->keys[i] && strcmp(m->keys[i], key) != 0)
        i = (i + 1) & (m->cap - 1);
    if (!m->keys[i]) {
        m->keys[i] = key;
        m->n++;
    }
    return &m->vals[i];
}

void *az_strmap_get(const struct az_strmap *m, const char *key)
{
    if (!m->cap)
        return NULL;
    size_t i = hash_str(key) & (m->cap - 1);
    while (m->keys[i]) {
        if (strcmp(m->keys[i], key) == 0)
            return m->vals[i];
        i = (i + 1) & (m->cap - 1);
    }
    return NULL;
}
