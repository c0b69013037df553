/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Loaders: ELF64 AArch64 executables (PT_LOAD segments, .bss zero-filled, entry point) and raw
 * binaries at a load address, into guest RAM or flash.
 */
#ifndef EMU_LOADER_H
#define EMU_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/diag.h"
#include "emu/memory.h"

struct emu_image {
	uint64_t entry;
	uint64_t low;  /* lowest loaded address */
	uint64_t high; /* one past the highest loaded address */
	unsigned segments;
};

/*
 * Loads an ELF image held in memory; name is used in errors. secure: load into secure RAM
 * (partitions) instead of non-secure RAM and flash. False on error, with *err naming the file.
 */
bool emu_load_elf_buf(struct emu_memory *mem, const void *data, size_t size, const char *name,
		      bool secure, struct emu_image *image, struct diag *err);

/* Loads an ELF file. */
bool emu_load_elf(struct emu_memory *mem, const char *path, bool secure, struct emu_image *image,
		  struct diag *err);

/*
 * Loads a raw image held in memory at addr; the entry point is addr; name is used in errors.
 * False on error (empty, or outside the memory the world may load into).
 */
bool emu_load_raw_buf(struct emu_memory *mem, const void *data, size_t size, const char *name,
		      uint64_t addr, bool secure, struct emu_image *image, struct diag *err);

/* Loads a raw binary file at addr; the entry point is addr. */
bool emu_load_raw(struct emu_memory *mem, const char *path, uint64_t addr, bool secure,
		  struct emu_image *image, struct diag *err);

/*
 * Reads a whole regular file of at most 1 GiB into a malloc'd buffer (cfg_read_file()). False
 * with *err on failure, before reading anything for a directory, device, FIFO or larger file.
 */
bool emu_read_file(const char *path, uint8_t **data, size_t *size, struct diag *err);

/* True if the data starts with the ELF magic. */
bool emu_is_elf(const void *data, size_t size);

#endif
