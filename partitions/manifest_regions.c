/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The memory of a partition manifest (docs/manifest.md): where the partition sits (load-address,
 * memory-size, entrypoint-offset), its memory-regions and device-regions with their attributes and
 * interrupts, the checks that span them (one namespace, one address space, one owner per
 * interrupt), and the rx-tx-buffer that names two of the regions.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "common/yaml_cfg.h"
#include "manifest_internal.h"

/* The CPU model's physical address space: 48 bits, as for platforms. */
#define MAN_PA_LIMIT (UINT64_C(1) << 48)
/* SGIs, PPIs and SPIs are INTIDs 0 to 1019 (GICv3 (IHI0069) §2.2). */
#define MAN_INTID_MAX 1019u

static const char *const man_region_keys[] = {
	"name", "base-address", "load-address-relative-offset", "pages-count", "attributes"};
static const char *const man_device_keys[] = {"name",       "base-address", "pages-count",
					      "attributes", "interrupts",   "interrupts-target"};
static const char *const man_interrupt_keys[] = {"id", "attributes"};
static const char *const man_target_keys[] = {"id", "mpidr"};
static const char *const man_rxtx_keys[] = {"rx-buffer", "tx-buffer"};

/* One address window of the partition, for the overlap check. */
struct man_window {
	const char *name;
	uint64_t base;
	uint64_t size;
	const struct cfg_node *at;
};

/* Reads a number that must be 4 KiB aligned. */
static bool man_read_aligned(const struct cfg_node *n, uint64_t *out, struct diag *err)
{
	if (!cfg_read_u64(n, out, err))
		return false;
	if (*out % PART_PAGE_SIZE != 0)
		return cfg_error(n, err, "0x%" PRIx64 " is not 4 KiB aligned", *out);
	return true;
}

/* Checks that [base, base + size) lies inside the physical address space. */
static bool man_check_end(const struct cfg_node *n, const char *what, uint64_t base, uint64_t size,
			  struct diag *err)
{
	if (base >= MAN_PA_LIMIT || size > MAN_PA_LIMIT - base)
		return cfg_error(n, err,
				 "%s [0x%" PRIx64 ", +0x%" PRIx64 ") ends above the 48-bit "
				 "physical address space",
				 what, base, size);
	return true;
}

/* Reads the memory the partition occupies: load-address, memory-size, entrypoint-offset. */
bool part_manifest_read_memory(struct man_load *l)
{
	struct part_manifest *m = l->m;
	struct cfg_node n, at;

	if (cfg_map_get(&l->root, "memory-size", &n)) {
		if (!cfg_read_size(&n, &m->memory_size, l->err))
			return false;
		if (m->memory_size == 0)
			return cfg_error(&n, l->err, "the size must not be zero");
		if (m->memory_size % PART_PAGE_SIZE != 0)
			return cfg_error(&n, l->err, "0x%" PRIx64 " is not a multiple of 4 KiB",
					 m->memory_size);
	}
	if (cfg_map_get(&l->root, "load-address", &at)) {
		if (!man_read_aligned(&at, &m->load_address, l->err) ||
		    !man_check_end(&at, "the partition's memory", m->load_address, m->memory_size,
				   l->err))
			return false;
		m->load_address_set = true;
	}
	if (cfg_map_get(&l->root, "entrypoint-offset", &n)) {
		if (!cfg_read_u64(&n, &m->entrypoint_offset, l->err))
			return false;
		if (m->entrypoint_offset % 4 != 0)
			return cfg_error(&n, l->err,
					 "0x%" PRIx64
					 " is not 4-byte aligned (A64 instructions are)",
					 m->entrypoint_offset);
		if (m->entrypoint_offset >= m->memory_size)
			return cfg_error(&n, l->err,
					 "0x%" PRIx64 " is past the end of the partition's memory "
					 "(memory-size 0x%" PRIx64 ")",
					 m->entrypoint_offset, m->memory_size);
	}
	return true;
}

