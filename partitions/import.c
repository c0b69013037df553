/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * `ffa-sim import-manifest`: FF-A partition manifests in the device-tree binding (TF-A's
 * docs/components/ffa-manifest-binding.rst, the form Hafnium and TF-A's EL3 SPMC read) turned
 * into the simulator's YAML manifest (docs/manifest.md).
 *
 * The DTB is read whole into a description of the partition (struct imp_manifest), checking
 * sizes and values as it goes, then written as YAML (import_yaml.c). Where the binding leaves
 * room, reading follows Hafnium's parser (manifest.c): a number may be one cell or two
 * (manifests write `load-address = <0x7000000>` for a <u64>), a flag is an empty property, the
 * region nodes are found by name and their children read in order, a region has a base-address or a
 * load-address-relative-offset but not both, the RX/TX node names regions by phandle.
 *
 * part_import_manifest, which reads the file or compiles DT source first, is in import_file.c.
 */
#include "partitions/import.h"

#include <libfdt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/ffa.h"
#include "abi/uuid.h"
#include "partitions/manifest.h"
#include "import_internal.h"

#define IMP_NODE_PATH_MAX 256
#define IMP_BINDING_PREFIX "arm,ffa-manifest-"
/* The blob versions libfdt checks (its FDT_FIRST_SUPPORTED_VERSION is lower, but unsafe). */
#define IMP_FDT_FIRST_VERSION 16
#define IMP_FDT_LAST_VERSION 17

/* messaging-method: partition properties 0-2, 9, 10 (FF-A v1.2 (DEN0077A) §6.2.1). */
const struct imp_name part_import_methods[] = {
	{FFA_PROP_DIRECT_REQ_RECV, "direct-req-recv"},
	{FFA_PROP_DIRECT_REQ_SEND, "direct-req-send"},
	{FFA_PROP_INDIRECT_MSG, "indirect"},
	{FFA_PROP_DIRECT_REQ2_RECV, "direct-req2-recv"},
	{FFA_PROP_DIRECT_REQ2_SEND, "direct-req2-send"},
};

/* Region attributes: R=1 W=2 X=4, and bit 3 the security state (set: non-secure). */
#define IMP_ATTR_MASK (PART_ATTR_READ | PART_ATTR_WRITE | PART_ATTR_EXEC | PART_ATTR_NS)

/* A number property: its range (min..max), or the only bits it may set (bits != 0). */
struct imp_num_prop {
	const char *prop;
	bool required;
	bool wide; /* a <u64> */
	uint64_t min, max;
	uint32_t bits;
	const char *range; /* the values it takes, for messages */
};

static const struct imp_num_prop imp_numbers[IMP_NUM_COUNT] = {
	[IMP_ID] = {"id", false, false, 0, UINT16_MAX, 0, "a 16-bit endpoint ID"},
	[IMP_CTX] = {"execution-ctx-count", true, false, 1, UINT16_MAX, 0, "1 to 65535"},
	[IMP_EL] = {"exception-level", true, false, 0, 2, 0, "0 (EL1), 1 (S-EL0) or 2 (S-EL1)"},
	[IMP_STATE] = {"execution-state", true, false, 0, 1, 0, "0 (AArch64) or 1 (AArch32)"},
	[IMP_LOAD] = {"load-address", false, true, 0, UINT64_MAX, 0, ""},
	[IMP_ENTRY] = {"entrypoint-offset", false, true, 0, UINT64_MAX, 0, ""},
	[IMP_GRANULE] = {"xlat-granule", false, false, 0, 2, 0, "0 (4K), 1 (16K) or 2 (64K)"},
	[IMP_BOOT] = {"boot-order", false, false, 0, UINT16_MAX, 0, "0 to 65535"},
	/* 0 queued, 1 signaled after a managed exit, 2 signaled (supersedes managed-exit). */
	[IMP_NS_ACTION] = {"ns-interrupts-action", false, false, 0, 2, 0,
			   "0 (queued), 1 (managed exit) or 2 (signaled)"},
	/* 0 queued, 1 signaled (Hafnium's OTHER_S_INT_ACTION_*). */
	[IMP_OTHER_S] = {"other-s-interrupts-action", false, false, 0, 1, 0,
			 "0 (queued) or 1 (signaled)"},
	[IMP_VM] = {"vm-availability-messages", false, false, 0, UINT32_MAX,
		    PART_VM_CREATED | PART_VM_DESTROYED, ""},
	[IMP_PM] = {"power-management-messages", false, false, 0, UINT32_MAX,
		    PART_PM_CPU_OFF | PART_PM_CPU_SUSPEND | PART_PM_CPU_SUSPEND_RESUME |
			    PART_PM_CPU_ON,
		    ""},
	[IMP_GP] = {"gp-register-num", false, false, 0, UINT32_MAX, 0, ""},
};

/* ---- Messages ---- */

static void imp_node_path(const struct imp *im, int node, char *buf, size_t size)
{
	if (fdt_get_path(im->fdt, node, buf, (int)size) != 0)
		snprintf(buf, size, "(node at offset %d)", node);
}

/* Records "FILE: NODE: PROP: message" (PROP may be NULL) and returns false. */
static bool __attribute__((format(printf, 4, 5)))
imp_fail(struct imp *im, int node, const char *prop, const char *fmt, ...)
{
	char path[IMP_NODE_PATH_MAX], msg[DIAG_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	imp_node_path(im, node, path, sizeof(path));
	if (prop != NULL)
		diag_set(im->err, im->file, 0, 0, "%s: %s: %s", path, prop, msg);
	else
		diag_set(im->err, im->file, 0, 0, "%s: %s", path, msg);
	return false;
}

/* ---- Typed property readers: each returns false with the error recorded ---- */

static bool imp_missing(struct imp *im, int node, const char *prop, bool required)
{
	if (required)
		return imp_fail(im, node, prop, "missing (required by the FF-A manifest binding)");
	return true;
}

/*
 * A number: one cell (<u32>) or two (<u64>, high cell first). A <u32> property may be written
 * in two cells if the value fits, as Hafnium's read_uint32 accepts.
 */
static bool imp_number(struct imp *im, int node, const char *prop, bool required, bool wide,
		       bool *present, uint64_t *out)
{
	int len;
	const uint8_t *p = fdt_getprop(im->fdt, node, prop, &len);

	*present = false;
	if (p == NULL)
		return imp_missing(im, node, prop, required);
	if (len == 4) {
		*out = fdt32_ld((const fdt32_t *)p);
	} else if (len == 8) {
		*out = fdt64_ld((const fdt64_t *)p);
	} else {
		return imp_fail(im, node, prop, "expected a %s (%s), found %d byte%s",
				wide ? "<u64>" : "<u32>", wide ? "one or two cells" : "one cell",
				len, len == 1 ? "" : "s");
	}
	if (!wide && *out > UINT32_MAX)
		return imp_fail(im, node, prop, "0x%llx does not fit a <u32>",
				(unsigned long long)*out);
	*present = true;
	return true;
}

static bool imp_u32(struct imp *im, int node, const char *prop, bool required, bool *present,
		    uint32_t *out)
{
	uint64_t v = 0;
	bool ok = imp_number(im, node, prop, required, false, present, &v);

	*out = (uint32_t)v;
	return ok;
}

static bool imp_u64(struct imp *im, int node, const char *prop, bool required, bool *present,
		    uint64_t *out)
{
	return imp_number(im, node, prop, required, true, present, out);
}

/* A <string>: one NUL-terminated string of printable characters that fits size. */
static bool imp_string(struct imp *im, int node, const char *prop, bool required, bool *present,
		       char *out, size_t size)
{
	int len;
	const char *p = fdt_getprop(im->fdt, node, prop, &len);

	*present = false;
	if (p == NULL)
		return imp_missing(im, node, prop, required);
	if (len < 1 || p[len - 1] != '\0' || strlen(p) != (size_t)len - 1)
		return imp_fail(im, node, prop, "expected a <string> (one string)");
	for (int i = 0; i < len - 1; i++) {
		if ((unsigned char)p[i] < 0x20 || (unsigned char)p[i] > 0x7e)
			return imp_fail(im, node, prop, "character 0x%02x at %d is not printable",
					(unsigned char)p[i], i);
	}
	if ((size_t)len > size)
		return imp_fail(im, node, prop, "longer than %zu characters", size - 1);
	memcpy(out, p, (size_t)len);
	*present = true;
	return true;
}

/* A flag (<empty>): present or not; a value is malformed (Hafnium's read_bool). */
static bool imp_flag(struct imp *im, int node, const char *prop, bool *out)
{
	int len;
	const void *p = fdt_getprop(im->fdt, node, prop, &len);

	*out = p != NULL;
	if (p != NULL && len != 0)
		return imp_fail(im, node, prop,
				"expected an empty property (a flag), found %d bytes", len);
	return true;
}

/* A <prop-encoded-array> of cells: *count cells at *cells (big-endian). */
static bool imp_cells(struct imp *im, int node, const char *prop, bool required,
		      const fdt32_t **cells, unsigned *count)
{
	int len;
	const void *p = fdt_getprop(im->fdt, node, prop, &len);

	*cells = NULL;
	*count = 0;
	if (p == NULL)
		return imp_missing(im, node, prop, required);
	if (len == 0 || len % 4 != 0)
		return imp_fail(im, node, prop, "expected a list of <u32> cells, found %d bytes",
				len);
	*cells = p;
	*count = (unsigned)len / 4;
	return true;
}

/* Checks that a value has no bits outside mask. */
static bool imp_bits(struct imp *im, int node, const char *prop, uint32_t value, uint32_t mask)
{
	if ((value & ~mask) != 0)
		return imp_fail(im, node, prop, "unknown bits 0x%x in 0x%x", value & ~mask, value);
	return true;
}

/* ---- Notes: what is not imported ---- */

static bool imp_known(const char *name, const char *const *known)
{
	if (strcmp(name, "phandle") == 0 || strcmp(name, "linux,phandle") == 0)
		return true;
	for (; *known != NULL; known++) {
		if (strcmp(name, *known) == 0)
			return true;
	}
	return false;
}

/* Lists the properties of a node that were not imported. */
static void imp_note_unread(struct imp *im, int node, const char *const *known)
{
	char path[IMP_NODE_PATH_MAX];
	int prop;

	imp_node_path(im, node, path, sizeof(path));
	fdt_for_each_property_offset(prop, im->fdt, node)
	{
		const char *name;

		if (fdt_getprop_by_offset(im->fdt, prop, &name, NULL) == NULL)
			continue;
		if (!imp_known(name, known))
			fprintf(im->notes, "#   %s: %s\n", path, name);
	}
}

/* ---- The binding ---- */

/* The root's compatible: "arm,ffa-manifest-X.Y" with X = 1 (any Y: minors are compatible). */
static bool imp_compatible(struct imp *im, int root)
{
	int len, count = fdt_stringlist_count(im->fdt, root, "compatible");
	const char *first = NULL;

	if (count == -FDT_ERR_NOTFOUND)
		return imp_fail(im, root, "compatible",
				"missing: not an FF-A partition manifest (expected \"%s1.0\")",
				IMP_BINDING_PREFIX);
	if (count < 0)
		return imp_fail(im, root, "compatible", "expected a <stringlist>");
	for (int i = 0; i < count; i++) {
		const char *s = fdt_stringlist_get(im->fdt, root, "compatible", i, &len);
		unsigned major, minor;
		char end;

		if (s == NULL)
			return imp_fail(im, root, "compatible", "expected a <stringlist>");
		if (first == NULL)
			first = s;
		if (strncmp(s, IMP_BINDING_PREFIX, strlen(IMP_BINDING_PREFIX)) != 0 ||
		    sscanf(s + strlen(IMP_BINDING_PREFIX), "%u.%u%c", &major, &minor, &end) != 2)
			continue;
		if (major != 1)
			return imp_fail(im, root, "compatible",
					"\"%s\": binding version %u.%u is not supported (1.x)", s,
					major, minor);
		snprintf(im->m.binding, sizeof(im->m.binding), "%s", s);
		return true;
	}
	return imp_fail(im, root, "compatible",
			"\"%s\" is not an FF-A partition manifest "
			"(expected \"%s1.0\" or \"%s1.1\")",
			first != NULL ? first : "", IMP_BINDING_PREFIX, IMP_BINDING_PREFIX);
}

/* The child of node with a name (without unit address), or a negative libfdt error. */
static int imp_child(struct imp *im, int node, const char *name)
{
	return fdt_subnode_offset(im->fdt, node, name);
}

static bool imp_node_compatible(struct imp *im, int node, const char *want)
{
	if (fdt_node_check_compatible(im->fdt, node, want) != 0)
		return imp_fail(im, node, "compatible", "expected \"%s\"", want);
	return true;
}

static bool imp_messaging(struct imp *im, int node, const char *prop, uint32_t value)
{
	uint32_t mask = 0;

	for (size_t i = 0; i < IMP_METHOD_COUNT; i++)
		mask |= part_import_methods[i].bit;
	return imp_bits(im, node, prop, value, mask);
}

/*
 * Binding 1.0 (and Hafnium): `uuid` lists 4-cell UUIDs packed as SMCCC's UUID registers
 * (SMCCC (DEN0028) §5.3, as the binding says: bytes 0-3 in the first cell, lowest first, so
 * b4b5671e-4a90-4fe1-b81f-fb13dae1dacb is <0x1e67b5b4 0xe14f904a 0x13fb1fb8 0xcbdae1da>);
 * `messaging-method` is one value for all of them or one per UUID.
 */
static bool imp_root_uuids(struct imp *im, int root)
{
	const fdt32_t *cells, *methods;
	unsigned count, method_count;

	if (!imp_cells(im, root, "uuid", true, &cells, &count))
		return false;
	if (count % 4 != 0)
		return imp_fail(im, root, "uuid", "expected groups of 4 cells, found %u cells",
				count);
	if (count / 4 > PART_MAX_SERVICES)
		return imp_fail(im, root, "uuid", "%u UUIDs; the simulator takes at most %u",
				count / 4, PART_MAX_SERVICES);
	im->m.service_count = count / 4;
	for (unsigned i = 0; i < im->m.service_count; i++) {
		struct imp_service *s = &im->m.services[i];

		ffa_uuid_from_regs32(fdt32_ld(&cells[4 * i]), fdt32_ld(&cells[4 * i + 1]),
				     fdt32_ld(&cells[4 * i + 2]), fdt32_ld(&cells[4 * i + 3]),
				     s->uuid);
		/* Hafnium refuses the Nil UUID: it means "any partition" in FF-A calls. */
		if (ffa_uuid_is_null(s->uuid))
			return imp_fail(im, root, "uuid", "UUID %u is the Nil UUID", i);
	}
	if (!imp_cells(im, root, "messaging-method", true, &methods, &method_count))
		return false;
	if (method_count != 1 && method_count != im->m.service_count)
		return imp_fail(im, root, "messaging-method",
				"%u values for %u UUIDs (one for all, or one per UUID)",
				method_count, im->m.service_count);
	im->m.per_service_messaging = method_count > 1;
	for (unsigned i = 0; i < im->m.service_count; i++) {
		uint32_t v = fdt32_ld(&methods[method_count > 1 ? i : 0]);

		if (!imp_messaging(im, root, "messaging-method", v))
			return false;
		im->m.services[i].messaging = v;
	}
	return true;
}

/* Binding > 1.0: a services node, one child per service with a uuid string and its methods. */
static bool imp_services_node(struct imp *im, int node)
{
	static const char *const known[] = {"compatible", NULL};
	static const char *const child_known[] = {"uuid", "messaging-method", NULL};
	int child;

	if (!imp_node_compatible(im, node, "arm,ffa-manifest-services"))
		return false;
	im->m.services_node = true;
	imp_note_unread(im, node, known);
	fdt_for_each_subnode(child, im->fdt, node)
	{
		struct imp_service *s;
		char text[2 * FFA_UUID_TEXT_SIZE]; /* room for a too-long one, to quote it */
		enum ffa_uuid_err uerr;
		bool present;

		if (im->m.service_count == PART_MAX_SERVICES)
			return imp_fail(im, node, NULL, "more than %u services", PART_MAX_SERVICES);
		s = &im->m.services[im->m.service_count++];
		if (!imp_string(im, child, "uuid", true, &present, text, sizeof(text)))
			return false;
		uerr = ffa_uuid_parse(text, s->uuid);
		if (uerr != FFA_UUID_OK)
			return imp_fail(im, child, "uuid", "\"%s\" is not a UUID: %s", text,
					ffa_uuid_strerror(uerr));
		if (ffa_uuid_is_null(s->uuid))
			return imp_fail(im, child, "uuid", "the Nil UUID");
		if (!imp_u32(im, child, "messaging-method", true, &present, &s->messaging) ||
		    !imp_messaging(im, child, "messaging-method", s->messaging))
			return false;
		imp_note_unread(im, child, child_known);
	}
	if (im->m.service_count == 0)
		return imp_fail(im, node, NULL, "no service (at least one child is required)");
	im->m.per_service_messaging = true;
	return true;
}

/* A YAML name: 1 to 31 characters from A-Z a-z 0-9 - _ . (docs/platform.md, "Values"). */
static bool imp_is_name(const char *s)
{
	size_t len = strlen(s);

	if (len == 0 || len >= EMU_NAME_MAX)
		return false;
	for (; *s != '\0'; s++) {
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' || *s == '.'))
			return false;
	}
	return true;
}

/*
 * A region's name: its description, as Hafnium names regions, when that is a YAML name; else
 * its node name without the unit address, ',' and '+' made '-'. Memory and device regions share
 * one namespace in the YAML: a name already given gets a "-2", "-3" ... suffix.
 */
static void imp_region_name(struct imp *im, int node, const char *description, char *out)
{
	const char *n = fdt_get_name(im->fdt, node, NULL);
	char base[EMU_NAME_MAX];
	size_t len = 0;
	bool taken = true;

	for (; n != NULL && *n != '\0' && *n != '@' && len < EMU_NAME_MAX - 4; n++)
		base[len++] = (*n == ',' || *n == '+') ? '-' : *n;
	base[len] = '\0';
	if (imp_is_name(description) && strlen(description) < EMU_NAME_MAX - 4)
		snprintf(base, sizeof(base), "%s", description);
	else if (len == 0)
		snprintf(base, sizeof(base), "region");
	snprintf(out, EMU_NAME_MAX, "%s", base);
	for (unsigned suffix = 2; taken; suffix++) {
		taken = false;
		for (unsigned i = 0; i < im->name_count; i++)
			taken = taken || strcmp(im->names[i], out) == 0;
		if (taken)
			snprintf(out, EMU_NAME_MAX, "%.20s-%u", base, suffix);
	}
	snprintf(im->names[im->name_count++], EMU_NAME_MAX, "%s", out);
}

static bool imp_pages_attributes(struct imp *im, int node, uint32_t *pages, uint32_t *attributes)
{
	bool present;

	if (!imp_u32(im, node, "pages-count", true, &present, pages))
		return false;
	/* Hafnium: an empty region is an error (MANIFEST_ERROR_MEM_REGION_EMPTY). */
	if (*pages == 0)
		return imp_fail(im, node, "pages-count", "0: a region has at least one page");
	return imp_u32(im, node, "attributes", true, &present, attributes) &&
	       imp_bits(im, node, "attributes", *attributes, IMP_ATTR_MASK);
}

static bool imp_memory_regions(struct imp *im, int node)
{
	static const char *const known[] = {"compatible", NULL};
	static const char *const child_known[] = {"description",
						  "pages-count",
						  "attributes",
						  "base-address",
						  "load-address-relative-offset",
						  NULL};
	int child;

	if (!imp_node_compatible(im, node, "arm,ffa-manifest-memory-regions"))
		return false;
	imp_note_unread(im, node, known);
	fdt_for_each_subnode(child, im->fdt, node)
	{
		struct imp_region *r;
		bool present, absolute, relative;
		uint64_t base = 0, offset = 0;

		if (im->m.region_count == PART_MAX_REGIONS)
			return imp_fail(im, node, NULL, "more than %u memory regions",
					PART_MAX_REGIONS);
		r = &im->m.regions[im->m.region_count];
		if (!imp_string(im, child, "description", false, &present, r->description,
				sizeof(r->description)))
			return false;
		imp_region_name(im, child, r->description, r->name);
		if (!imp_pages_attributes(im, child, &r->pages, &r->attributes) ||
		    !imp_u64(im, child, "base-address", false, &absolute, &base) ||
		    !imp_u64(im, child, "load-address-relative-offset", false, &relative, &offset))
			return false;
		/* Hafnium requires exactly one of the two (parse_base_address). */
		if (absolute && relative)
			return imp_fail(im, child, NULL,
					"has both base-address and "
					"load-address-relative-offset");
		if (!absolute && !relative)
			return imp_fail(im, child, NULL,
					"needs base-address or load-address-relative-offset");
		r->relative = relative;
		r->address = relative ? offset : base;
		r->phandle = fdt_get_phandle(im->fdt, child);
		imp_note_unread(im, child, child_known);
		im->m.region_count++;
	}
	if (im->m.region_count == 0)
		return imp_fail(im, node, NULL, "no region (Hafnium requires at least one child)");
	return true;
}

static bool imp_interrupts(struct imp *im, int node, struct imp_device *d)
{
	const fdt32_t *cells;
	unsigned count;

	if (fdt_getprop(im->fdt, node, "interrupts", NULL) == NULL)
		return true;
	if (!imp_cells(im, node, "interrupts", false, &cells, &count))
		return false;
	/* (id, attributes) pairs. */
	if (count % 2 != 0)
		return imp_fail(im, node, "interrupts",
				"expected (id, attributes) pairs, found %u cells", count);
	if (count / 2 > IMP_MAX_INTERRUPTS)
		return imp_fail(im, node, "interrupts", "more than %u interrupts",
				IMP_MAX_INTERRUPTS);
	d->interrupt_count = count / 2;
	for (unsigned i = 0; i < d->interrupt_count; i++) {
		d->interrupts[i].id = fdt32_ld(&cells[2 * i]);
		d->interrupts[i].attributes = fdt32_ld(&cells[2 * i + 1]);
	}
	return true;
}

/*
 * A device's interrupts-target: <id mpidr-high mpidr-low> triples, as Hafnium's manifest parser
 * reads them, each routing one of the device's interrupts to the CPU with that MPIDR. The checks
 * are the YAML form's (docs/manifest.md): the ID is one of the device's interrupts (Hafnium's
 * MANIFEST_ERROR_INTERRUPT_ID_NOT_IN_LIST), at most one target each (Hafnium keeps the last),
 * and the MPIDR has affinity fields only (bit 31 would be GICD_IROUTER's any-CPU routing mode).
 * Hafnium ignores the property on a device without interrupts; the YAML form refuses it.
 * Errors name the triple, counted from 1.
 */
static bool imp_targets(struct imp *im, int node, struct imp_device *d)
{
	const fdt32_t *cells;
	unsigned count;

	if (fdt_getprop(im->fdt, node, "interrupts-target", NULL) == NULL)
		return true;
	if (d->interrupt_count == 0)
		return imp_fail(im, node, "interrupts-target",
				"targets for a device without interrupts");
	if (!imp_cells(im, node, "interrupts-target", false, &cells, &count))
		return false;
	if (count % 3 != 0)
		return imp_fail(im, node, "interrupts-target",
				"expected (id, mpidr-high, mpidr-low) triples, found %u cells",
				count);
	for (unsigned i = 0; i < count / 3; i++) {
		struct imp_target t = {
			.id = fdt32_ld(&cells[3 * i]),
			.mpidr = (uint64_t)fdt32_ld(&cells[3 * i + 1]) << 32 |
				 fdt32_ld(&cells[3 * i + 2]),
		};
		unsigned j;

		for (j = 0; j < d->interrupt_count && d->interrupts[j].id != t.id; j++)
			;
		if (j == d->interrupt_count)
			return imp_fail(im, node, "interrupts-target",
					"triple %u: interrupt %u is not one of this device's "
					"interrupts",
					i + 1, t.id);
		for (j = 0; j < d->target_count; j++) {
			if (d->targets[j].id == t.id)
				return imp_fail(im, node, "interrupts-target",
						"triple %u: interrupt %u has a target already "
						"(triple %u)",
						i + 1, t.id, j + 1);
		}
		if ((t.mpidr & ~PART_MPIDR_AFFINITY) != 0)
			return imp_fail(im, node, "interrupts-target",
					"triple %u: MPIDR 0x%llx sets bits other than the "
					"affinity fields (Aff3 39:32, Aff2-Aff0 23:0)",
					i + 1, (unsigned long long)t.mpidr);
		d->targets[d->target_count++] = t;
	}
	return true;
}

static bool imp_device_regions(struct imp *im, int node)
{
	static const char *const known[] = {"compatible", NULL};
	static const char *const child_known[] = {
		"description", "pages-count",       "attributes", "base-address",
		"interrupts",  "interrupts-target", NULL};
	int child;

	if (!imp_node_compatible(im, node, "arm,ffa-manifest-device-regions"))
		return false;
	imp_note_unread(im, node, known);
	fdt_for_each_subnode(child, im->fdt, node)
	{
		struct imp_device *d;
		bool present;

		if (im->m.device_count == PART_MAX_REGIONS)
			return imp_fail(im, node, NULL, "more than %u device regions",
					PART_MAX_REGIONS);
		d = &im->m.devices[im->m.device_count];
		if (!imp_string(im, child, "description", false, &present, d->description,
				sizeof(d->description)))
			return false;
		imp_region_name(im, child, d->description, d->name);
		if (!imp_u64(im, child, "base-address", true, &present, &d->base) ||
		    !imp_pages_attributes(im, child, &d->pages, &d->attributes) ||
		    !imp_interrupts(im, child, d) || !imp_targets(im, child, d))
			return false;
		imp_note_unread(im, child, child_known);
		im->m.device_count++;
	}
	if (im->m.device_count == 0)
		return imp_fail(im, node, NULL, "no region (Hafnium requires at least one child)");
	return true;
}

/* The memory region a phandle names (rx-buffer, tx-buffer), as an index. */
static bool imp_buffer(struct imp *im, int node, const char *prop, unsigned *index)
{
	uint32_t phandle;
	bool present;

	if (!imp_u32(im, node, prop, true, &present, &phandle))
		return false;
	for (unsigned i = 0; i < im->m.region_count; i++) {
		if (phandle != 0 && im->m.regions[i].phandle == phandle) {
			*index = i;
			return true;
		}
	}
	return imp_fail(im, node, prop, "phandle 0x%x is not a node of memory-regions", phandle);
}

/* The RX/TX buffer node: Hafnium's "rx_tx-info", found here by its compatible. */
static bool imp_rxtx(struct imp *im, int root)
{
	static const char *const known[] = {"compatible", "rx-buffer", "tx-buffer", NULL};
	int node = fdt_node_offset_by_compatible(im->fdt, -1, "arm,ffa-manifest-rx_tx-buffer");

	if (node < 0)
		return true;
	if (fdt_parent_offset(im->fdt, node) != root)
		return imp_fail(im, node, NULL, "the RX/TX buffer node must be a child of /");
	if (!imp_buffer(im, node, "rx-buffer", &im->m.rx) ||
	    !imp_buffer(im, node, "tx-buffer", &im->m.tx))
		return false;
	if (im->m.rx == im->m.tx)
		return imp_fail(im, node, NULL, "rx-buffer and tx-buffer name the same region");
	im->m.has_rxtx = true;
	imp_note_unread(im, node, known);
	return true;
}

/* Child nodes of / other than the ones imported. */
static void imp_note_children(struct imp *im, int root)
{
	static const char *const known[] = {"memory-regions", "device-regions", "services", NULL};
	int child;

	fdt_for_each_subnode(child, im->fdt, root)
	{
		char path[IMP_NODE_PATH_MAX];

		if (imp_known(fdt_get_name(im->fdt, child, NULL), known) ||
		    fdt_node_check_compatible(im->fdt, child, "arm,ffa-manifest-rx_tx-buffer") == 0)
			continue;
		imp_node_path(im, child, path, sizeof(path));
		fprintf(im->notes, "#   %s (node)\n", path);
	}
}

/* Reads the root node's properties. */
static bool imp_root(struct imp *im, int root)
{
	static const char *const known[] = {"compatible",
					    "ffa-version",
					    "uuid",
					    "id",
					    "description",
					    "execution-ctx-count",
					    "exception-level",
					    "execution-state",
					    "load-address",
					    "entrypoint-offset",
					    "xlat-granule",
					    "boot-order",
					    "messaging-method",
					    "managed-exit",
					    "ns-interrupts-action",
					    "other-s-interrupts-action",
					    "notification-support",
					    "vm-availability-messages",
					    "power-management-messages",
					    "gp-register-num",
					    NULL};
	struct imp_manifest *m = &im->m;
	bool present, me_flag;
	int services;

	if (!imp_compatible(im, root) ||
	    !imp_u32(im, root, "ffa-version", true, &present, &m->ffa_version))
		return false;
	if (!ffa_version_valid(m->ffa_version) || ffa_version_major(m->ffa_version) != 1)
		return imp_fail(im, root, "ffa-version",
				"0x%x is not an FF-A 1.x version "
				"(major in bits 30:16, minor in 15:0)",
				m->ffa_version);
	services = imp_child(im, root, "services");
	if (services >= 0) {
		if (fdt_getprop(im->fdt, root, "uuid", NULL) != NULL)
			return imp_fail(im, root, "uuid",
					"given as well as a services node: use one of them");
		if (!imp_services_node(im, services))
			return false;
		/* The services carry the messaging methods; a root value has no meaning. */
		if (fdt_getprop(im->fdt, root, "messaging-method", NULL) != NULL)
			fputs("#   /: messaging-method (the services node gives them)\n",
			      im->notes);
	} else if (!imp_root_uuids(im, root)) {
		return false;
	}
	for (unsigned i = 0; i < IMP_NUM_COUNT; i++) {
		const struct imp_num_prop *n = &imp_numbers[i];

		if (!imp_number(im, root, n->prop, n->required, n->wide, &m->has[i], &m->num[i]))
			return false;
		if (!m->has[i])
			continue;
		if (n->bits != 0 && !imp_bits(im, root, n->prop, (uint32_t)m->num[i], n->bits))
			return false;
		if (m->num[i] < n->min || m->num[i] > n->max)
			return imp_fail(im, root, n->prop, "%llu is not %s",
					(unsigned long long)m->num[i], n->range);
	}
	if (!imp_string(im, root, "description", false, &m->has_description, m->description,
			sizeof(m->description)) ||
	    !imp_flag(im, root, "notification-support", &m->notification_support) ||
	    !imp_flag(im, root, "managed-exit", &me_flag))
		return false;
	/* The v1.0 managed-exit flag: Hafnium lets it win over ns-interrupts-action. */
	if (me_flag) {
		m->has[IMP_NS_ACTION] = true;
		m->num[IMP_NS_ACTION] = PART_NS_MANAGED_EXIT;
	}
	imp_note_unread(im, root, known);
	return true;
}

static bool imp_read(struct imp *im)
{
	int root = fdt_path_offset(im->fdt, "/");
	int node;

	if (root < 0)
		return imp_fail(im, 0, NULL, "no root node");
	if (!imp_root(im, root))
		return false;
	node = imp_child(im, root, "memory-regions");
	if (node >= 0 && !imp_memory_regions(im, node))
		return false;
	node = imp_child(im, root, "device-regions");
	if (node >= 0 && !imp_device_regions(im, node))
		return false;
	if (!imp_rxtx(im, root))
		return false;
	imp_note_children(im, root);
	return true;
}

/* ---- Entry points ---- */

/*
 * Checks what libfdt trusts before fdt_check_full() reads anything: the whole header is there
 * and its version is one libfdt checks (fdt_check_full() then checks the sizes). Versions below
 * 16 have no size for the strings block and node names that are whole paths; libfdt 1.6 reads
 * past the buffer on them (a version-5 header crashed fdt_check_full). DTSpec v0.4 §5.2: a
 * blob is version 17, compatible back to 16; later versions stay readable while their
 * last_comp_version is at most 17.
 */
static bool imp_check_header(const void *dtb, size_t size, const char *file, struct diag *err)
{
	uint32_t version, last_comp;

	if (size < sizeof(struct fdt_header)) {
		diag_set(err, file, 0, 0, "not a valid device tree blob: %s",
			 fdt_strerror(-FDT_ERR_TRUNCATED));
		return false;
	}
	version = fdt_version(dtb);
	last_comp = fdt_last_comp_version(dtb);
	if (version < IMP_FDT_FIRST_VERSION || last_comp > IMP_FDT_LAST_VERSION ||
	    last_comp > version) {
		diag_set(err, file, 0, 0,
			 "device tree blob version %u (last compatible version %u) is not "
			 "supported: "
			 "versions %u and %u are, and later ones compatible with them (dtc writes "
			 "17)",
			 version, last_comp, IMP_FDT_FIRST_VERSION, IMP_FDT_LAST_VERSION);
		return false;
	}
	return true;
}

bool part_import_dtb(const void *dtb, size_t size, const char *file, const char *name,
		     const char *image, FILE *out, FILE *notes, struct diag *err)
{
	struct imp *im;
	bool ok;
	int rc;

	file = file != NULL ? file : "";
	if (size < sizeof(fdt32_t) || fdt_magic(dtb) != FDT_MAGIC) {
		diag_set(err, file, 0, 0, "not a device tree blob (no FDT magic)");
		return false;
	}
	if (!imp_check_header(dtb, size, file, err))
		return false;
	rc = fdt_check_full(dtb, size);
	if (rc != 0) {
		diag_set(err, file, 0, 0, "not a valid device tree blob: %s", fdt_strerror(rc));
		return false;
	}
	im = calloc(1, sizeof(*im));
	if (im == NULL) {
		diag_set(err, file, 0, 0, "out of memory");
		return false;
	}
	im->fdt = dtb;
	im->file = file;
	im->err = err;
	im->changes = notes;
	im->notes = open_memstream(&im->notes_buf, &im->notes_len);
	if (im->notes == NULL) {
		free(im);
		diag_set(err, file, 0, 0, "out of memory");
		return false;
	}
	ok = imp_read(im);
	fflush(im->notes);
	if (ok)
		part_import_write_yaml(im, name != NULL ? name : IMP_DEFAULT_NAME, image, out);
	fclose(im->notes);
	free(im->notes_buf);
	free(im);
	return ok;
}
