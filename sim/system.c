/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * System files (docs/system.md). Loading has three steps, so that each error points at the line
 * (or the --set) that causes it:
 *
 * 1. the YAML trees: the system file, with the --set overrides applied, then the manifest files
 *    it names, with the overrides that reach into them (partitions[N].KEY=...);
 * 2. the values, section by section, manifests through part_manifest_from_node();
 * 3. the checks across sections: names, IDs, UUIDs and boot orders unique, every partition's
 *    memory inside the platform's secure RAM and apart from the others'.
 */
#include "sim/system.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "abi/ffa.h"
#include "abi/uuid.h"
#include "common/clear.h"
#include "common/datadir.h"
#include "common/yaml_cfg.h"
#include "common/yaml_set.h"
#include "hyp/pkvm.h"
#include "sim/sim.h"

#define SYS_COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define SYS_DEFAULT_PLATFORM "virt"
#define SYS_DEFAULT_PERSONALITY "hafnium"

static const char *const sys_root_keys[] = {"description", "platform",     "spmc", "hypervisor",
					    "partitions",  "normal-world", "run"};
static const char *const sys_spmc_keys[] = {"personality", "version", "id", "behaviours"};
static const char *const sys_hyp_keys[] = {"model", "profile", "settings"};
/* The models: the pKVM-style proxy, and its forwarding profile under its own name. */
static const char *const sys_hyp_models[] = {"pkvm", HYP_FORWARDING_PROFILE};
static const char *const sys_nw_keys[] = {"image",    "load-address", "entry",
					  "entry-el", "conduit",      "dtb"};
static const char *const sys_conduits[] = {"smc", "hvc"}; /* indexed by enum ffa_conduit */
static const char *const sys_run_keys[] = {"max-insns", "timeslice", "cpus", "quantum"};

/* Everything a load holds besides the system itself. */
struct sys_load {
	struct sim_system *sys;
	struct diag *err;
	struct cfg_doc doc; /* the system file */
	struct cfg_node root;
	struct cfg_set sets[SIM_MAX_SETS];
	unsigned set_count;
	int set_partition[SIM_MAX_SETS]; /* manifest file it edits, or -1 */
	bool set_used[SIM_MAX_SETS];
	struct cfg_doc man_docs[SIM_MAX_PARTITIONS]; /* manifest files */
	struct cfg_node part_at[SIM_MAX_PARTITIONS]; /* each partition's manifest mapping */
	struct cfg_node spmc_id_at;
};

/* What a window of a partition is. */
enum sys_window_kind {
	SYS_WINDOW_MEMORY, /* the partition's own memory (load-address, memory-size) */
	SYS_WINDOW_REGION, /* a memory region */
	SYS_WINDOW_DEVICE  /* a device region */
};

/* One address window of a partition, for the checks across partitions. */
struct sys_window {
	unsigned part;
	enum sys_window_kind kind;
	const char *name; /* a region's name */
	uint64_t base;
	uint64_t size;
	bool ns; /* a memory region with the ns attribute */
	struct cfg_node at;
};

/* Resolves path against the folder of file (absolute paths stay as they are). */
static bool sys_resolve(const char *file, const char *path, char *out, size_t size)
{
	const char *slash = strrchr(file, '/');
	int len;

	if (path[0] == '/' || slash == NULL)
		len = snprintf(out, size, "%s", path);
	else
		len = snprintf(out, size, "%.*s/%s", (int)(slash - file), file, path);
	return len >= 0 && (size_t)len < size;
}

/* Reads a path, resolves it against the node's file, and checks it names a regular file. */
static bool sys_read_file(const struct cfg_node *n, char *out, size_t size, struct diag *err)
{
	char path[EMU_PATH_MAX];
	struct stat st;

	if (!cfg_read_str(n, path, sizeof(path), err))
		return false;
	if (!sys_resolve(n->doc->file, path, out, size))
		return cfg_error(n, err, "the path is longer than %zu characters", size - 1);
	if (stat(out, &st) != 0)
		return cfg_error(n, err, "cannot open \"%s\": %s", out, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return cfg_error(n, err, "\"%s\" is not a regular file", out);
	return true;
}

/* Names (hypervisor profile) use the platform names' alphabet. */
static bool sys_read_name(const struct cfg_node *n, char *out, struct diag *err)
{
	if (!cfg_read_str(n, out, EMU_NAME_MAX, err))
		return false;
	for (const char *c = out; *c != '\0'; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || *c == '-' || *c == '_' || *c == '.')
			continue;
		return cfg_error(n, err,
				 "\"%s\" has a '%c'; names use letters, digits, '-', '_' and '.'",
				 out, *c);
	}
	return true;
}

/*
 * Step 1a: the overrides. An override that reaches into a partition given as a manifest file
 * (partitions[N].KEY where partitions[N] is a file name) waits for that file to be loaded; the
 * others edit the system file now, in order.
 */
static bool sys_apply_sets(struct sys_load *l, const char *const *texts)
{
	for (unsigned k = 0; k < l->set_count; k++) {
		struct cfg_set *s = &l->sets[k];
		struct cfg_node item;

		l->set_partition[k] = -1;
		if (!cfg_set_parse(texts[k], s, l->err))
			return false;
		if (s->seg_count > 2 && strcmp(s->segs[0].name, "partitions") == 0 &&
		    !s->segs[0].is_index && s->segs[1].is_index &&
		    cfg_set_find(&l->doc, s, 2, &item) && cfg_is_scalar(&item) &&
		    cfg_scalar(&item)[0] != '\0') {
			l->set_partition[k] = (int)s->segs[1].index;
			continue;
		}
		if (!cfg_set_apply(&l->doc, s, 0, k, l->err))
			return false;
	}
	return true;
}

/* Step 1b: loads manifest file i (named by item) and applies the overrides that edit it. */
static bool sys_load_manifest_file(struct sys_load *l, unsigned i, const struct cfg_node *item)
{
	char path[EMU_PATH_MAX];
	struct cfg_doc *doc = &l->man_docs[i];

	if (!sys_read_file(item, path, sizeof(path), l->err) || !cfg_doc_load(path, doc, l->err))
		return false;
	for (unsigned k = 0; k < l->set_count; k++) {
		if (l->set_partition[k] != (int)i)
			continue;
		l->set_used[k] = true;
		if (!cfg_set_apply(doc, &l->sets[k], 2, k, l->err))
			return false;
	}
	return cfg_doc_root(doc, &l->part_at[i], l->err);
}

/* Reads description and run. */
static bool sys_read_top(struct sys_load *l)
{
	struct sim_system *sys = l->sys;
	struct cfg_node n, run;

	if (cfg_map_get(&l->root, "description", &n) &&
	    !cfg_read_str(&n, sys->description, sizeof(sys->description), l->err))
		return false;
	if (!cfg_map_get(&l->root, "run", &run))
		return true;
	if (!cfg_expect_map(&run, l->err) ||
	    !cfg_map_check_keys(&run, sys_run_keys, SYS_COUNT(sys_run_keys), l->err))
		return false;
	if (cfg_map_get(&run, "max-insns", &n)) {
		if (!cfg_read_u64(&n, &sys->max_insns, l->err))
			return false;
		if (sys->max_insns == 0)
			return cfg_error(&n, l->err, "a run needs at least one instruction");
	}
	if (cfg_map_get(&run, "timeslice", &n)) {
		if (!cfg_read_u64(&n, &sys->timeslice, l->err))
			return false;
		if (sys->timeslice == 0)
			return cfg_error(&n, l->err,
					 "a timeslice is at least one nanosecond (leave it out for "
					 "no limit)");
	}
	if (cfg_map_get(&run, "cpus", &n)) {
		uint64_t v;

		if (!cfg_read_u64(&n, &v, l->err))
			return false;
		if (v == 0 || v > EMU_PLATFORM_MAX_CPUS)
			return cfg_error(&n, l->err, "a run has 1 to %u CPUs, not %llu",
					 EMU_PLATFORM_MAX_CPUS, (unsigned long long)v);
		sys->cpus = (unsigned)v;
	}
	if (cfg_map_get(&run, "quantum", &n)) {
		if (!cfg_read_u64(&n, &sys->quantum, l->err))
			return false;
		if (sys->quantum == 0)
			return cfg_error(&n, l->err, "a quantum is at least one nanosecond");
	}
	return true;
}

/* Whether path, relative to the file's folder, names something that exists. */
static bool sys_resolve_exists(const char *file, const char *path)
{
	char out[EMU_PATH_MAX];
	struct stat st;

	return sys_resolve(file, path, out, sizeof(out)) && stat(out, &st) == 0;
}

/* Reads platform: a built-in name, a shipped platform's name or a platform file. */
static bool sys_read_platform(struct sys_load *l)
{
	struct sim_system *sys = l->sys;
	struct cfg_node n;
	char name[EMU_PATH_MAX];

	if (!cfg_map_get(&l->root, "platform", &n)) {
		emu_platform_builtin(SYS_DEFAULT_PLATFORM, &sys->platform);
		return true;
	}
	if (!cfg_read_str(&n, name, sizeof(name), l->err))
		return false;
	if (emu_platform_builtin(name, &sys->platform))
		return true;
	/* A shipped platform by name (fvp-base), unless a file of that name is beside the system.
	 */
	if (cfg_data_is_name(name) &&
	    cfg_data_find("platforms", name, ".yaml", sys->platform_file,
			  sizeof(sys->platform_file)) &&
	    !sys_resolve_exists(n.doc->file, name))
		return emu_platform_load(sys->platform_file, &sys->platform, l->err);
	return sys_read_file(&n, sys->platform_file, sizeof(sys->platform_file), l->err) &&
	       emu_platform_load(sys->platform_file, &sys->platform, l->err);
}

/* Reads switch: value pairs (hypervisor settings, SPMC behaviours) into out[], kept as text. */
static bool sys_read_settings(struct sys_load *l, const struct cfg_node *map,
			      struct sim_setting out[SIM_MAX_SETTINGS], unsigned *out_count)
{
	size_t count = cfg_map_count(map), i;

