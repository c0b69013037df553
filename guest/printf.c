/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * printf for guests. One formatter writes through a sink (the UART or a buffer), so
 * sdk_printf and sdk_snprintf share every conversion.
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
	size_t len;  /* bytes produced so far (also those that did not fit) */
};

static void sink_put(struct sink *s, char c)
{
	if (s->uart)
		sdk_uart_putc(c);
	else if (s->len + 1 < s->size)
		s->buf[s->len] = c;
	s->len++;
}

static void sink_pad(struct sink *s, char c, int count)
{
	for (; count > 0; count--)
		sink_put(s, c);
}

struct spec {
	bool left; /* '-' */
	bool zero; /* '0' */
	int width;
};

static void put_str(struct sink *s, const struct spec *sp, const char *str)
{
	int len = 0;

	if (!str)
		str = "(null)";
	while (str[len])
		len++;
	if (!sp->left)
		sink_pad(s, ' ', sp->width - len);
	for (int i = 0; i < len; i++)
		sink_put(s, str[i]);
	if (sp->left)
		sink_pad(s, ' ', sp->width - len);
}

static void put_num(struct sink *s, const struct spec *sp, uint64_t value, unsigned base,
		    bool upper, bool negative, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;
	int prefix_len = 0;
	int total;

	do {
		tmp[n++] = digits[value % base];
		value /= base;
	} while (value);
	if (negative)
		prefix = "-";
	while (prefix && prefix[prefix_len])
		prefix_len++;
	total = n + prefix_len;

	if (!sp->left && !sp->zero)
		sink_pad(s, ' ', sp->width - total);
	for (int i = 0; i < prefix_len; i++)
		sink_put(s, prefix[i]);
	if (!sp->left && sp->zero)
		sink_pad(s, '0', sp->width - total);
	while (n)
		sink_put(s, tmp[--n]);
	if (sp->left)
		sink_pad(s, ' ', sp->width - total);
}

static void format(struct sink *s, const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		struct spec sp = {0};
		int lng = 0; /* number of 'l' (or z) modifiers */
		bool neg = false;
		uint64_t u;
		int64_t v;

		if (*fmt != '%') {
			sink_put(s, *fmt);
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
			sp.width = va_arg(ap, int);
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
			v = lng ? va_arg(ap, int64_t) : va_arg(ap, int);
			neg = v < 0;
			u = neg ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
			put_num(s, &sp, u, 10, false, neg, NULL);
			break;
		case 'u':
			u = lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned int);
			put_num(s, &sp, u, 10, false, false, NULL);
			break;
		case 'x':
		case 'X':
			u = lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned int);
			put_num(s, &sp, u, 16, *fmt == 'X', false, NULL);
			break;
		case 'p':
			u = (uint64_t)(uintptr_t)va_arg(ap, void *);
			put_num(s, &sp, u, 16, false, false, "0x");
			break;
		case 's':
			put_str(s, &sp, va_arg(ap, const char *));
			break;
		case 'c': {
			char str[2] = {(char)va_arg(ap, int), 0};

			put_str(s, &sp, str);
			break;
		}
		case '%':
			sink_put(s, '%');
			break;
		case '\0':
			/* A lone '%' at the end: print it and stop. */
			sink_put(s, '%');
			return;
		default:
			/* Unknown conversion: show it as written. */
			sink_put(s, '%');
			sink_put(s, *fmt);
			break;
		}
	}
}

int sdk_vprintf(const char *fmt, va_list ap)
{
	struct sink s = {.uart = true};

	format(&s, fmt, ap);
	return (int)s.len;
}

int sdk_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = sdk_vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int sdk_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink s = {.buf = buf, .size = size};

	format(&s, fmt, ap);
	if (size)
		buf[s.len < size ? s.len : size - 1] = '\0';
	return (int)s.len;
}

int sdk_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = sdk_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