/* Formats region attributes as letters ("rw", "rx-ns", "none"). */
static const char *man_format_attributes(uint32_t a, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s%s%s%s", (a & PART_ATTR_READ) ? "r" : "",
		 (a & PART_ATTR_WRITE) ? "w" : "", (a & PART_ATTR_EXEC) ? "x" : "",
		 (a & 7u) == 0 ? "none" : "", (a & PART_ATTR_NS) ? "-ns" : "");
	return buf;
}

/* Parses "r", "rw", "rx", "rw-ns" ... into attribute bits. False if it is not that form. */
static bool man_parse_attributes(const char *s, uint32_t *out)
{
	uint32_t a = 0;

	for (; *s != '\0' && *s != '-'; s++) {
		uint32_t bit = *s == 'r'   ? PART_ATTR_READ
			       : *s == 'w' ? PART_ATTR_WRITE
			       : *s == 'x' ? PART_ATTR_EXEC
					   : 0;

		if (bit == 0 || (a & bit) != 0)
			return false;
		a |= bit;
	}
	if (*s == '-') {
		if (strcmp(s, "-ns") != 0)
			return false;
		a |= PART_ATTR_NS;
	}
	*out = a;
	return a != 0;
}

/*
 * Reads region attributes: letters or a number (R=1 W=2 X=4 NS=8). Memory is r, rw or rx,
 * devices r or rw, as Hafnium accepts them (never writable and executable).
 */
static bool man_read_attributes(const struct cfg_node *n, bool device, uint32_t *out,
				struct diag *err)
{
	const char *allowed = device ? "r or rw" : "r, rw or rx";
	const char *s = cfg_scalar(n);
	uint32_t a = 0, perm;
	uint64_t v = 0;
	char buf[64];

	if (part_manifest_is_number(n)) {
		if (!cfg_read_u64_max(n, 0xf, &v, err))
			return false;
		a = (uint32_t)v;
	} else if (s == NULL || s[0] == '\0') {
		return cfg_error(n, err, "expected attributes (%s, -ns for non-secure), found %s",
				 allowed, part_manifest_describe(n, buf, sizeof(buf)));
	} else if (!man_parse_attributes(s, &a)) {
		return cfg_error(n, err,
				 "\"" MAN_QUOTE "\" is not a set of attributes (%s, -ns for "
				 "non-secure memory; or a number: r=1 w=2 x=4 ns=8)",
				 s, allowed);
	}
	perm = a & (PART_ATTR_READ | PART_ATTR_WRITE | PART_ATTR_EXEC);
	if (perm != PART_ATTR_READ && perm != (PART_ATTR_READ | PART_ATTR_WRITE) &&
	    (device || perm != (PART_ATTR_READ | PART_ATTR_EXEC)))
		return cfg_error(n, err, "%s is not allowed: %s regions are %s",
				 man_format_attributes(a, buf, sizeof(buf)),
				 device ? "device" : "memory", allowed);
	*out = a;
	return true;
}

/* Reads a pages-count: at least one page. */
static bool man_read_pages(const struct cfg_node *item, uint32_t *out, struct diag *err)
{
	struct cfg_node n;

	if (!cfg_map_require(item, "pages-count", &n, err) || !cfg_read_u32(&n, out, err))
		return false;
	if (*out == 0)
		return cfg_error(&n, err, "a region has at least one page");
	return true;
}

/* Reads one item of memory-regions. */
static bool man_read_region(struct man_load *l, const struct cfg_node *item, struct part_region *r)
{
	struct cfg_node n, base, rel;
	bool has_base, has_rel;
	uint64_t offset = 0;

	if (!cfg_expect_map(item, l->err) ||
	    !cfg_map_check_keys(item, man_region_keys, MAN_COUNT(man_region_keys), l->err) ||
	    !cfg_map_require(item, "name", &n, l->err) ||
	    !part_manifest_read_name(&n, r->name, l->err))
		return false;
	has_base = cfg_map_get(item, "base-address", &base);
	has_rel = cfg_map_get(item, "load-address-relative-offset", &rel);
	if (has_base && has_rel)
		return cfg_error(
			&rel, l->err,
			"base-address and load-address-relative-offset exclude each other");
	if (has_base) {
		if (!man_read_aligned(&base, &r->base, l->err))
			return false;
	} else if (has_rel) {
		if (!man_read_aligned(&rel, &offset, l->err))
			return false;
		if (!l->m->load_address_set)
			return cfg_error(&rel, l->err,
					 "the partition has no load-address to be relative to");
		if (offset >= MAN_PA_LIMIT - l->m->load_address)
			return cfg_error(&rel, l->err,
					 "load-address + 0x%" PRIx64
					 " is above the 48-bit physical "
					 "address space",
					 offset);
		r->base = l->m->load_address + offset;
	} else {
		return cfg_error(
			item, l->err,
			"missing key \"base-address\" (or \"load-address-relative-offset\")");
	}
	if (!man_read_pages(item, &r->pages, l->err) ||
	    !man_check_end(item, "the region", r->base, (uint64_t)r->pages * PART_PAGE_SIZE,
			   l->err))
		return false;
	return cfg_map_require(item, "attributes", &n, l->err) &&
	       man_read_attributes(&n, false, &r->attributes, l->err);
}

/* Reads one interrupt of a device region: an ID, or {id, attributes}. */
static bool man_read_interrupt(struct man_load *l, const struct cfg_node *item, uint32_t *id,
			       uint32_t *attributes)
{
	struct cfg_node n = *item, a;
	uint64_t v = 0;

	*attributes = 0;
	if (cfg_is_map(item)) {
		if (!cfg_map_check_keys(item, man_interrupt_keys, MAN_COUNT(man_interrupt_keys),
					l->err) ||
		    !cfg_map_require(item, "id", &n, l->err))
			return false;
		if (cfg_map_get(item, "attributes", &a) && !cfg_read_u32(&a, attributes, l->err))
			return false;
	}
	if (!cfg_read_u64_max(&n, MAN_INTID_MAX, &v, l->err))
		return false;
	*id = (uint32_t)v;
	return true;
}

/*
 * Reads a device region's interrupts-target: a list of {id, mpidr}, Hafnium's <id mpidr-high
 * mpidr-low> triples: each ID one of the region's interrupts (Hafnium's
 * MANIFEST_ERROR_INTERRUPT_ID_NOT_IN_LIST), at most one target each, an MPIDR with affinity
 * fields only. Whether a CPU has that MPIDR is the run's to check (sim/secure.c).
 */
static bool man_read_targets(const struct cfg_node *list, struct part_device *d, struct diag *err)
{
	size_t count;

	if (!cfg_expect_seq(list, err))
		return false;
	count = cfg_seq_count(list);
	for (size_t i = 0; i < count; i++) {
		struct cfg_node item, n;
		uint64_t id = 0, mpidr = 0;
		unsigned j;

		cfg_seq_item(list, i, &item);
		if (!cfg_expect_map(&item, err) ||
		    !cfg_map_check_keys(&item, man_target_keys, MAN_COUNT(man_target_keys), err) ||
		    !cfg_map_require(&item, "id", &n, err) ||
		    !cfg_read_u64_max(&n, MAN_INTID_MAX, &id, err))
			return false;
		for (j = 0; j < d->interrupt_count && d->interrupts[j] != id; j++)
			;
		if (j == d->interrupt_count)
			return cfg_error(&n, err,
					 "interrupt %" PRIu64 " is not one of this device's "
					 "interrupts",
					 id);
		if (d->interrupt_targeted[j])
			return cfg_error(&n, err,
					 "interrupt %" PRIu64 " has a target already (line %u)", id,
					 d->target_at[j].line);
		if (!cfg_map_require(&item, "mpidr", &n, err) || !cfg_read_u64(&n, &mpidr, err))
			return false;
		if ((mpidr & ~PART_MPIDR_AFFINITY) != 0)
			return cfg_error(&n, err,
					 "0x%" PRIx64 " sets bits other than the affinity fields "
					 "(Aff3 39:32, Aff2-Aff0 23:0)",
					 mpidr);
		d->interrupt_mpidr[j] = mpidr;
		d->interrupt_targeted[j] = true;
		d->target_at[j] = (struct part_pos){cfg_line(&item), cfg_column(&item)};
	}
	return true;
}