	if (!cfg_expect_map(map, l->err))
		return false;
	for (i = 0; i < count; i++) {
		struct sim_setting *s = &out[i];
		struct cfg_node key, value;
		int tag;

		cfg_map_entry(map, i, &key, &value);
		if (i == SIM_MAX_SETTINGS)
			return cfg_error(&key, l->err, "too many settings (at most %d)",
					 SIM_MAX_SETTINGS);
		if (!sys_read_name(&key, s->name, l->err) ||
		    !cfg_read_str(&value, s->value, sizeof(s->value), l->err))
			return false;
		tag = cfg_set_tag(&value);
		if (tag >= 0) {
			snprintf(s->where, sizeof(s->where), "--set %s", l->sets[tag].text);
		} else {
			snprintf(s->where, sizeof(s->where), "%s", value.doc->file);
			s->line = cfg_line(&value);
			s->column = cfg_column(&value);
		}
		(*out_count)++;
	}
	return true;
}

/* Whether name is one of the SPMC's behaviour switches. */
static bool sys_spmc_switch_known(const char *name)
{
	for (size_t i = 0; i < spmc_switch_count(); i++) {
		if (strcmp(spmc_switch_at(i)->name, name) == 0)
			return true;
	}
	return false;
}

/*
 * Reads spmc.behaviours: SPMC switch: value pairs, kept as text and applied to sys->spmc, so
 * that an unknown switch or value is reported where it was written.
 */
static bool sys_read_behaviours(struct sys_load *l, const struct cfg_node *map)
{
	struct sim_system *sys = l->sys;
	char text[EMU_NAME_MAX + SIM_SETTING_VALUE_MAX + 2];
	struct cfg_node key, value;
	struct diag d;

	if (!sys_read_settings(l, map, sys->spmc_behaviours, &sys->spmc_behaviour_count))
		return false;
	for (unsigned i = 0; i < sys->spmc_behaviour_count; i++) {
		const struct sim_setting *s = &sys->spmc_behaviours[i];

		snprintf(text, sizeof(text), "%s=%s", s->name, s->value);
		if (!spmc_config_set(&sys->spmc, text, &d)) {
			/* An unknown switch is the key's fault, an unknown value the value's. */
			cfg_map_entry(map, i, &key, &value);
			const struct cfg_node *at = sys_spmc_switch_known(s->name) ? &value : &key;

			return cfg_error(at, l->err, "%s", d.msg);
		}
	}
	return true;
}

/* Reads spmc: a mapping, or `none`. */
static bool sys_read_spmc(struct sys_load *l)
{
	struct sim_system *sys = l->sys;
	const char *names[SPMC_PERSONALITY_MAX];
	size_t count = spmc_personality_names(names, SPMC_PERSONALITY_MAX);
	struct cfg_node spmc, n;
	uint64_t id = 0;
	unsigned k = 0;

	sys->spmc_enabled = true;
	sys->spmc.personality = spmc_personality_find(SYS_DEFAULT_PERSONALITY);
	sys->spmc.version = sys->spmc.personality->version_default;
	sys->spmc.id = FFA_ID_SPMC_DEFAULT;
	if (!cfg_map_get(&l->root, "spmc", &spmc))
		return true;
	if (cfg_is_scalar(&spmc) && strcmp(cfg_scalar(&spmc), "none") == 0) {
		sys->spmc_enabled = false;
		return true;
	}
	if (!cfg_is_map(&spmc))
		return cfg_error(&spmc, l->err,
				 "expected a mapping (personality, version, id) or none");
	if (!cfg_map_check_keys(&spmc, sys_spmc_keys, SYS_COUNT(sys_spmc_keys), l->err))
		return false;
	if (cfg_map_get(&spmc, "personality", &n)) {
		if (!cfg_read_enum(&n, names, count, &k, l->err))
			return false;
		sys->spmc.personality = spmc_personality_find(names[k]);
		sys->spmc.version = sys->spmc.personality->version_default;
	}
	if (cfg_map_get(&spmc, "version", &n)) {
		char max[16];

		if (!part_manifest_read_version(&n, &sys->spmc.version, l->err))
			return false;
		if (!spmc_personality_offers(sys->spmc.personality, sys->spmc.version))
			return cfg_error(&n, l->err, "%s offers FF-A 1.0 to %s",
					 sys->spmc.personality->name,
					 ffa_version_format(sys->spmc.personality->version_max, max,
							    sizeof(max)));
	}
	if (cfg_map_get(&spmc, "id", &l->spmc_id_at)) {
		if (!cfg_read_u64_max(&l->spmc_id_at, UINT16_MAX, &id, l->err))
			return false;
		/* The SPMC is a secure endpoint: bit 15 set, not the SPMD's (spmc_id_check()). */
		if (spmc_id_check(NULL, (uint16_t)id, NULL) != SPMC_ID_OK)
			return cfg_error(&l->spmc_id_at, l->err,
					 "0x%04" PRIx64 " is not an SPMC ID (bit 15 set, not the "
					 "SPMD's 0xffff)",
					 id);
		sys->spmc.id = (uint16_t)id;
	}
	return !cfg_map_get(&spmc, "behaviours", &n) || sys_read_behaviours(l, &n);
}

