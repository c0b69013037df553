/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platforms: the memory map a guest sees. A platform is plain data, filled from a YAML file
 * (emu_platform_load) or from a built-in description (emu_platform_builtin, "virt"), and read by
 * the emulated CPU (which maps the regions), the device-tree generator and the loaders.
 */
#ifndef EMU_PLATFORM_H
#define EMU_PLATFORM_H

#include <stdbool.h>
#include <stdint.h>

#include "common/diag.h"

#define EMU_NAME_MAX 32
#define EMU_PATH_MAX 512
#define EMU_PLATFORM_MAX_REGIONS 32
#define EMU_PLATFORM_MAX_UARTS 4
#define EMU_REGION_MAX_READS 16
/* CPUs a platform may have: a GICv2 serves at most 8 (GICv2 (IHI0048) §1.4.2). */
#define EMU_PLATFORM_MAX_CPUS 8

enum emu_region_kind {
	EMU_REGION_RAM,   /* read/write/execute memory, zero-filled at start */
	EMU_REGION_FLASH, /* read/execute, writes ignored; from a file, else zero (as QEMU) */
	EMU_REGION_RAZ_WI /* a device the simulator does not model: reads as zero, writes ignored */
};

/* A register of a raz-wi device window that reads as a fixed value (little-endian). */
struct emu_fixed_read {
	uint64_t offset; /* from the region's base, aligned to width */
	uint64_t value;  /* fits in width */
	unsigned width;  /* bytes: 1, 2, 4 or 8 */
};

struct emu_region {
	char name[EMU_NAME_MAX];
	enum emu_region_kind kind;
	uint64_t base; /* 4 KiB aligned */
	uint64_t size; /* 4 KiB multiple, > 0 */
	bool secure;   /* RAM only: secure RAM is not visible to the normal world */
	/* FLASH only: initial contents ("" = zero, as QEMU's unbacked pflash). Relative paths are
	 * resolved against the platform file's directory when loaded. */
	char image[EMU_PATH_MAX];
	/* RAZ_WI only: registers with fixed read values; every other byte reads as zero. */
	struct emu_fixed_read reads[EMU_REGION_MAX_READS];
	unsigned read_count;
};

struct emu_uart {
	char name[EMU_NAME_MAX];
	uint64_t base;     /* 4 KiB aligned, one 4 KiB page */
	uint32_t irq;      /* GIC SPI number, for the device tree */
	uint32_t clock_hz; /* UARTCLK / apb_pclk, for the device tree */
};

/* Devices only the secure world sees (docs/platform.md, `secure-devices`). */
#define EMU_PLATFORM_MAX_SECURE_DEVICES 4

enum emu_secure_device_kind {
	EMU_SECURE_SP805 /* an Arm SP805 watchdog module (emu/sp805.c) */
};

/* A secure device: not mapped into the normal world, owned by a partition's device-regions. */
struct emu_secure_device {
	char name[EMU_NAME_MAX];
	enum emu_secure_device_kind kind;
	uint64_t base;     /* 4 KiB aligned, one 4 KiB page */
	uint32_t irq;      /* GIC SPI number (INTID 32 + irq) */
	uint32_t clock_hz; /* the counter's clock (WDOGCLK) */
};

struct emu_gic {
	bool present;
	unsigned version;   /* 2 or 3 */
	uint64_t dist_base; /* distributor */
	uint64_t dist_size;
	uint64_t cpu_base; /* v2: CPU interface; v3: redistributor */
	uint64_t cpu_size;
};

/* The classes of FF-A call whose handling the SPMC's cost names (struct emu_costs). */
enum emu_cost_class {
	EMU_COST_SETUP,        /* version, features, IDs, RX/TX buffers, discovery, console */
	EMU_COST_MESSAGING,    /* direct and indirect messages, FFA_RUN, MSG_WAIT, YIELD */
	EMU_COST_MEMORY,       /* FFA_MEM_* */
	EMU_COST_NOTIFICATION, /* FFA_NOTIFICATION_* */
	EMU_COST_OTHER,        /* every other FF-A call */
	EMU_COST_CLASS_COUNT
};

/*
 * The cycle model (docs/observability.md): nanoseconds of virtual time, one per cycle, that the
 * platform file's `costs` adds to a PE's clock where the event happens (an instruction is one
 * cycle). Every field defaults to 0: the clock is then the instruction count and the waits.
 */
