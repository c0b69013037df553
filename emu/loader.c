/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The image loaders. ELF headers are decoded field by field with little-endian reads at the
 * offsets the ELF64 format fixes (the <elf.h> structs have no padding, so offsetof() names
 * them), never by copying file bytes over a struct of host integers.
 */
#include "emu/loader.h"

#include "common/file.h"
#include "internal.h"

#include <elf.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define LOADER_MAX_FILE (1ull << 30)

bool emu_read_file(const char *path, uint8_t **data, size_t *size, struct diag *err)
{
	/* A raw image may fill the largest region a platform has: exactly LOADER_MAX_FILE. */
	return cfg_read_file(path, LOADER_MAX_FILE, data, size, err);
}

bool emu_is_elf(const void *data, size_t size)
{
	return size >= SELFMAG && memcmp(data, ELFMAG, SELFMAG) == 0;
}

#define LOADER_LE16(p, type, field) emu_le16((p) + offsetof(type, field))
#define LOADER_LE32(p, type, field) emu_le32((p) + offsetof(type, field))
#define LOADER_LE64(p, type, field) emu_le64((p) + offsetof(type, field))

/* Decodes an ELF64 file header (sizeof(Elf64_Ehdr) bytes, little-endian). */
static void loader_read_ehdr(const uint8_t *p, Elf64_Ehdr *eh)
{
	memcpy(eh->e_ident, p, EI_NIDENT);
	eh->e_type = LOADER_LE16(p, Elf64_Ehdr, e_type);
	eh->e_machine = LOADER_LE16(p, Elf64_Ehdr, e_machine);
	eh->e_version = LOADER_LE32(p, Elf64_Ehdr, e_version);
	eh->e_entry = LOADER_LE64(p, Elf64_Ehdr, e_entry);
	eh->e_phoff = LOADER_LE64(p, Elf64_Ehdr, e_phoff);
	eh->e_shoff = LOADER_LE64(p, Elf64_Ehdr, e_shoff);
	eh->e_flags = LOADER_LE32(p, Elf64_Ehdr, e_flags);
	eh->e_ehsize = LOADER_LE16(p, Elf64_Ehdr, e_ehsize);
	eh->e_phentsize = LOADER_LE16(p, Elf64_Ehdr, e_phentsize);
	eh->e_phnum = LOADER_LE16(p, Elf64_Ehdr, e_phnum);
	eh->e_shentsize = LOADER_LE16(p, Elf64_Ehdr, e_shentsize);
	eh->e_shnum = LOADER_LE16(p, Elf64_Ehdr, e_shnum);
	eh->e_shstrndx = LOADER_LE16(p, Elf64_Ehdr, e_shstrndx);
}

/* Decodes an ELF64 program header (sizeof(Elf64_Phdr) bytes, little-endian). */
static void loader_read_phdr(const uint8_t *p, Elf64_Phdr *ph)
{
	ph->p_type = LOADER_LE32(p, Elf64_Phdr, p_type);
	ph->p_flags = LOADER_LE32(p, Elf64_Phdr, p_flags);
	ph->p_offset = LOADER_LE64(p, Elf64_Phdr, p_offset);
	ph->p_vaddr = LOADER_LE64(p, Elf64_Phdr, p_vaddr);
	ph->p_paddr = LOADER_LE64(p, Elf64_Phdr, p_paddr);
	ph->p_filesz = LOADER_LE64(p, Elf64_Phdr, p_filesz);
	ph->p_memsz = LOADER_LE64(p, Elf64_Phdr, p_memsz);
	ph->p_align = LOADER_LE64(p, Elf64_Phdr, p_align);
}

/* Where an image may go: RAM of the right world, or flash for the normal world. */
static void *loader_target(struct emu_memory *mem, uint64_t addr, uint64_t size, bool secure)
{
	const struct emu_mem_region *r = emu_memory_find(mem, addr, size ? size : 1);

	if (r == NULL || r->host == NULL)
		return NULL;
	if (r->desc->kind == EMU_REGION_RAM && r->desc->secure != secure)
		return NULL;
	if (r->desc->kind == EMU_REGION_FLASH && secure)
		return NULL;
	return r->host + (addr - r->base);
}

static void loader_extend(struct emu_image *image, uint64_t addr, uint64_t size)
{
	if (image->segments == 0 || addr < image->low)
		image->low = addr;
	if (image->segments == 0 || addr + size > image->high)
		image->high = addr + size;
	image->segments++;
}