/* Reads hypervisor (optional). */
static bool sys_read_hypervisor(struct sys_load *l)
{
	struct sim_hypervisor *h = &l->sys->hypervisor;
	struct cfg_node hyp, n;
	unsigned k = 0;

	if (!cfg_map_get(&l->root, "hypervisor", &hyp))
		return true;
	if (!cfg_expect_map(&hyp, l->err) ||
	    !cfg_map_check_keys(&hyp, sys_hyp_keys, SYS_COUNT(sys_hyp_keys), l->err) ||
	    !cfg_map_require(&hyp, "model", &n, l->err) ||
	    !cfg_read_enum(&n, sys_hyp_models, SYS_COUNT(sys_hyp_models), &k, l->err))
		return false;
	h->present = true;
	snprintf(h->model, sizeof(h->model), "%s", sys_hyp_models[k]);
	if (cfg_map_get(&hyp, "profile", &n) && !sys_read_name(&n, h->profile, l->err))
		return false;
	return !cfg_map_get(&hyp, "settings", &n) ||
	       sys_read_settings(l, &n, h->settings, &h->setting_count);
}

/* Reads partitions: manifest file names or inline manifests. */
static bool sys_read_partitions(struct sys_load *l)
{
	struct sim_system *sys = l->sys;
	struct cfg_node list;
	size_t count, i;

	if (!cfg_map_get(&l->root, "partitions", &list))
		return true;
	if (!cfg_expect_seq(&list, l->err))
		return false;
	count = cfg_seq_count(&list);
	if (count > 0 && !sys->spmc_enabled)
		return cfg_error(&list, l->err,
				 "a system without an SPMC (spmc: none) has no "
				 "partitions");
	for (i = 0; i < count; i++) {
		struct part_manifest *m = &sys->partitions[i];
		struct cfg_node item;

		cfg_seq_item(&list, i, &item);
		if (i == SIM_MAX_PARTITIONS)
			return cfg_error(&item, l->err, "too many partitions (at most %d)",
					 SIM_MAX_PARTITIONS);
		if (cfg_is_scalar(&item)) {
			if (!sys_load_manifest_file(l, (unsigned)i, &item))
				return false;
		} else if (cfg_is_map(&item)) {
			l->part_at[i] = item;
		} else {
			return cfg_error(&item, l->err,
					 "expected a manifest file name or an inline manifest (a "
					 "mapping), found a list");
		}
		if (!part_manifest_from_node(&l->part_at[i], m, l->err))
			return false;
		if (cfg_set_tag(&l->part_at[i]) >= 0)
			m->line = 0; /* written by an override, not in a file */
		sys->partition_count++;
	}
	return true;
}

/* Reads normal-world (optional: the built-in demo, as the platform starts it). */
static bool sys_read_normal_world(struct sys_load *l)
{
	struct sim_normal_world *nw = &l->sys->normal_world;
	struct cfg_node map, n;
	uint64_t v = 0;
	unsigned k = 0;

	if (!cfg_map_get(&l->root, "normal-world", &map))
		return true;
	if (!cfg_expect_map(&map, l->err) ||
	    !cfg_map_check_keys(&map, sys_nw_keys, SYS_COUNT(sys_nw_keys), l->err))
		return false;
	if (cfg_map_get(&map, "image", &n) &&
	    !sys_read_file(&n, nw->image, sizeof(nw->image), l->err))
		return false;
	if (cfg_map_get(&map, "load-address", &n)) {
		const struct emu_region *r;

		if (!cfg_read_u64(&n, &nw->load_address, l->err))
			return false;
		/* RAM or flash, as --load-addr: firmware images boot from flash at 0x0. */
		r = emu_platform_find(&l->sys->platform, nw->load_address, 1);
		if (r == NULL || (r->kind != EMU_REGION_RAM && r->kind != EMU_REGION_FLASH) ||
		    r->secure)
			return cfg_error(&n, l->err,
					 "0x%" PRIx64
					 " is not in non-secure ram or flash (platform "
					 "\"%s\")",
					 nw->load_address, l->sys->platform.name);
		nw->load_address_set = true;
	}
	if (cfg_map_get(&map, "entry", &n)) {
		if (!cfg_read_u64(&n, &nw->entry, l->err))
			return false;
		nw->entry_set = true;
	}
	if (cfg_map_get(&map, "entry-el", &n)) {
		if (!cfg_read_u64(&n, &v, l->err))
			return false;
		if (v != 1 && v != 2)
			return cfg_error(&n, l->err,
					 "the normal world starts at EL1 or EL2, not %" PRIu64, v);
		nw->entry_el = (unsigned)v;
	}
	if (cfg_map_get(&map, "conduit", &n)) {
		if (!cfg_read_enum(&n, sys_conduits, SYS_COUNT(sys_conduits), &k, l->err))
			return false;
		nw->conduit = (enum ffa_conduit)k;
	}
	return !cfg_map_get(&map, "dtb", &n) || sys_read_file(&n, nw->dtb, sizeof(nw->dtb), l->err);
}

