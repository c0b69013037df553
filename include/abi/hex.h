/* SPDX-License-Identifier: BSD-3-Clause */
/* Hexadecimal digits in text (UUIDs, the GDB remote protocol). */
#ifndef ABI_HEX_H
#define ABI_HEX_H

/* The value of hexadecimal digit c (either case), or -1 when c is not one. */
static inline int ffa_hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

#endif
