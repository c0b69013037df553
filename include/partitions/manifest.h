/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A secure partition's manifest: the fields of Arm's FF-A manifest binding to device tree
 * (docs/manifest.md lists each with its binding property) plus the simulator's own (`image`
 * or `model`). Filled from
 * YAML by part_manifest_load / the system file parser, read by sim/ to create the endpoint and
 * its runtime (a binary in its own CPU, or a built-in model).
 */
#ifndef PARTITIONS_MANIFEST_H
#define PARTITIONS_MANIFEST_H

#include <stdbool.h>
#include <stdint.h>

#include "abi/regs.h"
#include "common/diag.h"
#include "emu/platform.h"

#define PART_MAX_SERVICES 8      /* UUIDs (services) of one partition (SPMC_MAX_UUIDS) */
#define PART_MAX_REGIONS 16      /* memory regions, device regions */
#define PART_MAX_SCRIPT 32       /* answers of the `scripted` model */
#define PART_MAX_OPTEE_DEVICES 8 /* devices the `optee` model's enumeration lists */
/* `image: builtin:NAME` names an example partition built into ffa-sim (sp_echo2, sp_forward,
 * sp_logger, sp_memory, sp_memory_b, sp_indirect, sp_indirect_b, sp_loop, sp_notif); the run finds
 * its bytes in sim_config.builtin_images. */
#define PART_BUILTIN_PREFIX "builtin:"
#define PART_DESCRIPTION_MAX 128
#define PART_MAX_INTERRUPTS 4  /* interrupts of one device region */
#define PART_PAGE_SIZE 0x1000u /* regions count 4 KiB pages (the only granule supported) */
#define PART_DEFAULT_MEMORY_SIZE 0x100000u
#define PART_GP_REGISTER_NONE UINT32_MAX /* gp-register-num absent: no boot information */

/* ns-interrupts-action: what the SPMC does with a non-secure interrupt while it runs. */
enum part_ns_action { PART_NS_QUEUED = 0, PART_NS_MANAGED_EXIT = 1, PART_NS_SIGNALED = 2 };

/* power-management-messages bits (the binding's, plus Hafnium's CPU_ON). */
#define PART_PM_CPU_OFF (UINT32_C(1) << 0)
#define PART_PM_CPU_SUSPEND (UINT32_C(1) << 1)
#define PART_PM_CPU_SUSPEND_RESUME (UINT32_C(1) << 2)
#define PART_PM_CPU_ON (UINT32_C(1) << 3)

/* vm-availability-messages bits. */
#define PART_VM_CREATED (UINT32_C(1) << 0)
#define PART_VM_DESTROYED (UINT32_C(1) << 1)

/* Region attributes. */
#define PART_ATTR_READ (UINT32_C(1) << 0)
#define PART_ATTR_WRITE (UINT32_C(1) << 1)
#define PART_ATTR_EXEC (UINT32_C(1) << 2)
#define PART_ATTR_NS (UINT32_C(1) << 3) /* "security state": set for non-secure memory */

enum part_exception_level {
	PART_EL1 = 0, /* "exception-level: 0" in the binding: EL1 (a VM-like partition) */
	PART_S_EL0 = 1,
	PART_S_EL1 = 2
};

/* One service (UUID) and the messaging methods it accepts (FFA_PROP_* bits 0-2, 9, 10). */
struct part_service {
	uint8_t uuid[16];
	uint32_t messaging;
};

struct part_region {
	char name[EMU_NAME_MAX];
	uint64_t base;       /* physical address (absolute; relative offsets are resolved) */
	uint32_t pages;      /* 4 KiB pages */
	uint32_t attributes; /* R=1 W=2 X=4 S=8 */
};

struct part_device {
	char name[EMU_NAME_MAX];
	uint64_t base;
	uint32_t pages;
	uint32_t attributes;
	uint32_t interrupts[PART_MAX_INTERRUPTS];
	uint32_t interrupt_attributes[PART_MAX_INTERRUPTS]; /* the binding's (id, attributes) */
	unsigned interrupt_count;
	/* interrupts-target: the MPIDR of the CPU interrupt j is routed to, when targeted[j]
	 * (else the boot CPU) */
	uint64_t interrupt_mpidr[PART_MAX_INTERRUPTS];
	bool interrupt_targeted[PART_MAX_INTERRUPTS];
	/* Where the region, each interrupt and each target are written (0: made by a program,
	 * not read). */
	struct part_pos {
		unsigned line, column;
	} at, interrupt_at[PART_MAX_INTERRUPTS], target_at[PART_MAX_INTERRUPTS];
};

/* The affinity fields of an MPIDR (Aff3 39:32, Aff2 23:16, Aff1 15:8, Aff0 7:0): what
 * interrupts-target and GICD_IROUTER name a CPU by. */
#define PART_MPIDR_AFFINITY UINT64_C(0xff00ffffff)

