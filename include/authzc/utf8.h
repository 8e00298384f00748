/* utf8.h - the one UTF-8 validator of authzc (RFC 3629: no overlong forms, no surrogates,
 * nothing past U+10FFFF). Inline: the JSON scanner calls it on its hot path. */
#ifndef AZ_UTF8_H
#define AZ_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* The length of the UTF-8 sequence at s (at most avail bytes, avail >= 1), or 0 when it is
 * not valid UTF-8. */
static inline size_t az_utf8_len(const unsigned char *s, size_t avail)
{
    unsigned c = s[0];
    size_t n;
    unsigned lo = 0x80, hi = 0xBF;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    if (avail < n || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return n;
}

/* Whether the NUL-terminated s is valid UTF-8. */
static inline bool az_utf8_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t left = 0;
    while (p[left])
        left++;
    while (left > 0) {
        size_t k = az_utf8_len(p, left);
        if (k == 0)
            return false;
        p += k;
        left -= k;
    }
    return true;
}

#endif
