/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The guest's device tree, generated from the platform with libfdt as QEMU generates it for its
 * virt machine: memory, UARTs, chosen/stdout-path, the generic timer, PSCI with its conduit, an
 * optional GIC, /chosen's bootargs and initrd, and an arm,psa-ffa node with its conduit and one
 * arm,psa-ffa-partition child per partition UUID; /reserved-memory when a hypervisor keeps RAM for
 * itself.
 */
#ifndef EMU_DTB_H
#define EMU_DTB_H

#include <stddef.h>
#include <stdint.h>

#include "abi/regs.h"
#include "common/diag.h"
#include "emu/platform.h"

#define EMU_DTB_MAX_SIZE (64u * 1024u)
/* The longest /chosen/bootargs, its NUL included: arm64 Linux's COMMAND_LINE_SIZE. */
#define EMU_DTB_BOOTARGS_MAX 2048u

/* One FF-A partition as the normal world's device tree describes it. */
struct emu_dtb_partition {
	char name[EMU_NAME_MAX]; /* node name suffix, e.g. "echo" */
	uint8_t uuid[16];        /* in the standard (RFC 4122 text) byte order */
};

/*
 * A range of normal-world RAM the guest must leave alone (a hypervisor's own memory): a
 * /reserved-memory child with no-map.
 */
struct emu_dtb_reserved {
	char name[EMU_NAME_MAX]; /* node name before the unit address, e.g. "pkvm-ffa" */
	uint64_t base;
	uint64_t size;
};

#define EMU_DTB_MAX_RESERVED 4

struct emu_dtb_config {
	const struct emu_platform *platform;
	enum ffa_conduit psci_conduit;
	bool ffa_present; /* false: no arm,psa-ffa node (firmware without FF-A) */
	enum ffa_conduit ffa_conduit;
	const struct emu_dtb_partition *partitions;
	unsigned partition_count;
	const char *bootargs; /* /chosen/bootargs, or NULL */
	/* The initial RAM disk, [initrd_start, initrd_end) in /chosen; none when end <= start. */
	uint64_t initrd_start;
	uint64_t initrd_end;
	const struct emu_dtb_reserved *reserved; /* /reserved-memory children */
	unsigned reserved_count;
};

/*
 * Builds the flattened device tree into buf (at most size bytes). Returns the size of the blob
 * (fdt_totalsize) or 0 on error, with *err describing it.
 */
size_t emu_dtb_build(const struct emu_dtb_config *cfg, void *buf, size_t size, struct diag *err);

#endif