/* The node of key in partition i's manifest (its mapping when the key is absent). */
static struct cfg_node sys_at(const struct sys_load *l, unsigned i, const char *key)
{
	struct cfg_node n = l->part_at[i];

	cfg_map_get(&l->part_at[i], key, &n);
	return n;
}

/* The node of the UUID of service s of partition i. */
static struct cfg_node sys_uuid_at(const struct sys_load *l, unsigned i, unsigned s)
{
	struct cfg_node n = l->part_at[i], list;

	if (cfg_map_get(&l->part_at[i], "services", &list)) {
		cfg_seq_item(&list, s, &n);
		cfg_map_get(&n, "uuid", &n);
	} else {
		cfg_map_get(&l->part_at[i], "uuid", &n);
	}
	return n;
}

/* Names, IDs, UUIDs and boot orders are unique; no partition takes the SPMC's ID. */
static bool sys_check_unique(struct sys_load *l)
{
	const struct sim_system *sys = l->sys;
	char uuid[FFA_UUID_TEXT_SIZE];

	for (unsigned i = 0; i < sys->partition_count; i++) {
		const struct part_manifest *m = &sys->partitions[i];
		struct cfg_node at;

		if (m->id == sys->spmc.id) {
			at = sys_at(l, i, "id");
			return cfg_error(&at, l->err, "0x%04x is the SPMC's ID (spmc.id)", m->id);
		}
		for (unsigned j = 0; j < i; j++) {
			const struct part_manifest *o = &sys->partitions[j];

			if (strcmp(m->name, o->name) == 0) {
				at = sys_at(l, i, "name");
				return cfg_error(&at, l->err,
						 "\"%s\" is already the name of partitions[%u]",
						 m->name, j);
			}
			if (m->id == o->id) {
				at = sys_at(l, i, "id");
				return cfg_error(&at, l->err,
						 "0x%04x is already the ID of partition \"%s\"",
						 m->id, o->name);
			}
			if (m->boot_order >= 0 && m->boot_order == o->boot_order) {
				at = sys_at(l, i, "boot-order");
				return cfg_error(&at, l->err,
						 "%d is already the boot order of partition \"%s\"",
						 m->boot_order, o->name);
			}
			for (unsigned s = 0; s < m->service_count; s++) {
				for (unsigned t = 0; t < o->service_count; t++) {
					if (!ffa_uuid_equal(m->services[s].uuid,
							    o->services[t].uuid))
						continue;
					at = sys_uuid_at(l, i, s);
					return cfg_error(&at, l->err,
							 "%s is already a UUID of partition "
							 "\"%s\"",
							 ffa_uuid_format(m->services[s].uuid, uuid,
									 sizeof(uuid)),
							 o->name);
				}
			}
		}
	}
	return true;
}

/* Lists the windows of partition i: its memory, its memory regions and device regions. */
static unsigned sys_windows(const struct sys_load *l, unsigned i, struct sys_window *w)
{
	const struct part_manifest *m = &l->sys->partitions[i];
	struct cfg_node list;
	unsigned count = 0;

	if (m->load_address_set)
		w[count++] = (struct sys_window){
			i,     SYS_WINDOW_MEMORY,           NULL, m->load_address, m->memory_size,
			false, sys_at(l, i, "load-address")};
	if (cfg_map_get(&l->part_at[i], "memory-regions", &list)) {
		for (unsigned r = 0; r < m->region_count; r++) {
			w[count] =
				(struct sys_window){i,
						    SYS_WINDOW_REGION,
						    m->regions[r].name,
						    m->regions[r].base,
						    (uint64_t)m->regions[r].pages * PART_PAGE_SIZE,
						    (m->regions[r].attributes & PART_ATTR_NS) != 0};
			cfg_seq_item(&list, r, &w[count++].at);
		}
	}
	if (cfg_map_get(&l->part_at[i], "device-regions", &list)) {
		for (unsigned r = 0; r < m->device_count; r++) {
			w[count] = (struct sys_window){
				i, SYS_WINDOW_DEVICE, m->devices[r].name, m->devices[r].base,
				(uint64_t)m->devices[r].pages * PART_PAGE_SIZE};
			cfg_seq_item(&list, r, &w[count++].at);
		}
	}
	return count;
}

/* Describes a window for messages: the partition's memory, or a region by name. */
static const char *sys_window_name(const struct sys_window *w, bool own, char *buf, size_t size)
{
	if (w->kind == SYS_WINDOW_MEMORY)
		snprintf(buf, size, "%s", own ? "the partition's memory" : "the memory");
	else
		snprintf(buf, size, "%s \"%s\"", w->kind == SYS_WINDOW_DEVICE ? "device" : "region",
			 w->name);
	return buf;
}

/*
 * A partition's memory lies in secure RAM, and so do its regions, but for the non-secure ones
 * (attribute ns: buffers shared with the normal world), which lie in non-secure RAM. Device
 * regions are not placed: the platform does not list every device.
 */
