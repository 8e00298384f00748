/* strmap.c - a string-keyed hash map: open addressing, linear probing, a multiplicative
 * hash over 8-byte words. */
#include "authzc/strmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "authzc/arena.h"

static size_t hash_span(const char *s, size_t n);

/* Keys are hashed eight bytes at a time, as interned strings are (lint's keys join an
 * account, a target and an instance: a hundred bytes, a multiply each with FNV-1a). Nothing
 * reads a map in slot order, so the hash decides no output. */
static size_t hash_str(const char *s)
{
    return hash_span(s, strlen(s));
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

/* ---- interned strings ------------------------------------------------------------------- */

/* Eight bytes at a time (the interned strings are names, IDs and CRNs of 2 to 80 bytes). */
static size_t hash_span(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603u ^ n;
    for (; n >= 8; s += 8, n -= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0x9E3779B97F4A7C15u;
        h ^= h >> 29;
    }
    uint64_t w = 0;
    memcpy(&w, s, n);
    h = (h ^ w) * 0x9E3779B97F4A7C15u;
    return (size_t)(h ^ (h >> 32));
}

static void set_put(struct az_strset *set, const char *key)
{
    size_t i = hash_span(key, strlen(key)) & (set->cap - 1);
    while (set->keys[i])
        i = (i + 1) & (set->cap - 1);
    set->keys[i] = key;
    set->n++;
}

const char *az_strset_intern(struct az_strset *set, struct az_arena *a, const char *s, size_t n)
{
    if (memchr(s, '\0', n))
        return az_arena_strndup(a, s, n);
    if ((set->n + 1) * 2 > set->cap) {
        struct az_strset old = *set;
        set->cap = old.cap ? old.cap * 2 : 256;
        set->n = 0;
        set->keys = calloc(set->cap, sizeof *set->keys);
        if (!set->keys)
            az_oom();
        for (size_t i = 0; i < old.cap; i++)
            if (old.keys[i])
                set_put(set, old.keys[i]);
        free(old.keys);
    }
    size_t i = hash_span(s, n) & (set->cap - 1);
    for (const char *k; (k = set->keys[i]) != NULL; i = (i + 1) & (set->cap - 1))
        if (strncmp(k, s, n) == 0 && k[n] == '\0') /* k may be shorter than n: not memcmp */
            return k;
    char *copy = az_arena_strndup(a, s, n);
    set->keys[i] = copy;
    set->n++;
    return copy;
}

void az_strset_free(struct az_strset *set)
{
    free(set->keys);
    memset(set, 0, sizeof *set);
}