struct emu_costs {
	uint64_t smc_entry;                   /* an SMC or HVC taken to the firmware or the proxy */
	uint64_t eret;                        /* the return to the caller */
	uint64_t world_switch;                /* EL3 moving a call into the secure world, or back */
	uint64_t proxy[EMU_COST_CLASS_COUNT]; /* the hypervisor proxy's handling of one call */
	uint64_t spmc[EMU_COST_CLASS_COUNT];  /* the SPMC's handling of one call, by class */
	uint64_t interrupt;                   /* a PE taking an IRQ or FIQ exception */
};

/* The largest `cycles-per-instruction` a platform may set. */
#define EMU_MAX_CPI 1000u

struct emu_platform {
	char name[EMU_NAME_MAX];
	struct emu_region regions[EMU_PLATFORM_MAX_REGIONS];
	unsigned region_count;
	struct emu_uart uarts[EMU_PLATFORM_MAX_UARTS];
	unsigned uart_count;
	struct emu_secure_device secure_devices[EMU_PLATFORM_MAX_SECURE_DEVICES];
	unsigned secure_device_count;
	struct emu_gic gic; /* mapped read-as-zero/write-ignored; described in the device tree */
	uint64_t cntfrq_hz; /* CNTFRQ_EL0 (62.5 MHz on virt) */
	uint64_t mpidr;     /* MPIDR_EL1 of the boot CPU (mpidrs[0]) */
	/* The CPUs: cpu_count of them run (1: the boot CPU alone), cpu_max can (the listed
	 * `mpidrs`, else EMU_PLATFORM_MAX_CPUS numbered as QEMU's virt numbers them: the boot
	 * CPU's MPIDR plus the CPU's index in Aff0). mpidrs[i] is CPU i's MPIDR_EL1. */
	unsigned cpu_count;
	unsigned cpu_max;
	uint64_t mpidrs[EMU_PLATFORM_MAX_CPUS];
	unsigned entry_el; /* 1 or 2: the exception level the normal-world guest starts at */
	/* Where the generated device tree goes: dtb_addr when dtb_addr_set, else the start of
	 * the first non-secure RAM region (moved past the loaded images if they overlap it). */
	bool dtb_addr_set;
	uint64_t dtb_addr;
	struct emu_costs costs; /* the cycle model: `costs` (all 0 by default) */
	/* The cycle model: nanoseconds of a PE's clock per retired instruction
	 * (`cycles-per-instruction`, 1 to EMU_MAX_CPI; 0 in a platform built by hand means 1). */
	uint64_t cycles_per_insn;
};

/* The class name of the SPMC cost (`setup`, `messaging`, ...), as the platform file spells it. */
const char *emu_cost_class_name(enum emu_cost_class c);

/*
 * Sets how many CPUs run (1 to p->cpu_max; the GIC must have a redistributor frame for each).
 * False with *err (prefixed by what, the option or key that asked) otherwise.
 */
bool emu_platform_set_cpus(struct emu_platform *p, unsigned count, const char *what,
			   struct diag *err);

/* The index of the CPU whose MPIDR_EL1 affinity (Aff3-Aff0) is mpidr's, or -1 when none is. */
int emu_platform_cpu_index(const struct emu_platform *p, uint64_t mpidr);

/* Fills *out with a built-in platform ("virt"). Returns false if there is no such name. */
bool emu_platform_builtin(const char *name, struct emu_platform *out);

/*
 * Loads a platform from a YAML file. On error returns false and describes it in *err with
 * file, line and column. Checks alignment, overlaps and ranges; flash images must exist.
 */
bool emu_platform_load(const char *path, struct emu_platform *out, struct diag *err);

/*
 * What a read of size bytes (1, 2, 4 or 8) at offset into a raz-wi region returns: the bytes of
 * its fixed-value registers that the access covers, little-endian, zero elsewhere.
 */
uint64_t emu_region_read(const struct emu_region *r, uint64_t offset, unsigned size);

/* The region of kind RAZ_WI containing [address, address + size), or NULL. */
const struct emu_region *emu_platform_device(const struct emu_platform *p, uint64_t address,
					     uint64_t size);

/* The first non-secure RAM region, or NULL. */
const struct emu_region *emu_platform_ns_ram(const struct emu_platform *p);

/* The region containing [addr, addr + size), or NULL. */
const struct emu_region *emu_platform_find(const struct emu_platform *p, uint64_t addr,
					   uint64_t size);

#endif
