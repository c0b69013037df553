/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer target: the ELF loader and the arm64 Image and vmlinux loaders (an input with the
 * Image magic at offset 56 is one), into the virt platform's memory. Any input must load or
 * give an error naming the file, never a crash or a write outside guest memory.
 */
#include <stdlib.h>

#include "emu/loader.h"
#include "emu/memory.h"
#include "emu/platform.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#define FUZZ_REGION_MAX (16u << 20)

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static struct emu_platform platform;
	static struct emu_memory memory;
	static int ready;
	const struct emu_region *ram;
	struct emu_image image;
	struct diag err;

	if (!ready) {
		/*
		 * One memory for the whole run: allocating 1 GiB per input would dominate. virt's
		 * map with every region cut to 16 MiB: a segment's .bss may legitimately clear a
		 * whole region, and clearing a GiB under AddressSanitizer takes seconds an input.
		 */
		if (!emu_platform_builtin("virt", &platform))
			abort();
		for (unsigned i = 0; i < platform.region_count; i++) {
			if (platform.regions[i].size > FUZZ_REGION_MAX)
				platform.regions[i].size = FUZZ_REGION_MAX;
		}
		if (!emu_memory_init(&memory, &platform, &err))
			abort();
		ready = 1;
	}
	if (!emu_load_elf_buf(&memory, data, size, "fuzz.elf", false, &image, &err) &&
	    err.msg[0] == '\0')
		abort();
	if (!emu_load_elf_buf(&memory, data, size, "fuzz.elf", true, &image, &err) &&
	    err.msg[0] == '\0')
		abort();
	ram = emu_platform_ns_ram(&platform);
	err.msg[0] = '\0';
	if (emu_is_arm64_image(data, size) &&
	    !emu_load_arm64_image(&memory, data, size, "fuzz.Image", ram->base, ram->size, NULL,
				  &image, &err) &&
	    err.msg[0] == '\0')
		abort();
	err.msg[0] = '\0';
	if (emu_elf_is_arm64_kernel(data, size, ram->base, ram->size) &&
	    !emu_load_arm64_elf(&memory, data, size, "fuzz.vmlinux", ram->base, ram->size, NULL,
				&image, &err) &&
	    err.msg[0] == '\0')
		abort();
	return 0;
}
