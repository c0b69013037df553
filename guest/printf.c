/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * printf for guests. One formatter writes through a sink (the UART or a buffer), so
 * sdk_printf and sdk_snprintf share every conversion.
 *
 * Every store a guest makes to RAM is slow under the simulator's engine (docs/performance.md,
 * "The SDK's printf"), so the formatter keeps what it counts in registers: the length produced
 * so far goes from helper to helper as a value, and the digits of a number are produced most
 * significant first from the number itself, without a buffer.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sdk/printf.h>
#include <sdk/uart.h>

struct sink {
	bool uart; /* write to the UART, else to buf */
	char *buf;
	size_t size; /* buffer size, NUL included */
};

/* Puts c after the len bytes produced so far (those that did not fit count too): len + 1. */
static inline size_t sink_put(const struct sink *s, size_t len, char c)
{
	if (s->uart)
		sdk_uart_putc(c);
	else if (len + 1 < s->size)
		s->buf[len] = c;
	return len + 1;
}

static inline size_t sink_pad(const struct sink *s, size_t len, char c, int count)
{
	for (; count > 0; count--)
		len = sink_put(s, len, c);
	return len;
}

struct spec {
	bool left; /* '-' */
	bool zero; /* '0' */
	int width;
};

static size_t put_str(const struct sink *s, size_t len, const struct spec *sp, const char *str)
{
	int n = 0;

	if (!str)
		str = "(null)";
	while (str[n])
		n++;
	if (!sp->left)
		len = sink_pad(s, len, ' ', sp->width - n);
	for (int i = 0; i < n; i++)
		len = sink_put(s, len, str[i]);
	if (sp->left)
		len = sink_pad(s, len, ' ', sp->width - n);
	return len;
}

static size_t put_num(const struct sink *s, size_t len, const struct spec *sp, uint64_t value,
		      unsigned base, bool upper, bool negative, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	uint64_t place = 1; /* the place value of the most significant digit */
	int n = 1;
	int prefix_len = 0;
	int total;

	/* place * base never wraps: it is at most value here. */
	while (value / place >= base) {
		place *= base;
		n++;
	}
	if (negative)
		prefix = "-";
	while (prefix && prefix[prefix_len])
		prefix_len++;
	total = n + prefix_len;

	if (!sp->left && !sp->zero)
		len = sink_pad(s, len, ' ', sp->width - total);
	for (int i = 0; i < prefix_len; i++)
		len = sink_put(s, len, prefix[i]);
	if (!sp->left && sp->zero)
		len = sink_pad(s, len, '0', sp->width - total);
	for (; place != 0; place /= base)
		len = sink_put(s, len, digits[value / place % base]);
	if (sp->left)
		len = sink_pad(s, len, ' ', sp->width - total);
	return len;
}

/* Formats fmt with the arguments *ap holds: the length of the whole output. */
static size_t format(const struct sink *s, const char *fmt, va_list *ap)
{
	size_t len = 0;

	for (; *fmt; fmt++) {
		struct spec sp = {0};
		int lng = 0; /* number of 'l' (or z) modifiers */
		bool neg = false;
		uint64_t u;
		int64_t v;

		if (*fmt != '%') {
			len = sink_put(s, len, *fmt);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '-')
				sp.left = true;
			else if (*fmt == '0')
				sp.zero = true;
			else
				break;
		}
		if (*fmt == '*') {
			sp.width = va_arg(*ap, int);
			if (sp.width < 0) {
				sp.left = true;
				sp.width = -sp.width;
			}
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			sp.width = sp.width * 10 + (*fmt++ - '0');
		for (;; fmt++) {
			if (*fmt == 'l' || *fmt == 'z')
				lng++;
			else if (*fmt != 'h')
				break;
		}

		switch (*fmt) {
		case 'd':
		case 'i':
			v = lng ? va_arg(*ap, int64_t) : va_arg(*ap, int);
			neg = v < 0;
			u = neg ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
			len = put_num(s, len, &sp, u, 10, false, neg, NULL);
			break;
		case 'u':
			u = lng ? va_arg(*ap, uint64_t) : va_arg(*ap, unsigned int);
			len = put_num(s, len, &sp, u, 10, false, false, NULL);
			break;
		case 'x':
		case 'X':
			u = lng ? va_arg(*ap, uint64_t) : va_arg(*ap, unsigned int);
			len = put_num(s, len, &sp, u, 16, *fmt == 'X', false, NULL);
			break;
		case 'p':
			u = (uint64_t)(uintptr_t)va_arg(*ap, void *);
			len = put_num(s, len, &sp, u, 16, false, false, "0x");
			break;
		case 's':
			len = put_str(s, len, &sp, va_arg(*ap, const char *));
			break;
		case 'c': {
			char str[2] = {(char)va_arg(*ap, int), 0};

			len = put_str(s, len, &sp, str);
			break;
		}
		case '%':
			len = sink_put(s, len, '%');
			break;
		case '\0':
			/* A lone '%' at the end: print it and stop. */
			return sink_put(s, len, '%');
		default:
			/* Unknown conversion: show it as written. */
			len = sink_put(s, len, '%');
			len = sink_put(s, len, *fmt);
			break;
		}
	}
	return len;
}

/*
 * Formats from *ap, which the caller started, through s: the whole output's length, and a
 * buffer sink NUL-terminated when it has room for anything. Always inlined, so that each
 * entry point below formats straight from its own arguments.
 */
static inline __attribute__((always_inline)) int sink_format(const struct sink *s, const char *fmt,
							     va_list *ap)
{
	size_t len = format(s, fmt, ap);

	if (!s->uart && s->size)
		s->buf[len < s->size ? len : s->size - 1] = '\0';
	return (int)len;
}

/* As sink_format, from a copy of a va_list the caller holds (the v- entry points). */
static int sink_vformat(const struct sink *s, const char *fmt, va_list ap)
{
	va_list args;
	int n;

	va_copy(args, ap);
	n = sink_format(s, fmt, &args);
	va_end(args);
	return n;
}

int sdk_vprintf(const char *fmt, va_list ap)
{
	return sink_vformat(&(const struct sink){.uart = true}, fmt, ap);
}

int sdk_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	return sink_vformat(&(const struct sink){.buf = buf, .size = size}, fmt, ap);
}

int sdk_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = sink_format(&(const struct sink){.uart = true}, fmt, &ap);
	va_end(ap);
	return n;
}

int sdk_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = sink_format(&(const struct sink){.buf = buf, .size = size}, fmt, &ap);
	va_end(ap);
	return n;
}