static bool sys_check_placement(struct sys_load *l, const struct sys_window *w)
{
	const struct emu_region *r = emu_platform_find(&l->sys->platform, w->base, w->size);
	bool secure = !w->ns;
	char what[64];

	if (w->kind == SYS_WINDOW_DEVICE)
		return true;
	if (r != NULL && r->kind == EMU_REGION_RAM && r->secure == secure)
		return true;
	return cfg_error(&w->at, l->err,
			 "%s [0x%08" PRIx64 ", 0x%08" PRIx64 ") is not inside %s ram (platform "
			 "\"%s\")",
			 sys_window_name(w, true, what, sizeof(what)), w->base, w->base + w->size,
			 secure ? "secure" : "non-secure", l->sys->platform.name);
}

/* Each partition's memory and regions lie where they should and apart from the others'. */
static bool sys_check_memory(struct sys_load *l)
{
	enum { PER_PART = 1 + 2 * PART_MAX_REGIONS };
	/* Room for the partitions the file has, not for SIM_MAX_PARTITIONS: this runs for every
	 * system a replay loads. */
	struct sys_window *w = calloc((size_t)(l->sys->partition_count + 1) * PER_PART, sizeof(*w));
	unsigned count = 0;
	bool ok = true;

	if (w == NULL) {
		diag_set(l->err, l->sys->file, 0, 0, "out of memory");
		return false;
	}
	for (unsigned i = 0; i < l->sys->partition_count; i++)
		count += sys_windows(l, i, w + count);
	for (unsigned a = 0; ok && a < count; a++) {
		ok = sys_check_placement(l, &w[a]);
		for (unsigned b = 0; ok && b < a; b++) {
			char mine[64], theirs[64];

			if (w[a].part == w[b].part || w[a].base >= w[b].base + w[b].size ||
			    w[b].base >= w[a].base + w[a].size)
				continue;
			ok = cfg_error(&w[a].at, l->err,
				       "%s [0x%08" PRIx64 ", 0x%08" PRIx64 ") overlaps %s of "
				       "partition \"%s\" [0x%08" PRIx64 ", 0x%08" PRIx64 ")",
				       sys_window_name(&w[a], true, mine, sizeof(mine)), w[a].base,
				       w[a].base + w[a].size,
				       sys_window_name(&w[b], false, theirs, sizeof(theirs)),
				       l->sys->partitions[w[b].part].name, w[b].base,
				       w[b].base + w[b].size);
		}
	}
	free(w);
	return ok;
}

/* An interrupt belongs to one partition. */
static bool sys_check_interrupts(struct sys_load *l)
{
	const struct sim_system *sys = l->sys;

	for (unsigned i = 0; i < sys->partition_count; i++) {
		const struct part_manifest *m = &sys->partitions[i];

		for (unsigned d = 0; d < m->device_count; d++) {
			for (unsigned q = 0; q < m->devices[d].interrupt_count; q++) {
				uint32_t id = m->devices[d].interrupts[q];

				for (unsigned j = 0; j < i; j++) {
					const struct part_manifest *o = &sys->partitions[j];

					for (unsigned e = 0; e < o->device_count; e++) {
						for (unsigned r = 0;
						     r < o->devices[e].interrupt_count; r++) {
							struct cfg_node at, list;

							if (o->devices[e].interrupts[r] != id)
								continue;
							at = sys_at(l, i, "device-regions");
							cfg_seq_item(&at, d, &at);
							cfg_map_get(&at, "interrupts", &list);
							cfg_seq_item(&list, q, &at);
							return cfg_error(&at, l->err,
									 "interrupt %" PRIu32
									 " already belongs to "
									 "partition \"%s\"",
									 id, o->name);
						}
					}
				}
			}
		}
	}
	return true;
}

/* Step 1 and 2 and 3, on a loaded system file. */
static bool sys_load_doc(struct sys_load *l, const char *const *sets, unsigned set_count)
{
	if (set_count > SIM_MAX_SETS) {
		diag_set(l->err, NULL, 0, 0, "too many --set overrides (at most %d)", SIM_MAX_SETS);
		return false;
	}
	l->set_count = set_count;
	memset(l->sets, 0, set_count * sizeof(l->sets[0]));
	if (!sys_apply_sets(l, sets) || !cfg_doc_root(&l->doc, &l->root, l->err) ||
	    !cfg_map_check_keys(&l->root, sys_root_keys, SYS_COUNT(sys_root_keys), l->err) ||
	    !sys_read_top(l) || !sys_read_platform(l) || !sys_read_spmc(l) ||
	    !sys_read_hypervisor(l) || !sys_read_partitions(l) || !sys_read_normal_world(l))
		return false;
	for (unsigned k = 0; k < set_count; k++) {
		if (l->set_partition[k] >= 0 && !l->set_used[k]) {
			diag_set(l->err, NULL, 0, 0,
				 "--set %s: partitions[%d] is no longer a manifest file name (a "
				 "later "
				 "--set replaced it)",
				 l->sets[k].text, l->set_partition[k]);
			return false;
		}
	}
	return sys_check_unique(l) && sys_check_memory(l) && sys_check_interrupts(l);
}