/* Reads one item of device-regions. */
static bool man_read_device(struct man_load *l, const struct cfg_node *item, struct part_device *d)
{
	struct cfg_node n, list;
	size_t count, i;

	if (!cfg_expect_map(item, l->err) ||
	    !cfg_map_check_keys(item, man_device_keys, MAN_COUNT(man_device_keys), l->err) ||
	    !cfg_map_require(item, "name", &n, l->err) ||
	    !part_manifest_read_name(&n, d->name, l->err) ||
	    !cfg_map_require(item, "base-address", &n, l->err) ||
	    !man_read_aligned(&n, &d->base, l->err) || !man_read_pages(item, &d->pages, l->err) ||
	    !man_check_end(item, "the region", d->base, (uint64_t)d->pages * PART_PAGE_SIZE,
			   l->err) ||
	    !cfg_map_require(item, "attributes", &n, l->err) ||
	    !man_read_attributes(&n, true, &d->attributes, l->err))
		return false;
	d->at = (struct part_pos){cfg_line(item), cfg_column(item)};
	if (!cfg_map_get(item, "interrupts", &list)) {
		if (cfg_map_get(item, "interrupts-target", &list))
			return cfg_error(&list, l->err, "targets for a device without interrupts");
		return true;
	}
	if (!cfg_expect_seq(&list, l->err))
		return false;
	count = cfg_seq_count(&list);
	for (i = 0; i < count; i++) {
		struct cfg_node irq;

		cfg_seq_item(&list, i, &irq);
		if (i == PART_MAX_INTERRUPTS)
			return cfg_error(&irq, l->err, "too many interrupts (at most %d)",
					 PART_MAX_INTERRUPTS);
		if (!man_read_interrupt(l, &irq, &d->interrupts[i], &d->interrupt_attributes[i]))
			return false;
		d->interrupt_at[i] = (struct part_pos){cfg_line(&irq), cfg_column(&irq)};
		d->interrupt_count++;
	}
	if (cfg_map_get(item, "interrupts-target", &list))
		return man_read_targets(&list, d, l->err);
	return true;
}

/* Reads memory-regions or device-regions (both optional lists). */
bool part_manifest_read_region_list(struct man_load *l, bool devices)
{
	struct part_manifest *m = l->m;
	const char *key = devices ? "device-regions" : "memory-regions";
	struct cfg_node list;
	size_t count, i;

	if (!cfg_map_get(&l->root, key, &list))
		return true;
	if (!cfg_expect_seq(&list, l->err))
		return false;
	count = cfg_seq_count(&list);
	for (i = 0; i < count; i++) {
		struct cfg_node *at = devices ? &l->device_at[i] : &l->region_at[i];

		if (i == PART_MAX_REGIONS) {
			struct cfg_node extra;

			cfg_seq_item(&list, i, &extra);
			return cfg_error(&extra, l->err, "too many regions (at most %d)",
					 PART_MAX_REGIONS);
		}
		cfg_seq_item(&list, i, at);
		if (devices) {
			if (!man_read_device(l, at, &m->devices[i]))
				return false;
			m->device_count++;
		} else {
			if (!man_read_region(l, at, &m->regions[i]))
				return false;
			m->region_count++;
		}
	}
	return true;
}

