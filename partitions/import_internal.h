/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the parts of `ffa-sim import-manifest` share: the description of a partition read from
 * its device tree (struct imp_manifest, in the binding's units) and the state of one import,
 * which import.c fills and import_yaml.c writes out. Private to partitions/.
 */
#ifndef PARTITIONS_IMPORT_INTERNAL_H
#define PARTITIONS_IMPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "abi/uuid.h"
#include "partitions/manifest.h"

#define IMP_DEFAULT_NAME "partition"
#define IMP_MAX_INTERRUPTS 64

#define IMP_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A bit of a flags property and its name in the YAML. */
struct imp_name {
	uint32_t bit;
	const char *name;
};

#define IMP_METHOD_COUNT 5u

/*
 * messaging-method's bits and their names in the YAML (import.c): the reader checks values
 * against them, the writer names the bits set.
 */
extern const struct imp_name part_import_methods[IMP_METHOD_COUNT];

struct imp_region {
	char name[EMU_NAME_MAX];
	char description[PART_DESCRIPTION_MAX];
	bool relative;    /* address is a load-address-relative-offset */
	uint64_t address; /* base-address, or the offset from load-address */
	uint32_t pages;
	uint32_t attributes;
	uint32_t phandle; /* 0: none */
};

struct imp_interrupt {
	uint32_t id;
	uint32_t attributes;
};

/* One entry of interrupts-target: an interrupt of the device and the MPIDR it is routed to. */
struct imp_target {
	uint32_t id;
	uint64_t mpidr;
};

struct imp_device {
	char name[EMU_NAME_MAX];
	char description[PART_DESCRIPTION_MAX];
	uint64_t base;
	uint32_t pages;
	uint32_t attributes;
	struct imp_interrupt interrupts[IMP_MAX_INTERRUPTS];
	unsigned interrupt_count;
	struct imp_target targets[IMP_MAX_INTERRUPTS]; /* in the order the triples come */
	unsigned target_count;
};

struct imp_service {
	uint8_t uuid[FFA_UUID_SIZE];
	uint32_t messaging;
};

/* The root's number properties, read from one table (imp_numbers). */
enum imp_num {
	IMP_ID,
	IMP_CTX,
	IMP_EL,
	IMP_STATE,
	IMP_LOAD,
	IMP_ENTRY,
	IMP_GRANULE,
	IMP_BOOT,
	IMP_NS_ACTION,
	IMP_OTHER_S,
	IMP_VM,
	IMP_PM,
	IMP_GP,
	IMP_NUM_COUNT
};

/* What the device tree says, in the binding's units. */
struct imp_manifest {
	char binding[64];   /* the root's compatible string */
	bool services_node; /* UUIDs from a services node (binding > 1.0) */
	char description[PART_DESCRIPTION_MAX];
	bool has_description;
	uint32_t ffa_version;
	uint64_t num[IMP_NUM_COUNT];
	bool has[IMP_NUM_COUNT]; /* the property is given */
	struct imp_service services[PART_MAX_SERVICES];
	unsigned service_count;
	bool per_service_messaging; /* one messaging-method per UUID */
	bool notification_support;
	struct imp_region regions[PART_MAX_REGIONS];
	unsigned region_count;
	struct imp_device devices[PART_MAX_REGIONS];
	unsigned device_count;
	bool has_rxtx;
	unsigned rx, tx; /* indices into regions */
};

/* One import: the blob, where errors go, the notes on what was not imported. */
struct imp {
	const void *fdt;
	const char *file;
	struct diag *err;
	FILE *notes;
	char *notes_buf;
	FILE *changes; /* the caller's notes on what was changed to match Hafnium, or NULL */
	size_t notes_len;
	char names[2 * PART_MAX_REGIONS][EMU_NAME_MAX]; /* region names given so far */
	unsigned name_count;
	struct imp_manifest m;
};

/*
 * Writes the partition im->m as a YAML manifest (docs/manifest.md) to out, named name, with
 * `image: IMAGE` when image is not NULL, and the notes on what was not imported as comments.
 * Errors of out are the caller's to check.
 */
void part_import_write_yaml(const struct imp *im, const char *name, const char *image, FILE *out);

#endif /* PARTITIONS_IMPORT_INTERNAL_H */
