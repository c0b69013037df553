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

/* The arm64 Linux Image header (Linux Documentation/arch/arm64/booting.rst, "Call the kernel
 * image"): 64 bytes at the start of an Image, "ARM\x64" at offset 56. */
#define EMU_ARM64_HEADER_SIZE 64u
#define EMU_ARM64_MAGIC_OFFSET 56u
#define EMU_ARM64_MAGIC 0x644d5241u /* "ARM\x64", little-endian */
/* The Image goes text_offset bytes above a 2 MiB-aligned base address. */
#define EMU_ARM64_ALIGN (UINT64_C(2) << 20)
/* flags bit 0: the kernel is big-endian. */
#define EMU_ARM64_FLAG_BE UINT64_C(1)

/* The fields of an arm64 Image header the boot protocol places the image by. */
struct emu_arm64_header {
	uint64_t text_offset; /* where the image goes above a 2 MiB-aligned base */
	uint64_t image_size;  /* bytes the kernel occupies from there, .bss included; 0: unknown */
	uint64_t flags;       /* bit 0 big-endian, bits 1-2 page size, bit 3 placement */
};

/* True if data starts with an arm64 Image header (its magic at offset 56). */
bool emu_is_arm64_image(const void *data, size_t size);

/*
 * Reads and checks an arm64 Image header: little-endian (flags bit 0 clear), text_offset
 * inside the 2 MiB block, image_size (when set) at least the file's size. False with *err
 * naming the file and the field.
 */
bool emu_arm64_header_read(const void *data, size_t size, const char *name,
			   struct emu_arm64_header *hdr, struct diag *err);

/*
 * Where the boot protocol puts an Image in RAM [ram_base, ram_base + ram_size): text_offset
 * above the lowest 2 MiB-aligned address in it, or at *load_addr when given, which must be
 * text_offset above a 2 MiB-aligned address. The image occupies image_size bytes (the file's
 * size when image_size is 0). False with *err when it does not fit or is misplaced.
 */
bool emu_arm64_place(const struct emu_arm64_header *hdr, size_t file_size, const char *name,
		     uint64_t ram_base, uint64_t ram_size, const uint64_t *load_addr,
		     uint64_t *addr, struct diag *err);

/*
 * Loads an arm64 Image (raw, as `make Image` writes it) where emu_arm64_place() says, its
 * .bss (up to image_size) zeroed; the entry point is its first byte, the image spans
 * [low, high) with its .bss. False with *err naming the file and the field.
 */
bool emu_load_arm64_image(struct emu_memory *mem, const void *data, size_t size, const char *name,
			  uint64_t ram_base, uint64_t ram_size, const uint64_t *load_addr,
			  struct emu_image *image, struct diag *err);

/*
 * True if an ELF file is an arm64 Linux kernel (vmlinux) whose segments cannot be loaded at
 * their physical addresses in [ram_base, ram_base + ram_size): its lowest PT_LOAD segment starts
 * with an arm64 Image header. arm64's vmlinux gives its kernel virtual addresses as physical
 * ones; such a file is placed as the Image it holds.
 */
bool emu_elf_is_arm64_kernel(const void *data, size_t size, uint64_t ram_base, uint64_t ram_size);

/*
 * Loads an arm64 vmlinux (emu_elf_is_arm64_kernel()) as the boot protocol places its Image:
 * each PT_LOAD segment at the same offset from the first as in the file's addresses, the
 * first where emu_arm64_place() puts the Image, memory past each segment's file bytes zeroed.
 * The entry point is the ELF entry at that offset. False with *err naming the file.
 */
bool emu_load_arm64_elf(struct emu_memory *mem, const void *data, size_t size, const char *name,
			uint64_t ram_base, uint64_t ram_size, const uint64_t *load_addr,
			struct emu_image *image, struct diag *err);

/*
 * Reads a whole regular file of at most 1 GiB into a malloc'd buffer (cfg_read_file()). False
 * with *err on failure, before reading anything for a directory, device, FIFO or larger file.
 */
bool emu_read_file(const char *path, uint8_t **data, size_t *size, struct diag *err);

/* True if the data starts with the ELF magic. */
bool emu_is_elf(const void *data, size_t size);

#endif