/*
 * Finds the entry point inside a loaded segment: by physical address, or by virtual address
 * translated to the segment's physical one (the guest starts with the MMU off).
 */
static bool loader_entry_loaded(const Elf64_Phdr *ph, unsigned count, uint64_t entry,
				uint64_t *phys)
{
	for (unsigned i = 0; i < count; i++) {
		if (ph[i].p_type == PT_LOAD && entry >= ph[i].p_paddr &&
		    entry - ph[i].p_paddr < ph[i].p_memsz) {
			*phys = entry;
			return true;
		}
	}
	for (unsigned i = 0; i < count; i++) {
		if (ph[i].p_type == PT_LOAD && entry >= ph[i].p_vaddr &&
		    entry - ph[i].p_vaddr < ph[i].p_memsz) {
			*phys = ph[i].p_paddr + (entry - ph[i].p_vaddr);
			return true;
		}
	}
	return false;
}

/* The most program headers an image may have. */
#define LOADER_MAX_PHDRS 64

/*
 * Decodes and checks an ELF64 AArch64 executable's file header and program headers (at most
 * LOADER_MAX_PHDRS) into *eh and ph. False with *err naming the file.
 */
static bool loader_parse_elf(const uint8_t *bytes, size_t size, const char *name, Elf64_Ehdr *eh,
			     Elf64_Phdr *ph, struct diag *err)
{
	if (!emu_is_elf(bytes, size)) {
		diag_set(err, name, 0, 0, "not an ELF file (bad magic)");
		return false;
	}
	if (size < EI_NIDENT + 1 || bytes[EI_CLASS] != ELFCLASS64) {
		diag_set(err, name, 0, 0,
			 "not a 64-bit ELF file (class %u); AArch64 images are ELF64",
			 size > EI_CLASS ? bytes[EI_CLASS] : 0);
		return false;
	}
	if (size < sizeof(*eh)) {
		diag_set(err, name, 0, 0, "truncated ELF header (%zu bytes)", size);
		return false;
	}
	loader_read_ehdr(bytes, eh);
	if (eh->e_ident[EI_DATA] != ELFDATA2LSB) {
		diag_set(err, name, 0, 0,
			 "big-endian ELF file; only little-endian AArch64 is supported");
		return false;
	}
	if (eh->e_machine != EM_AARCH64) {
		diag_set(err, name, 0, 0, "ELF machine is %u, not AArch64 (%u)", eh->e_machine,
			 EM_AARCH64);
		return false;
	}
	if (eh->e_type != ET_EXEC) {
		diag_set(err, name, 0, 0, "ELF type %u is not an executable (ET_EXEC)", eh->e_type);
		return false;
	}
	if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 ||
	    eh->e_phnum > LOADER_MAX_PHDRS) {
		diag_set(err, name, 0, 0, "bad program header table (%u entries of %u bytes)",
			 eh->e_phnum, eh->e_phentsize);
		return false;
	}
	if (eh->e_phoff > size || (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) > size - eh->e_phoff) {
		diag_set(err, name, 0, 0,
			 "truncated: program headers end past the file's %zu bytes", size);
		return false;
	}
	for (unsigned i = 0; i < eh->e_phnum; i++)
		loader_read_phdr(bytes + eh->e_phoff + i * sizeof(Elf64_Phdr), &ph[i]);
	return true;
}

/* Whether a program header is a segment to load (PT_LOAD, not empty). */
static bool loader_is_load(const Elf64_Phdr *ph)
{
	return ph->p_type == PT_LOAD && ph->p_memsz != 0;
}

/* Copies a checked segment's file bytes to dst and zeroes the rest of it (.bss). */
static void loader_copy_segment(uint8_t *dst, const uint8_t *bytes, const Elf64_Phdr *ph)
{
	memcpy(dst, bytes + ph->p_offset, ph->p_filesz);
	memset(dst + ph->p_filesz, 0, ph->p_memsz - ph->p_filesz);
}

/* The error for an entry point outside every loaded segment; false. */
static bool loader_entry_outside(const char *name, uint64_t entry, struct diag *err)
{
	diag_set(err, name, 0, 0, "entry point 0x%llx is outside the loaded segments",
		 (unsigned long long)entry);
	return false;
}

