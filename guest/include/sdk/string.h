/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The C string functions a freestanding guest needs. GCC emits calls to memset, memcpy, memmove
 * and memcmp even with -ffreestanding (struct copies, zeroed arrays), so every guest links them.
 */
#ifndef SDK_STRING_H
#define SDK_STRING_H

#include <stddef.h>

void *memset(void *dst, int c, size_t n);
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

#endif
