/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Reading an input file whole, for every loader (YAML files, images, device trees, scenarios).
 * Only regular files are read: a directory, a device such as /dev/zero or a FIFO is refused
 * before anything is read (a FIFO without a writer would block forever), and a file larger
 * than the caller's limit is refused from its size, before any byte is read.
 */
#ifndef COMMON_FILE_H
#define COMMON_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/diag.h"

/*
 * Reads the regular file at path, of at most max bytes (a file of exactly max bytes is read),
 * into a new buffer the caller frees (one byte longer than *size, holding a NUL, so text can
 * be read as a string). Returns false with *err naming the file when it cannot be opened or
 * read, is not a regular file, or is larger than max.
 */
bool cfg_read_file(const char *path, uint64_t max, uint8_t **data, size_t *size, struct diag *err);

/* Writes a size as "16 MiB", "1 GiB" or "4097 bytes" into buf (for messages). Returns buf. */
const char *cfg_size_text(uint64_t size, char *buf, size_t len);

#endif
