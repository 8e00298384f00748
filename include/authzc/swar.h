/* swar.h - reading text eight bytes at a time (SIMD within a register): the scanners skip
 * indentation and plain string bytes, and source.c finds line ends, a word at a time. */
#ifndef AZ_SWAR_H
#define AZ_SWAR_H

#include <stdint.h>
#include <string.h>

#define AZ_SWAR_ONES 0x0101010101010101u
#define AZ_SWAR_LOW7 0x7f7f7f7f7f7f7f7fu

/* The eight bytes at s, in one load (memcpy: no alignment is assumed). */
static inline uint64_t az_swar_load8(const void *s)
{
    uint64_t v;
    memcpy(&v, s, sizeof v);
    return v;
}

/* The high bit of each byte of v that is 0, and only those (exact: no borrow across
 * bytes). */
static inline uint64_t az_swar_zero_bytes(uint64_t v)
{
    return ~(((v & AZ_SWAR_LOW7) + AZ_SWAR_LOW7) | v | AZ_SWAR_LOW7);
}

/* The index (0-7, in the text's order) of the first byte of m, loaded with az_swar_load8,
 * that is not 0; m is not 0. */
static inline unsigned az_swar_first(uint64_t m)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return (unsigned)__builtin_ctzll(m) / 8;
#else
    unsigned char b[8];
    memcpy(b, &m, sizeof b);
    unsigned k = 0;
    while (!b[k])
        k++;
    return k;
#endif
}

#endif