bool emu_load_elf_buf(struct emu_memory *mem, const void *data, size_t size, const char *name,
		      bool secure, struct emu_image *image, struct diag *err)
{
	const uint8_t *bytes = data;
	Elf64_Ehdr eh;
	Elf64_Phdr ph[LOADER_MAX_PHDRS];
	unsigned nload = 0;
	uint64_t entry = 0;

	memset(image, 0, sizeof(*image));
	if (!loader_parse_elf(bytes, size, name, &eh, ph, err))
		return false;

	/* Check every segment before writing any. */
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD || ph[i].p_memsz == 0)
			continue;
		if (ph[i].p_filesz > ph[i].p_memsz) {
			diag_set(err, name, 0, 0, "segment %u: file size exceeds memory size", i);
			return false;
		}
		if (ph[i].p_offset > size || ph[i].p_filesz > size - ph[i].p_offset) {
			diag_set(err, name, 0, 0,
				 "truncated: segment %u needs bytes 0x%llx-0x%llx, file has 0x%zx",
				 i, (unsigned long long)ph[i].p_offset,
				 (unsigned long long)(ph[i].p_offset + ph[i].p_filesz), size);
			return false;
		}
		if (ph[i].p_paddr + ph[i].p_memsz < ph[i].p_paddr ||
		    loader_target(mem, ph[i].p_paddr, ph[i].p_memsz, secure) == NULL) {
			diag_set(err, name, 0, 0, "segment %u at 0x%llx-0x%llx is outside the %s",
				 i, (unsigned long long)ph[i].p_paddr,
				 (unsigned long long)(ph[i].p_paddr + ph[i].p_memsz),
				 secure ? "partition's secure RAM" : "platform's RAM and flash");
			return false;
		}
		for (unsigned j = 0; j < i; j++) {
			if (ph[j].p_type != PT_LOAD || ph[j].p_memsz == 0)
				continue;
			if (ph[i].p_paddr < ph[j].p_paddr + ph[j].p_memsz &&
			    ph[j].p_paddr < ph[i].p_paddr + ph[i].p_memsz) {
				diag_set(err, name, 0, 0, "segments %u and %u overlap at 0x%llx", j,
					 i,
					 (unsigned long long)(ph[i].p_paddr > ph[j].p_paddr
								      ? ph[i].p_paddr
								      : ph[j].p_paddr));
				return false;
			}
		}
		nload++;
	}
	if (nload == 0) {
		diag_set(err, name, 0, 0, "no loadable segment (PT_LOAD)");
		return false;
	}
	if (!loader_entry_loaded(ph, eh.e_phnum, eh.e_entry, &entry))
		return loader_entry_outside(name, eh.e_entry, err);
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		if (!loader_is_load(&ph[i]))
			continue;
		loader_copy_segment(loader_target(mem, ph[i].p_paddr, ph[i].p_memsz, secure), bytes,
				    &ph[i]);
		loader_extend(image, ph[i].p_paddr, ph[i].p_memsz);
	}
	image->entry = entry;
	return true;
}

bool emu_load_elf(struct emu_memory *mem, const char *path, bool secure, struct emu_image *image,
		  struct diag *err)
{
	uint8_t *data;
	size_t size;
	bool ok;

	if (!emu_read_file(path, &data, &size, err))
		return false;
	ok = emu_load_elf_buf(mem, data, size, path, secure, image, err);
	free(data);
	return ok;
}

bool emu_load_raw_buf(struct emu_memory *mem, const void *data, size_t size, const char *name,
		      uint64_t addr, bool secure, struct emu_image *image, struct diag *err)
{
	uint8_t *dst;

	memset(image, 0, sizeof(*image));
	if (size == 0) {
		diag_set(err, name, 0, 0, "empty image");
		return false;
	}
	dst = loader_target(mem, addr, size, secure);
	if (dst == NULL || addr + size < addr) {
		diag_set(err, name, 0, 0, "image of %zu bytes at 0x%llx is outside the %s", size,
			 (unsigned long long)addr,
			 secure ? "partition's secure RAM" : "platform's RAM and flash");
		return false;
	}
	memcpy(dst, data, size);
	loader_extend(image, addr, size);
	image->entry = addr;
	return true;
}

bool emu_load_raw(struct emu_memory *mem, const char *path, uint64_t addr, bool secure,
		  struct emu_image *image, struct diag *err)
{
	uint8_t *data;
	size_t size;
	bool ok;

