/* SPDX-License-Identifier: BSD-3-Clause */
#include "emu/memory.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static bool memory_read_image(struct emu_mem_region *r, struct diag *err)
{
	FILE *f = fopen(r->desc->image, "rb");
	size_t n;

	if (f == NULL) {
		diag_set(err, r->desc->image, 0, 0, "cannot open flash image for %s: %s",
			 r->desc->name, strerror(errno));
		return false;
	}
	n = fread(r->host, 1, r->size, f);
	if (ferror(f)) {
		diag_set(err, r->desc->image, 0, 0, "cannot read flash image: %s", strerror(errno));
		fclose(f);
		return false;
	}
	if (n == r->size && fgetc(f) != EOF) {
		diag_set(err, r->desc->image, 0, 0,
			 "flash image is larger than region %s (0x%llx bytes)", r->desc->name,
			 (unsigned long long)r->size);
		fclose(f);
		return false;
	}
	fclose(f);
	return true;
}

bool emu_memory_init(struct emu_memory *mem, const struct emu_platform *platform, struct diag *err)
{
	memset(mem, 0, sizeof(*mem));
	mem->platform = platform;
	for (unsigned i = 0; i < platform->region_count; i++) {
		const struct emu_region *desc = &platform->regions[i];
		struct emu_mem_region *r = &mem->regions[mem->count++];

		r->desc = desc;
		r->base = desc->base;
		r->size = desc->size;
		if (desc->kind == EMU_REGION_RAZ_WI)
			continue;
		/* Anonymous mappings cost nothing until touched: a 1 GiB RAM is cheap. */
		r->host = mmap(NULL, desc->size, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (r->host == MAP_FAILED) {
			r->host = NULL;
			diag_set(err, NULL, 0, 0, "cannot allocate %llu bytes for region %s",
				 (unsigned long long)desc->size, desc->name);
			emu_memory_fini(mem);
			return false;
		}
		/*
		 * Flash without an image reads as zero, as QEMU's virt pflash (pflash_cfi01) does
		 * without a backing drive: its storage is zeroed ROM-device RAM, not erased 0xff.
		 * Left as the anonymous mapping's zeros, it costs nothing until touched.
		 */
		if (desc->kind == EMU_REGION_FLASH) {
			if (desc->image[0] != '\0' && !memory_read_image(r, err)) {
				emu_memory_fini(mem);
				return false;
			}
		}
	}
	return true;
}

void emu_memory_fini(struct emu_memory *mem)
{
	for (unsigned i = 0; i < mem->count; i++) {
		if (mem->regions[i].host != NULL)
			munmap(mem->regions[i].host, mem->regions[i].size);
		mem->regions[i].host = NULL;
	}
	mem->count = 0;
}

const struct emu_mem_region *emu_memory_find(const struct emu_memory *mem, uint64_t addr,
					     uint64_t size)
{
	for (unsigned i = 0; i < mem->count; i++) {
		const struct emu_mem_region *r = &mem->regions[i];

		if (addr >= r->base && addr - r->base < r->size &&
		    size <= r->size - (addr - r->base))
			return r;
	}
	return NULL;
}

void *emu_memory_ptr(const struct emu_memory *mem, uint64_t addr, uint64_t size, bool secure_ok)
{
	const struct emu_mem_region *r = emu_memory_find(mem, addr, size);

	if (r == NULL || r->host == NULL || (r->desc->secure && !secure_ok))
		return NULL;
	return r->host + (addr - r->base);
}
