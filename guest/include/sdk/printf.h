/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A small printf for guests: %d %i %u %x %X %p %s %c %%, the length modifiers l, ll, z and h,
 * the flags '-' and '0', and a field width (digits or '*'). No floating point and no precision.
 */
#ifndef SDK_PRINTF_H
#define SDK_PRINTF_H

#include <stdarg.h>
#include <stddef.h>

/* Formats to the current UART (see sdk_uart_set_base). Returns the number of bytes written. */
int sdk_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* As sdk_printf with a va_list. */
int sdk_vprintf(const char *fmt, va_list ap);

/*
 * Formats into buf (at most size bytes, always NUL-terminated when size > 0). Returns the
 * length the whole output would have had, as C's snprintf does.
 */
int sdk_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* As sdk_snprintf with a va_list. */
int sdk_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif
