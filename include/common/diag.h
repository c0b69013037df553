/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Input diagnostics: one error with the position it refers to. Every parser (platform files,
 * manifests, scenarios, ELF images, the command line) reports through this struct so that the
 * tool prints every input error in one form: "FILE:LINE:COLUMN: message".
 */
#ifndef COMMON_DIAG_H
#define COMMON_DIAG_H

#include <stddef.h>

#define DIAG_FILE_MAX 512
#define DIAG_MSG_MAX 512

struct diag {
	char file[DIAG_FILE_MAX]; /* "" when the error is not about a file */
	unsigned line;            /* 1-based; 0 when unknown */
	unsigned column;          /* 1-based; 0 when unknown */
	char msg[DIAG_MSG_MAX];
};

/* Records an error at FILE:LINE:COLUMN (file may be NULL, line/column 0 when unknown). */
void diag_set(struct diag *d, const char *file, unsigned line, unsigned column, const char *fmt,
	      ...) __attribute__((format(printf, 5, 6)));

/*
 * Formats the error as "file:line:column: msg" (the parts that are known) into buf.
 * Returns buf.
 */
const char *diag_format(const struct diag *d, char *buf, size_t size);

#endif
