/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The pieces of the Linux arm64 boot protocol (Linux Documentation/arch/arm64/booting.rst) a
 * run provides for a kernel: the normal-world image read as an ELF, an arm64 Image or a raw
 * binary, and the initial RAM disk placed in RAM and described in /chosen.
 */
#include "sim/sim.h"

#include <stdlib.h>
#include <string.h>

#include "emu/dtb.h"
#include "emu/loader.h"

/* The initrd starts on a page boundary (booting.rst asks for none; QEMU page-aligns it too). */
#define SIM_INITRD_ALIGN 0x1000ull
/* The device tree's slot past the image (sim/sim.c puts it on a 64 KiB boundary there). */
#define SIM_BOOT_DTB_ALIGN 0x10000ull

bool sim_boot_load_image(struct sim *sim, const uint8_t *data, size_t size, struct diag *err)
{
	const struct sim_config *cfg = &sim->cfg;
	const struct emu_region *ram = emu_platform_ns_ram(&sim->platform);
	const uint64_t *at = cfg->load_addr_set ? &cfg->load_addr : NULL;

	if (emu_is_elf(data, size)) {
		/* arm64's vmlinux names kernel virtual addresses as its physical ones: it goes
		 * where its Image would. Any other ELF loads at its physical addresses. */
		if (ram != NULL && emu_elf_is_arm64_kernel(data, size, ram->base, ram->size))
			return emu_load_arm64_elf(&sim->memory, data, size, cfg->guest_path,
						  ram->base, ram->size, at, &sim->image, err);
		return emu_load_elf_buf(&sim->memory, data, size, cfg->guest_path, false,
					&sim->image, err);
	}
	if (emu_is_arm64_image(data, size)) {
		if (ram == NULL) {
			diag_set(err, cfg->guest_path, 0, 0,
				 "an arm64 Image needs non-secure RAM; the platform has none");
			return false;
		}
		return emu_load_arm64_image(&sim->memory, data, size, cfg->guest_path, ram->base,
					    ram->size, at, &sim->image, err);
	}
	if (at == NULL) {
		diag_set(err, cfg->guest_path, 0, 0,
			 "not an ELF file: a raw binary needs --load-addr ADDR (an arm64 Image "
			 "is recognised by its header)");
		return false;
	}
	return emu_load_raw_buf(&sim->memory, data, size, cfg->guest_path, *at, false, &sim->image,
				err);
}

bool sim_boot_place_initrd(const struct emu_platform *platform, const struct emu_image *image,
			   bool hypervisor, const char *name, uint64_t size, uint64_t *addr,
			   struct diag *err)
{
	const struct emu_region *ram = emu_platform_ns_ram(platform);
	uint64_t end, at, top;

	if (ram == NULL) {
		diag_set(err, name, 0, 0, "no non-secure RAM to put the initrd in");
		return false;
	}
	/* Past the image (its .bss included) and the device tree's slot after it. */
	end = image != NULL && image->segments > 0 && image->high > ram->base ? image->high
									      : ram->base;
	at = ((end + SIM_BOOT_DTB_ALIGN - 1) & ~(SIM_BOOT_DTB_ALIGN - 1)) + EMU_DTB_MAX_SIZE;
	at = (at + SIM_INITRD_ALIGN - 1) & ~(SIM_INITRD_ALIGN - 1);
	top = ram->base + ram->size;
	/* The hypervisor proxy keeps the end of RAM for itself (sim_build_dtb). */
	if (hypervisor && ram->size >= 2 * HYP_PKVM_RESERVED_SIZE)
		top -= HYP_PKVM_RESERVED_SIZE;
	if (size == 0) {
		diag_set(err, name, 0, 0, "the initrd is empty");
		return false;
	}
	if (at >= top || size > top - at) {
		diag_set(err, name, 0, 0,
			 "an initrd of %llu bytes at 0x%llx does not fit in non-secure RAM "
			 "(0x%llx-0x%llx)",
			 (unsigned long long)size, (unsigned long long)at,
			 (unsigned long long)ram->base, (unsigned long long)top);
		return false;
	}
	*addr = at;
	return true;
}

bool sim_boot_load_initrd(struct sim *sim, struct diag *err)
{
	const struct sim_config *cfg = &sim->cfg;
	uint8_t *data, *dst;
	size_t size;
	uint64_t at;

	if (cfg->initrd_path == NULL)
		return true;
	if (!emu_read_file(cfg->initrd_path, &data, &size, err))
		return false;
	if (!sim_boot_place_initrd(&sim->platform, &sim->image, cfg->hypervisor != NULL,
				   cfg->initrd_path, size, &at, err)) {
		free(data);
		return false;
	}
	dst = emu_memory_ptr(&sim->memory, at, size, false);
	if (dst == NULL) {
		free(data);
		diag_set(err, cfg->initrd_path, 0, 0, "the initrd at 0x%llx is outside RAM",
			 (unsigned long long)at);
		return false;
	}
	memcpy(dst, data, size);
	free(data);
	sim->initrd_addr = at;
	sim->initrd_size = size;
	return true;
}
