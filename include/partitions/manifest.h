/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A secure partition's manifest: the fields of the FF-A partition manifest binding
 * (ffa-abi.md, "Manifest fields") plus the simulator's own (`image` or `model`). Filled from
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

#define PART_MAX_SERVICES 8    /* UUIDs (services) of one partition (SPMC_MAX_UUIDS) */
#define PART_MAX_REGIONS 16    /* memory regions, device regions */
#define PART_MAX_SCRIPT 32     /* answers of the `scripted` model */
#define PART_DESCRIPTION_MAX 128

enum part_exception_level {
	PART_EL1 = 0,   /* "exception-level: 0" in the binding: EL1 (a VM-like partition) */
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
	uint32_t interrupts[4];
	unsigned interrupt_count;
};

/* Parameters of the built-in models (partitions/builtin.h). */
struct part_model_params {
	int32_t error_code;                          /* `error`: the FFA_ERROR code answered */
	unsigned yield_count;                        /* `yield`: FFA_YIELDs before answering */
	struct ffa_value script[PART_MAX_SCRIPT];    /* `scripted`: answers, in order */
	unsigned script_count;
};

struct part_manifest {
	char file[DIAG_FILE_MAX];     /* where it was read, for messages */
	unsigned line;                /* its position in that file */
	char name[EMU_NAME_MAX];      /* console prefix and reports; unique */
	char description[PART_DESCRIPTION_MAX];
	uint16_t id;                  /* bit 15 set */
	uint32_t ffa_version;
	struct part_service services[PART_MAX_SERVICES];
	unsigned service_count;
	uint32_t messaging;           /* FFA_PROP_* message bits of the partition as a whole */
	uint16_t exec_ctx_count;
	enum part_exception_level exception_level;
	unsigned execution_state;     /* 0 AArch64 (1 AArch32 is refused) */
	uint64_t load_address;
	uint64_t entrypoint_offset;
	uint32_t xlat_granule;        /* 0 = 4 KiB */
	int boot_order;               /* lower boots first; -1 when absent (after the others) */
	bool rxtx_buffer;             /* the manifest declares RX/TX buffers */
	uint32_t vm_availability;     /* bit 0 created, bit 1 destroyed */
	bool power_management;
	bool notification_support;
	bool managed_exit;
	uint32_t gp_register_num;
	struct part_region regions[PART_MAX_REGIONS];
	unsigned region_count;
	struct part_device devices[PART_MAX_REGIONS];
	unsigned device_count;
	/* Exactly one of image and model is set. */
	char image[EMU_PATH_MAX];     /* ELF or raw binary, resolved against the manifest's folder */
	char model[EMU_NAME_MAX];     /* echo, error, yield, scripted */
	struct part_model_params params;
	/* The size of the partition's memory at load_address (4 KiB multiple): its image, stack
	 * and heap. Default 1 MiB. */
	uint64_t memory_size;
};

#endif
