/* SPDX-License-Identifier: BSD-3-Clause */
#include "common/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void diag_set(struct diag *d, const char *file, unsigned line, unsigned column, const char *fmt,
	      ...)
{
	va_list ap;

	if (d == NULL)
		return;
	snprintf(d->file, sizeof(d->file), "%s", file != NULL ? file : "");
	d->line = line;
	d->column = column;
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	va_end(ap);
}

const char *diag_format(const struct diag *d, char *buf, size_t size)
{
	if (d->file[0] == '\0')
		snprintf(buf, size, "%s", d->msg);
	else if (d->line == 0)
		snprintf(buf, size, "%s: %s", d->file, d->msg);
	else if (d->column == 0)
		snprintf(buf, size, "%s:%u: %s", d->file, d->line, d->msg);
	else
		snprintf(buf, size, "%s:%u:%u: %s", d->file, d->line, d->column, d->msg);
	return buf;
}