/* Regions and devices share one namespace and one address space; interrupts have one owner. */
bool part_manifest_check_regions(struct man_load *l)
{
	const struct part_manifest *m = l->m;
	struct man_window w[2 * PART_MAX_REGIONS];
	unsigned count = 0, i, j, a, b;

	for (i = 0; i < m->region_count; i++)
		w[count++] = (struct man_window){m->regions[i].name, m->regions[i].base,
						 (uint64_t)m->regions[i].pages * PART_PAGE_SIZE,
						 &l->region_at[i]};
	for (i = 0; i < m->device_count; i++)
		w[count++] = (struct man_window){m->devices[i].name, m->devices[i].base,
						 (uint64_t)m->devices[i].pages * PART_PAGE_SIZE,
						 &l->device_at[i]};
	for (i = 0; i < count; i++) {
		for (j = 0; j < i; j++) {
			struct cfg_node name;

			if (strcmp(w[i].name, w[j].name) == 0) {
				cfg_map_get(w[i].at, "name", &name);
				return cfg_error(&name, l->err, "\"%s\" is already the name of %s",
						 w[i].name, w[j].at->path);
			}
			if (w[i].base >= w[j].base + w[j].size ||
			    w[j].base >= w[i].base + w[i].size)
				continue;
			return cfg_error(w[i].at, l->err,
					 "\"%s\" [0x%08" PRIx64 ", 0x%08" PRIx64 ") overlaps %s "
					 "\"%s\" [0x%08" PRIx64 ", 0x%08" PRIx64 ")",
					 w[i].name, w[i].base, w[i].base + w[i].size, w[j].at->path,
					 w[j].name, w[j].base, w[j].base + w[j].size);
		}
	}
	for (i = 0; i < m->device_count; i++) {
		for (a = 0; a < m->devices[i].interrupt_count; a++) {
			for (j = 0; j <= i; j++) {
				for (b = 0; b < (j == i ? a : m->devices[j].interrupt_count); b++) {
					struct cfg_node list, irq;

					if (m->devices[j].interrupts[b] !=
					    m->devices[i].interrupts[a])
						continue;
					cfg_map_get(&l->device_at[i], "interrupts", &list);
					cfg_seq_item(&list, a, &irq);
					return cfg_error(&irq, l->err,
							 "interrupt %" PRIu32 " already belongs to "
							 "%s",
							 m->devices[i].interrupts[a],
							 l->device_at[j].path);
				}
			}
		}
	}
	return true;
}

/* The index of the memory region named by n, or -1 with *err. */
static int man_find_region(struct man_load *l, const struct cfg_node *n)
{
	char name[EMU_NAME_MAX];

	if (!cfg_read_str(n, name, sizeof(name), l->err))
		return -1;
	for (unsigned i = 0; i < l->m->region_count; i++) {
		if (strcmp(l->m->regions[i].name, name) == 0)
			return (int)i;
	}
	cfg_error(n, l->err, "no memory region is named \"%s\"", name);
	return -1;
}

/*
 * Reads rx-tx-buffer: the memory regions the partition uses as its RX and TX buffers, as the
 * binding's rx_tx-info node names them. Both have the same size (Hafnium refuses a mismatch,
 * as FFA_RXTX_MAP takes one page count for both).
 */
bool part_manifest_read_rxtx(struct man_load *l)
{
	struct part_manifest *m = l->m;
	struct cfg_node node, rx, tx;
	int r, t;

	if (!cfg_map_get(&l->root, "rx-tx-buffer", &node))
		return true;
	if (!cfg_expect_map(&node, l->err) ||
	    !cfg_map_check_keys(&node, man_rxtx_keys, MAN_COUNT(man_rxtx_keys), l->err) ||
	    !cfg_map_require(&node, "rx-buffer", &rx, l->err) ||
	    !cfg_map_require(&node, "tx-buffer", &tx, l->err))
		return false;
	r = man_find_region(l, &rx);
	if (r < 0)
		return false;
	t = man_find_region(l, &tx);
	if (t < 0)
		return false;
	if (r == t)
		return cfg_error(&tx, l->err, "the RX and TX buffers are one region");
	if (m->regions[r].pages != m->regions[t].pages)
		return cfg_error(&tx, l->err,
				 "\"%s\" has %" PRIu32 " pages and \"%s\" %" PRIu32
				 "; the buffers are the same size",
				 m->regions[t].name, m->regions[t].pages, m->regions[r].name,
				 m->regions[r].pages);
	m->rxtx_buffer = true;
	m->rx_region = (unsigned)r;
	m->tx_region = (unsigned)t;
	return true;
}