/* The binding's interrupt attributes (Hafnium's INT_INFO_ATTR_*): priority 7:0, security state
 * 8 (1 secure), configuration 9 (1 edge), type 11:10 (0 SGI, 1 PPI, 2 SPI). */
#define PART_INTR_PRIORITY(attr) ((uint8_t)((attr)&0xffu))

/* Parameters of the built-in models (partitions/builtin.h). */
struct part_model_params {
	int32_t error_code;                       /* `error`: the FFA_ERROR code answered */
	unsigned yield_count;                     /* `yield`: FFA_YIELDs before answering */
	struct ffa_value script[PART_MAX_SCRIPT]; /* `scripted`: answers, in order */
	unsigned script_count;
	/* `optee`: the OS revision and build ID GET_OS_VERSION answers, the capabilities
	 * EXCHANGE_CAPABILITIES answers and the devices its enumeration pseudo TA lists. */
	uint32_t optee_revision_major;
	uint32_t optee_revision_minor;
	uint32_t optee_build_id;
	uint32_t optee_caps;
	uint8_t optee_devices[PART_MAX_OPTEE_DEVICES][16];
	unsigned optee_device_count;
};

struct part_manifest {
	char file[DIAG_FILE_MAX]; /* where it was read, for messages */
	unsigned line;            /* its position in that file */
	char name[EMU_NAME_MAX];  /* console prefix and reports; unique */
	char description[PART_DESCRIPTION_MAX];
	uint16_t id; /* bit 15 set */
	uint32_t ffa_version;
	struct part_service services[PART_MAX_SERVICES];
	unsigned service_count;
	uint32_t messaging; /* FFA_PROP_* message bits of the partition as a whole */
	uint16_t exec_ctx_count;
	/* Where execution-ctx-count was written (0: absent), for the check of the count against
	 * the run's CPUs, which only the run knows. */
	unsigned exec_ctx_line, exec_ctx_column;
	enum part_exception_level exception_level;
	unsigned execution_state; /* 0 AArch64 (1 AArch32 is refused) */
	bool load_address_set;    /* absent: no memory of its own (models only) */
	uint64_t load_address;
	uint64_t entrypoint_offset;
	uint32_t xlat_granule; /* 0 = 4 KiB */
	int boot_order;        /* lower boots first; -1 when absent (after the others) */
	bool rxtx_buffer;      /* the manifest declares RX/TX buffers ... */
	unsigned rx_region;    /* ... as these memory regions (indexes into regions) */
	unsigned tx_region;
	uint32_t vm_availability; /* bit 0 created, bit 1 destroyed */
	bool power_management;    /* power_messages != 0 */
	uint32_t power_messages;  /* PART_PM_* */
	bool notification_support;
	bool managed_exit;      /* ns_action == PART_NS_MANAGED_EXIT */
	bool managed_exit_virq; /* managed-exit-virq: the managed-exit interrupt is a vIRQ, not vFIQ
				 */
	enum part_ns_action ns_action;
	/* other-s-interrupts-action: queued (every interrupt masked while it runs), else
	 * signaled */
	bool other_s_queued;
	uint32_t gp_register_num; /* PART_GP_REGISTER_NONE when absent */
	struct part_region regions[PART_MAX_REGIONS];
	unsigned region_count;
	struct part_device devices[PART_MAX_REGIONS];
	unsigned device_count;
	/* Exactly one of image and model is set. */
	char image[EMU_PATH_MAX]; /* ELF or raw binary, resolved against the manifest's folder */
	char model[EMU_NAME_MAX]; /* echo, error, yield, scripted, memory, indirect, optee */
	struct part_model_params params;
	/* The size of the partition's memory at load_address (4 KiB multiple): its image, stack
	 * and heap. Default 1 MiB. */
	uint64_t memory_size;
};

struct cfg_node;

/*
 * Loads a partition manifest from a YAML file (docs/manifest.md). Returns false with *err
 * ("file:line:column: key: message") on the first error: unknown key, wrong type or range,
 * bad UUID or FF-A version, an ID without bit 15, both or neither of image and model, messaging
 * methods the version lacks, unaligned or overlapping regions, a missing image file.
 */
bool part_manifest_load(const char *path, struct part_manifest *m, struct diag *err);

/*
 * Reads a manifest from a mapping node of an already loaded document (an inline manifest of a
 * system file, or a manifest file after --set overrides). Paths (image) are resolved against
 * the folder of the node's file; messages carry the node's key path ("partitions[0].uuid").
 */
bool part_manifest_from_node(const struct cfg_node *node, struct part_manifest *m,
			     struct diag *err);

/*
 * Reads an FF-A version written as MAJOR.MINOR ("1.2") or as its 32-bit encoding (0x10002), and
 * checks it is one the simulator models (1.0, 1.1 or 1.2). Shared with the system file's
 * spmc.version.
 */
bool part_manifest_read_version(const struct cfg_node *n, uint32_t *out, struct diag *err);

#endif