/*
 * Clears *sys but for the partition table: the loader writes each entry it reads whole
 * (part_manifest_from_node) and nothing reads past partition_count. The table is most of the
 * structure (SIM_MAX_PARTITIONS manifests of 10 KiB); a replay loads one system per file and
 * keeps them all, so clearing it would touch (and fault in) 640 KiB a file for nothing.
 */
static void sys_clear(struct sim_system *sys)
{
	clear_except(sys, sizeof(*sys), offsetof(struct sim_system, partitions),
		     sizeof(sys->partitions));
}

/* Runs a load over the system document in l->doc (loaded, or NULL data to load path). */
static bool sys_load(const char *name, const void *data, size_t size, const char *const *sets,
		     unsigned set_count, struct sim_system *sys, struct diag *err)
{
	struct sys_load *l = malloc(sizeof(*l));
	bool ok;

	sys_clear(sys);
	if (l == NULL) {
		diag_set(err, name, 0, 0, "out of memory");
		return false;
	}
	/* The overrides' table (180 KiB) is cleared as far as sys_load_doc uses it. */
	clear_except(l, sizeof(*l), offsetof(struct sys_load, sets), sizeof(l->sets));
	l->sys = sys;
	l->err = err;
	snprintf(sys->file, sizeof(sys->file), "%s", name);
	ok = data != NULL ? cfg_doc_load_buffer(name, data, size, &l->doc, err)
			  : cfg_doc_load(name, &l->doc, err);
	if (ok) {
		ok = sys_load_doc(l, sets, set_count);
		if (!ok)
			cfg_set_explain(l->sets, l->set_count, err);
	}
	cfg_doc_free(&l->doc);
	for (unsigned i = 0; i < SIM_MAX_PARTITIONS; i++)
		cfg_doc_free(&l->man_docs[i]);
	free(l);
	if (!ok)
		memset(sys, 0, sizeof(*sys));
	return ok;
}

bool sim_system_load(const char *path, const char *const *sets, unsigned set_count,
		     struct sim_system *sys, struct diag *err)
{
	return sys_load(path, NULL, 0, sets, set_count, sys, err);
}

bool sim_system_load_buffer(const char *name, const void *data, size_t size,
			    const char *const *sets, unsigned set_count, struct sim_system *sys,
			    struct diag *err)
{
	/* An empty buffer is still a buffer: give libyaml a valid pointer. */
	return sys_load(name, data != NULL ? data : "", size, sets, set_count, sys, err);
}

const struct part_manifest *sim_system_partition(const struct sim_system *sys, const char *name)
{
	for (unsigned i = 0; i < sys->partition_count; i++) {
		if (strcmp(sys->partitions[i].name, name) == 0)
			return &sys->partitions[i];
	}
	return NULL;
}

