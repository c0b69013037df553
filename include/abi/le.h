/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Little-endian fields of FF-A structures in buffers (FF-A v1.2 (DEN0077A) §5.1: structures are
 * little-endian), read and written byte by byte: the buffers come from guest memory at any
 * alignment.
 */
#ifndef ABI_LE_H
#define ABI_LE_H

#include <stdint.h>

/* The `bytes`-byte (1-8) little-endian value at p. */
static inline uint64_t ffa_le_get(const uint8_t *p, unsigned bytes)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < bytes; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

/* Writes v as a `bytes`-byte (1-8) little-endian value at p. */
static inline void ffa_le_put(uint8_t *p, uint64_t v, unsigned bytes)
{
	for (unsigned i = 0; i < bytes; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

#endif