	memset(image, 0, sizeof(*image));
	if (!emu_read_file(path, &data, &size, err))
		return false;
	ok = emu_load_raw_buf(mem, data, size, path, addr, secure, image, err);
	free(data);
	return ok;
}

bool emu_is_arm64_image(const void *data, size_t size)
{
	return size >= EMU_ARM64_HEADER_SIZE &&
	       emu_le32((const uint8_t *)data + EMU_ARM64_MAGIC_OFFSET) == EMU_ARM64_MAGIC;
}

bool emu_arm64_header_read(const void *data, size_t size, const char *name,
			   struct emu_arm64_header *hdr, struct diag *err)
{
	const uint8_t *p = data;

	if (!emu_is_arm64_image(data, size)) {
		diag_set(err, name, 0, 0,
			 "not an arm64 Image: no \"ARM\\x64\" magic at offset 56 of a 64-byte "
			 "header");
		return false;
	}
	/* booting.rst: text_offset at 8, image_size at 16, flags at 24, all little-endian. */
	hdr->text_offset = emu_le64(p + 8);
	hdr->image_size = emu_le64(p + 16);
	hdr->flags = emu_le64(p + 24);
	if ((hdr->flags & EMU_ARM64_FLAG_BE) != 0) {
		diag_set(err, name, 0, 0,
			 "Image header: flags 0x%llx: bit 0 says a big-endian kernel; the "
			 "simulated CPUs run little-endian",
			 (unsigned long long)hdr->flags);
		return false;
	}
	if (hdr->text_offset >= EMU_ARM64_ALIGN || hdr->text_offset % 4096u != 0) {
		diag_set(err, name, 0, 0,
			 "Image header: text_offset 0x%llx is not a 4 KiB-aligned offset inside "
			 "the 2 MiB block the image is placed in",
			 (unsigned long long)hdr->text_offset);
		return false;
	}
	if (hdr->image_size != 0 && hdr->image_size < size) {
		diag_set(err, name, 0, 0,
			 "Image header: image_size 0x%llx is smaller than the file (0x%zx bytes)",
			 (unsigned long long)hdr->image_size, size);
		return false;
	}
	return true;
}

bool emu_arm64_place(const struct emu_arm64_header *hdr, size_t file_size, const char *name,
		     uint64_t ram_base, uint64_t ram_size, const uint64_t *load_addr,
		     uint64_t *addr, struct diag *err)
{
	/* booting.rst: with image_size 0 (kernels before 3.17) the size is not known; the
	 * file's own bytes are all that can be reserved. */
	uint64_t span = hdr->image_size != 0 ? hdr->image_size : file_size;
	uint64_t at;

	if (load_addr != NULL) {
		at = *load_addr;
		if ((at - hdr->text_offset) % EMU_ARM64_ALIGN != 0 || at < hdr->text_offset) {
			diag_set(err, name, 0, 0,
				 "--load-addr 0x%llx: an arm64 Image goes text_offset (0x%llx) "
				 "bytes above a 2 MiB-aligned address",
				 (unsigned long long)at, (unsigned long long)hdr->text_offset);
			return false;
		}
	} else {
		at = ((ram_base + EMU_ARM64_ALIGN - 1) & ~(EMU_ARM64_ALIGN - 1)) + hdr->text_offset;
	}
	if (at < ram_base || at - ram_base > ram_size || span > ram_size - (at - ram_base)) {
		diag_set(err, name, 0, 0,
			 "Image header: image_size 0x%llx at 0x%llx does not fit in non-secure RAM "
			 "0x%llx-0x%llx",
			 (unsigned long long)span, (unsigned long long)at,
			 (unsigned long long)ram_base, (unsigned long long)(ram_base + ram_size));
		return false;
	}
	*addr = at;
	return true;
}

bool emu_load_arm64_image(struct emu_memory *mem, const void *data, size_t size, const char *name,
			  uint64_t ram_base, uint64_t ram_size, const uint64_t *load_addr,
			  struct emu_image *image, struct diag *err)
{
	struct emu_arm64_header hdr;
	uint64_t at, span;
	uint8_t *dst;