bool sim_system_setting_error(const struct sim_system *sys, unsigned i, struct diag *err,
			      const char *fmt, ...)
{
	const struct sim_setting *s = &sys->hypervisor.settings[i];
	char msg[DIAG_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (s->line == 0)
		diag_set(err, NULL, 0, 0, "%s: hypervisor.settings.%s: %s", s->where, s->name, msg);
	else
		diag_set(err, s->where, s->line, s->column, "hypervisor.settings.%s: %s", s->name,
			 msg);
	return false;
}

bool sim_system_hypervisor(const struct sim_system *sys, const struct hyp_pkvm_config *base,
			   struct hyp_pkvm_config *out, struct diag *err)
{
	const struct sim_hypervisor *h = &sys->hypervisor;
	char text[EMU_NAME_MAX + SIM_SETTING_VALUE_MAX + 2];
	struct diag d;

	if (base != NULL)
		*out = *base;
	else if (!sim_hyp_profile(h->profile[0] == '\0' &&
						  strcmp(h->model, HYP_FORWARDING_PROFILE) == 0
					  ? HYP_FORWARDING_PROFILE
					  : h->profile,
				  sys->file, "hypervisor.profile", out, err))
		return false;
	/* The switch and its value were read from the YAML as text; the proxy parses the pair. */
	for (unsigned i = 0; i < h->setting_count; i++) {
		snprintf(text, sizeof(text), "%s=%s", h->settings[i].name, h->settings[i].value);
		if (!hyp_pkvm_set(out, text, &d))
			return sim_system_setting_error(sys, i, err, "%s", d.msg);
	}
	return true;
}

void sim_system_config(const struct sim_system *sys, const struct hyp_pkvm_config *hyp,
		       struct sim_config *cfg)
{
	const struct sim_normal_world *nw = &sys->normal_world;

	memset(cfg, 0, sizeof(*cfg));
	if (sys->platform_file[0] != '\0')
		cfg->platform_path = sys->platform_file;
	cfg->no_spmc = !sys->spmc_enabled;
	cfg->spmc = sys->spmc_enabled ? &sys->spmc : NULL;
	cfg->hypervisor = hyp;
	cfg->partitions = sys->partitions;
	cfg->partition_count = sys->partition_count;
	if (nw->image[0] != '\0')
		cfg->guest_path = nw->image;
	cfg->load_addr_set = nw->load_address_set;
	cfg->load_addr = nw->load_address;
	cfg->entry_set = nw->entry_set;
	cfg->entry = nw->entry;
	cfg->entry_el = nw->entry_el;
	if (nw->dtb[0] != '\0')
		cfg->dtb_path = nw->dtb;
	cfg->conduit = nw->conduit;
	cfg->max_insns = sys->max_insns;
	cfg->timeslice = sys->timeslice;
	cfg->cpus = sys->cpus;
	cfg->quantum = sys->quantum;
}

/* What a file is, by its top-level keys. */
enum sys_kind { SYS_KIND_UNKNOWN, SYS_KIND_SYSTEM, SYS_KIND_MANIFEST, SYS_KIND_PLATFORM };

static enum sys_kind sys_kind_of(const struct cfg_node *root)
{
	static const char *const system_keys[] = {"spmc", "partitions", "normal-world", "platform",
						  "hypervisor"};
	static const char *const manifest_keys[] = {"id", "uuid", "services"};
	struct cfg_node n;

	for (size_t i = 0; i < SYS_COUNT(system_keys); i++) {
		if (cfg_map_get(root, system_keys[i], &n))
			return SYS_KIND_SYSTEM;
	}
	for (size_t i = 0; i < SYS_COUNT(manifest_keys); i++) {
		if (cfg_map_get(root, manifest_keys[i], &n))
			return SYS_KIND_MANIFEST;
	}
	return cfg_map_get(root, "memory", &n) ? SYS_KIND_PLATFORM : SYS_KIND_UNKNOWN;
}

/* Prints the one-line summary of a valid system. */
static void sys_print_system(const char *path, const struct sim_system *sys, FILE *out)
{
	char v[16], sw[128];

	fprintf(out, "%s: ok: system: platform %s", path, sys->platform.name);
	if (sys->spmc_enabled) {
		fprintf(out, ", SPMC %s %s (0x%04x)", sys->spmc.personality->name,
			ffa_version_format(sys->spmc.version, v, sizeof(v)), sys->spmc.id);
		if (*spmc_config_describe_switches(&sys->spmc, sw, sizeof(sw)) != '\0')
			fprintf(out, " with %s", sw);
	} else
		fprintf(out, ", no SPMC");
	if (sys->hypervisor.present)
		fprintf(out, ", hypervisor %s", sys->hypervisor.model);
	fprintf(out, ", %u partition%s", sys->partition_count,
		sys->partition_count == 1 ? "" : "s");
	for (unsigned i = 0; i < sys->partition_count; i++)
		fprintf(out, "%s %s (0x%04x)", i == 0 ? ":" : ",", sys->partitions[i].name,
			sys->partitions[i].id);
	fprintf(out, ", normal world %s\n",
		sys->normal_world.image[0] != '\0' ? sys->normal_world.image : "the built-in demo");
}

/* Prints the one-line summary of a valid manifest. */
static void sys_print_manifest(const char *path, const struct part_manifest *m, FILE *out)
{
	char v[16];

	fprintf(out, "%s: ok: partition manifest: %s (0x%04x), FF-A %s, %u service%s, %s %s\n",
		path, m->name, m->id, ffa_version_format(m->ffa_version, v, sizeof(v)),
		m->service_count, m->service_count == 1 ? "" : "s",
		m->image[0] != '\0' ? "image" : "model", m->image[0] != '\0' ? m->image : m->model);
}

bool sim_check_file(const char *path, FILE *out, struct diag *err)
{
	struct cfg_doc doc;
	struct cfg_node root;
	enum sys_kind kind;
	bool ok = false;

	if (!cfg_doc_load(path, &doc, err))
		return false;
	if (!cfg_doc_root(&doc, &root, err)) {
		cfg_doc_free(&doc);
		return false;
	}
	kind = sys_kind_of(&root);
	if (kind == SYS_KIND_MANIFEST) {
		struct part_manifest *m = malloc(sizeof(*m));

		if (m == NULL)
			diag_set(err, path, 0, 0, "out of memory");
		ok = m != NULL && part_manifest_from_node(&root, m, err);
		if (ok)
			sys_print_manifest(path, m, out);
		free(m);
	} else if (kind == SYS_KIND_UNKNOWN) {
		cfg_error(&root, err,
			  "neither a system file (keys spmc, partitions, normal-world ...) nor a "
			  "partition manifest (id, uuid or services) nor a platform (memory)");
	}
	cfg_doc_free(&doc);
	if (kind == SYS_KIND_SYSTEM) {
		struct sim_system *sys = malloc(sizeof(*sys));

		if (sys == NULL)
			diag_set(err, path, 0, 0, "out of memory");
		ok = sys != NULL && sim_system_load(path, NULL, 0, sys, err);
		if (ok)
			sys_print_system(path, sys, out);
		free(sys);
	} else if (kind == SYS_KIND_PLATFORM) {
		struct emu_platform p;

		ok = emu_platform_load(path, &p, err);
		if (ok)
			fprintf(out, "%s: ok: platform %s, %u memory regions, %u uarts\n", path,
				p.name, p.region_count, p.uart_count);
	}
	return ok;
}