	memset(image, 0, sizeof(*image));
	if (!emu_arm64_header_read(data, size, name, &hdr, err) ||
	    !emu_arm64_place(&hdr, size, name, ram_base, ram_size, load_addr, &at, err))
		return false;
	span = hdr.image_size != 0 ? hdr.image_size : size;
	dst = loader_target(mem, at, span, false);
	if (dst == NULL) {
		diag_set(err, name, 0, 0, "Image of 0x%llx bytes at 0x%llx is outside RAM",
			 (unsigned long long)span, (unsigned long long)at);
		return false;
	}
	memcpy(dst, data, size);
	memset(dst + size, 0, span - size); /* .bss and the rest of image_size */
	loader_extend(image, at, span);
	image->entry = at;
	return true;
}

/* The PT_LOAD segment with the lowest virtual address, or -1. */
static int loader_first_load(const Elf64_Phdr *ph, unsigned count)
{
	int first = -1;

	for (unsigned i = 0; i < count; i++) {
		if (loader_is_load(&ph[i]) && (first < 0 || ph[i].p_vaddr < ph[first].p_vaddr))
			first = (int)i;
	}
	return first;
}

bool emu_elf_is_arm64_kernel(const void *data, size_t size, uint64_t ram_base, uint64_t ram_size)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph[LOADER_MAX_PHDRS];
	struct diag ignored = {0};
	int first;

	if (!loader_parse_elf(data, size, "", &eh, ph, &ignored))
		return false;
	first = loader_first_load(ph, eh.e_phnum);
	if (first < 0 || ph[first].p_offset > size ||
	    !emu_is_arm64_image((const uint8_t *)data + ph[first].p_offset,
				size - ph[first].p_offset))
		return false;
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		if (loader_is_load(&ph[i]) &&
		    (ph[i].p_paddr < ram_base || ph[i].p_paddr - ram_base > ram_size ||
		     ph[i].p_memsz > ram_size - (ph[i].p_paddr - ram_base)))
			return true;
	}
	return false;
}

bool emu_load_arm64_elf(struct emu_memory *mem, const void *data, size_t size, const char *name,
			uint64_t ram_base, uint64_t ram_size, const uint64_t *load_addr,
			struct emu_image *image, struct diag *err)
{
	const uint8_t *bytes = data;
	struct emu_arm64_header hdr;
	Elf64_Ehdr eh;
	Elf64_Phdr ph[LOADER_MAX_PHDRS];
	uint64_t at, span = 0, base;
	int first;

	memset(image, 0, sizeof(*image));
	if (!loader_parse_elf(bytes, size, name, &eh, ph, err))
		return false;
	first = loader_first_load(ph, eh.e_phnum);
	if (first < 0) {
		diag_set(err, name, 0, 0, "no loadable segment (PT_LOAD)");
		return false;
	}
	base = ph[first].p_vaddr;
	/* The image's extent: from the first segment to the end of the last. */
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		if (!loader_is_load(&ph[i]))
			continue;
		if (ph[i].p_filesz > ph[i].p_memsz || ph[i].p_offset > size ||
		    ph[i].p_filesz > size - ph[i].p_offset ||
		    ph[i].p_vaddr - base > LOADER_MAX_FILE || ph[i].p_memsz > LOADER_MAX_FILE) {
			diag_set(err, name, 0, 0, "segment %u: bad offset or size", i);
			return false;
		}
		if (ph[i].p_vaddr - base + ph[i].p_memsz > span)
			span = ph[i].p_vaddr - base + ph[i].p_memsz;
	}
	if (!emu_arm64_header_read(bytes + ph[first].p_offset, ph[first].p_filesz, name, &hdr, err))
		return false;
	if (hdr.image_size == 0)
		hdr.image_size = span;
	if (!emu_arm64_place(&hdr, span, name, ram_base, ram_size, load_addr, &at, err))
		return false;
	if (eh.e_entry < base || eh.e_entry - base >= span)
		return loader_entry_outside(name, eh.e_entry, err);
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		uint8_t *dst;

		if (!loader_is_load(&ph[i]))
			continue;
		dst = loader_target(mem, at + (ph[i].p_vaddr - base), ph[i].p_memsz, false);
		if (dst == NULL) {
			diag_set(err, name, 0, 0, "segment %u does not fit in RAM at 0x%llx", i,
				 (unsigned long long)(at + (ph[i].p_vaddr - base)));
			return false;
		}
		loader_copy_segment(dst, bytes, &ph[i]);
	}
	loader_extend(image, at, hdr.image_size > span ? hdr.image_size : span);
	image->entry = at + (eh.e_entry - base);
	return true;
}
