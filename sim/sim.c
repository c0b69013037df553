/* SPDX-License-Identifier: BSD-3-Clause */
#include "sim/sim.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "abi/checker.h"
#include "abi/ids.h"
#include "abi/uuid.h"
#include "common/clear.h"
#include "common/datadir.h"
#include "emu/dtb.h"
#include "sim/dispatch.h"
#include "sim/obs.h"
#include "spmc/notif.h"
#include "sim/wiring.h"

/* The device tree goes on a 64 KiB boundary past the images when they overlap its place. */
#define SIM_DTB_ALIGN 0x10000ull
#define SIM_FDT_MAGIC 0xd00dfeedu

bool sim_parse_u64(const char *text, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (text == NULL || *text == '\0' || *text == '-')
		return false;
	errno = 0;
	v = strtoull(text, &end, 0);
	if (errno != 0 || *end != '\0')
		return false;
	*out = v;
	return true;
}

bool sim_load_platform(const char *path, struct emu_platform *platform, struct diag *err)
{
	if (path == NULL) {
		if (!emu_platform_builtin("virt", platform)) {
			diag_set(err, NULL, 0, 0, "built-in platform virt is missing");
			return false;
		}
		return true;
	}
	return sim_load_platform_named(path, platform, err);
}

bool sim_load_platform_named(const char *text, struct emu_platform *platform, struct diag *err)
{
	char path[PATH_MAX], names[256];

	/* A name, not a path: built in, or shipped in the data directory (platforms/NAME.yaml). */
	if (cfg_data_is_name(text) && access(text, F_OK) != 0) {
		if (emu_platform_builtin(text, platform))
			return true;
		if (cfg_data_find("platforms", text, ".yaml", path, sizeof(path)))
			return emu_platform_load(path, platform, err);
		cfg_data_list("platforms", ".yaml", names, sizeof(names));
		diag_set(err, NULL, 0, 0,
			 "no platform named \"%s\" and no such file (shipped platforms: %s)", text,
			 names[0] != '\0' ? names : "virt, and none installed");
		return false;
	}
	return emu_platform_load(text, platform, err);
}

size_t sim_build_dtb(const struct emu_platform *platform, const struct spmc *spmc,
		     enum ffa_conduit conduit, bool hypervisor, const struct sim_chosen *chosen,
		     void *buf, size_t size, struct diag *err)
{
	struct emu_dtb_partition parts[SPMC_MAX_ENDPOINTS];
	struct emu_dtb_reserved hyp_mem = {.name = "pkvm-ffa", .size = HYP_PKVM_RESERVED_SIZE};
	const struct emu_region *ram = emu_platform_ns_ram(platform);
	struct emu_dtb_config dt = {
		.platform = platform,
		.psci_conduit = conduit,
		.ffa_present = spmc != NULL,
		.ffa_conduit = conduit,
		.partitions = parts,
		.partition_count = 0,
	};

	if (chosen != NULL) {
		dt.bootargs = chosen->bootargs;
		dt.initrd_start = chosen->initrd_start;
		dt.initrd_end = chosen->initrd_end;
	}

	/* The proxy keeps the end of the first non-secure RAM region (hyp/pkvm.c). */
	if (hypervisor && ram != NULL && ram->size >= 2 * HYP_PKVM_RESERVED_SIZE) {
		hyp_mem.base = ram->base + ram->size - HYP_PKVM_RESERVED_SIZE;
		dt.reserved = &hyp_mem;
		dt.reserved_count = 1;
	}

	/* One arm,psa-ffa-partition child per partition UUID. */
	for (unsigned i = 0; spmc != NULL && i < spmc->endpoint_count; i++) {
		const struct spmc_endpoint *ep = &spmc->endpoints[i];

		for (unsigned u = 0;
		     ep->secure && u < ep->uuid_count && dt.partition_count < SPMC_MAX_ENDPOINTS;
		     u++) {
			struct emu_dtb_partition *p = &parts[dt.partition_count++];

			if (ep->uuid_count > 1)
				snprintf(p->name, sizeof(p->name), "%.24s-%c", ep->name,
					 (char)('0' + u));
			else
				snprintf(p->name, sizeof(p->name), "%s", ep->name);
			memcpy(p->uuid, ep->uuids[u], sizeof(p->uuid));
		}
	}
	return emu_dtb_build(&dt, buf, size, err);
}

/* Adds the built-in echo partition (SIM_ECHO_ID, SIM_ECHO_UUID) to the SPMC. */
static bool sim_add_echo(struct sim *sim, struct diag *err)
{
	struct spmc_endpoint *ep = spmc_add_endpoint(&sim->spmc, SIM_ECHO_ID, "echo", true);

	if (ep == NULL || ffa_uuid_parse(SIM_ECHO_UUID, ep->uuids[0]) != FFA_UUID_OK ||
	    !part_echo_attach(ep, &sim->echo)) {
		diag_set(err, NULL, 0, 0, "cannot add the built-in echo partition");
		return false;
	}
	ep->uuid_count = 1;
	ep->version = FFA_VERSION_1_2;
	ep->version_set = true;
	ep->props = FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_DIRECT_REQ2_RECV | FFA_PROP_ID_TYPE_PE |
		    FFA_PROP_AARCH64;
	return true;
}

/*
 * The memory a partition owns at the SPMC: its own memory (load-address, memory-size) and its
 * manifest's memory regions with their access; device regions are not memory.
 */
static bool sim_partition_memory(struct sim_partition *part, struct diag *err)
{
	const struct part_manifest *m = part->manifest;
	struct spmc_mem_owner *owner = &part->ep->mem;
	enum spmc_mem_status st = SPMC_MEM_OK;

	/* A binary always has its memory at load-address (partitions.c loads it there). */
	if ((m->load_address_set || m->image[0] != '\0') && m->memory_size != 0)
		st = spmc_mem_owner_add(owner, m->load_address, m->memory_size,
					SPMC_MEM_RW | SPMC_MEM_EXEC);
	for (unsigned i = 0; i < m->region_count && st == SPMC_MEM_OK; i++) {
		const struct part_region *r = &m->regions[i];
		uint32_t access = (r->attributes & PART_ATTR_READ ? SPMC_MEM_READ : 0) |
				  (r->attributes & PART_ATTR_WRITE ? SPMC_MEM_WRITE : 0) |
				  (r->attributes & PART_ATTR_EXEC ? SPMC_MEM_EXEC : 0);

		st = spmc_mem_owner_add(owner, r->base, (uint64_t)r->pages * PART_PAGE_SIZE,
					access);
	}
	if (st == SPMC_MEM_OK)
		return true;
	diag_set(err, m->file, m->line, 0, "%s: memory: %s", m->name, spmc_mem_strerror(st));
	return false;
}

static FILE *sim_notes(const struct sim *sim)
{
	return sim->cfg.notes != NULL ? sim->cfg.notes : stderr;
}

/* The SPMC's ID, once every partition is there: none of them may have it. */
static bool sim_check_spmc_id(struct sim *sim, struct diag *err)
{
	const char *name = "";

	if (spmc_id_check(&sim->spmc, sim->spmc.cfg.id, &name) == SPMC_ID_OK)
		return true;
	diag_set(err, NULL, 0, 0, "--spmc-id: 0x%04x is the ID of partition %s", sim->spmc.cfg.id,
		 name);
	return false;
}

/* Sets up the configured SPMC (or the default); none leaves FF-A out of the firmware. */
static bool sim_setup_spmc(struct sim *sim, struct diag *err)
{
	struct spmc_config cfg;
	enum spmc_id_error id_err;

	if (sim->cfg.no_spmc) {
		/* Partitions need an SPMC: a contradiction, not something to drop silently. */
		if (sim->cfg.partition_count > 0) {
			diag_set(err, NULL, 0, 0,
				 "--spmc none: the system declares %u partition(s) (\"%s\" first), "
				 "which need an SPMC; drop --spmc none or run a system without "
				 "partitions",
				 sim->cfg.partition_count, sim->cfg.partitions[0].name);
			return false;
		}
		return true;
	}
	if (sim->cfg.spmc != NULL)
		cfg = *sim->cfg.spmc;
	else if (!spmc_config_parse(SIM_DEFAULT_SPMC, &cfg, err))
		return false;
	if (sim->cfg.timeslice != 0)
		cfg.timeslice = sim->cfg.timeslice;
	id_err = spmc_id_check(NULL, cfg.id, NULL);
	if (id_err != SPMC_ID_OK) {
		diag_set(err, NULL, 0, 0, "--spmc-id: 0x%04x is %s", cfg.id,
			 spmc_id_strerror(id_err));
		return false;
	}
	sim->spmc_memory = (struct sim_mem_wiring){
		.memory = &sim->memory, .cpu_of = sim_endpoint_cpu_nth, .cpu_ctx = sim};
	sim_spmc_init(&sim->spmc, &cfg, &sim->spmc_memory, &sim->spmc_lines, &sim->console);
	sim->spmc.notes = sim_notes(sim);
	if (spmc_add_endpoint(&sim->spmc, FFA_ID_NS_PHYS, "host", false) == NULL) {
		diag_set(err, NULL, 0, 0, "cannot add the normal world to the SPMC");
		return false;
	}
	sim->spmc_enabled = true;
	if (sim->cfg.partitions == NULL) {
		if (!sim_add_echo(sim, err))
			return false;
		return sim_check_spmc_id(sim, err);
	}
	sim->parts = calloc(sim->cfg.partition_count + 1, sizeof(*sim->parts));
	if (sim->parts == NULL) {
		diag_set(err, NULL, 0, 0, "out of memory");
		return false;
	}
	for (unsigned i = 0; i < sim->cfg.partition_count; i++) {
		bool added = sim_add_partition(sim, &sim->parts[i], &sim->cfg.partitions[i], err);

		sim->part_count++; /* sim_close closes what it opened, added or not */
		if (!added || !sim_partition_memory(&sim->parts[i], err))
			return false;
	}
	return sim_check_spmc_id(sim, err);
}

static bool sim_load_guest(struct sim *sim, struct diag *err)
{
	const struct sim_config *cfg = &sim->cfg;
	uint8_t *data = NULL;
	size_t size;
	bool ok;

	if (cfg->guest_path == NULL && cfg->guest_data == NULL)
		return true; /* no guest: calls come from elsewhere */
	sim->has_guest = true;
	if (cfg->guest_path == NULL)
		return emu_load_elf_buf(&sim->memory, cfg->guest_data, cfg->guest_size,
					cfg->guest_name, false, &sim->image, err);
	if (!emu_read_file(cfg->guest_path, &data, &size, err))
		return false;
	ok = sim_boot_load_image(sim, data, size, err);
	free(data);
	if (ok && cfg->entry_set)
		sim->image.entry = cfg->entry;
	return ok;
}

/* Picks the device tree's address: the platform's, or the start of RAM, past the images. */
static bool sim_place_dtb(struct sim *sim, size_t size, struct diag *err)
{
	const struct emu_platform *p = &sim->platform;
	const struct emu_region *ram = emu_platform_ns_ram(p);
	uint64_t addr;

	if (p->dtb_addr_set) {
		addr = p->dtb_addr;
	} else {
		addr = ram->base;
		if (addr < sim->image.high && sim->image.low < addr + size)
			addr = (sim->image.high + SIM_DTB_ALIGN - 1) & ~(SIM_DTB_ALIGN - 1);
	}
	if (emu_memory_ptr(&sim->memory, addr, size, false) == NULL) {
		diag_set(err, NULL, 0, 0,
			 "no room for the %zu-byte device tree at 0x%llx (outside non-secure RAM)",
			 size, (unsigned long long)addr);
		return false;
	}
	if (addr < sim->image.high && sim->image.low < addr + size) {
		diag_set(err, NULL, 0, 0, "the device tree at 0x%llx would overlap the guest image",
			 (unsigned long long)addr);
		return false;
	}
	if (sim->initrd_size != 0 && addr < sim->initrd_addr + sim->initrd_size &&
	    sim->initrd_addr < addr + size) {
		diag_set(err, NULL, 0, 0, "the device tree at 0x%llx would overlap the initrd",
			 (unsigned long long)addr);
		return false;
	}
	sim->dtb_addr = addr;
	sim->dtb_size = size;
	return true;
}

static bool sim_setup_dtb(struct sim *sim, struct diag *err)
{
	uint8_t *blob = NULL;
	size_t size;

	if (sim->cfg.dtb_path != NULL) {
		if (!emu_read_file(sim->cfg.dtb_path, &blob, &size, err))
			return false;
		if (size < 8 || ((uint32_t)blob[0] << 24 | (uint32_t)blob[1] << 16 |
				 (uint32_t)blob[2] << 8 | blob[3]) != SIM_FDT_MAGIC) {
			diag_set(err, sim->cfg.dtb_path, 0, 0,
				 "not a flattened device tree (bad magic; compile .dts files with "
				 "dtc)");
			free(blob);
			return false;
		}
	} else {
		blob = malloc(EMU_DTB_MAX_SIZE);
		if (blob == NULL) {
			diag_set(err, NULL, 0, 0, "out of memory");
			return false;
		}
		struct sim_chosen chosen = {.bootargs = sim->cfg.bootargs,
					    .initrd_start = sim->initrd_addr,
					    .initrd_end = sim->initrd_addr + sim->initrd_size};

		size = sim_build_dtb(&sim->platform, sim->spmc_enabled ? &sim->spmc : NULL,
				     sim->cfg.conduit, sim->cfg.hypervisor != NULL, &chosen, blob,
				     EMU_DTB_MAX_SIZE, err);
		if (size == 0) {
			free(blob);
			return false;
		}
	}
	if (!sim_place_dtb(sim, size, err)) {
		free(blob);
		return false;
	}
	memcpy(emu_memory_ptr(&sim->memory, sim->dtb_addr, size, false), blob, size);
	free(blob);
	return true;
}

static bool sim_setup_console(struct sim *sim, struct diag *err)
{
	const struct sim_config *cfg = &sim->cfg;
	uint8_t *data;
	size_t size;

	emu_console_init(&sim->console, cfg->console_out != NULL ? cfg->console_out : stdout);
	if (cfg->until_console != NULL &&
	    !emu_console_set_watch(&sim->console, cfg->until_console)) {
		diag_set(err, NULL, 0, 0, "--until-console: text must be 1 to %d bytes",
			 EMU_CONSOLE_WATCH_MAX - 1);
		return false;
	}
	if (cfg->input_path != NULL) {
		if (!emu_read_file(cfg->input_path, &data, &size, err))
			return false;
		if (!emu_console_add_input(&sim->console, data, size)) {
			free(data);
			diag_set(err, cfg->input_path, 0, 0, "out of memory");
			return false;
		}
		free(data);
	}
	if (cfg->input_text != NULL &&
	    !emu_console_add_input(&sim->console, cfg->input_text, strlen(cfg->input_text))) {
		diag_set(err, NULL, 0, 0, "out of memory");
		return false;
	}
	if (cfg->interactive)
		emu_console_set_interactive(&sim->console, 0);
	return true;
}

/* The initrd's place for a tree written without a run (`ffa-sim dtb`): no image, so right
 * past the device tree at the start of RAM; only its size is read. */
static bool sim_dtb_initrd(struct sim *sim, struct diag *err)
{
	uint8_t *data;
	size_t size;
	bool ok;

	if (sim->cfg.initrd_path == NULL)
		return true;
	if (!emu_read_file(sim->cfg.initrd_path, &data, &size, err))
		return false;
	free(data);
	ok = sim_boot_place_initrd(&sim->platform, NULL, sim->cfg.hypervisor != NULL,
				   sim->cfg.initrd_path, size, &sim->initrd_addr, err);
	sim->initrd_size = ok ? size : 0;
	return ok;
}

size_t sim_run_dtb(const struct sim_config *cfg, void *buf, size_t size, struct diag *err)
{
	struct sim *sim = calloc(1, sizeof(*sim));
	size_t len = 0;

	if (sim == NULL) {
		diag_set(err, NULL, 0, 0, "out of memory");
		return 0;
	}
	sim->cfg = *cfg;
	if (sim_load_platform(cfg->platform_path, &sim->platform, err) &&
	    (cfg->cpus == 0 || emu_platform_set_cpus(&sim->platform, cfg->cpus, "cpus", err)) &&
	    sim_setup_spmc(sim, err) && sim_dtb_initrd(sim, err))
		len = sim_build_dtb(
			&sim->platform, sim->spmc_enabled ? &sim->spmc : NULL, cfg->conduit,
			cfg->hypervisor != NULL,
			&(struct sim_chosen){.bootargs = cfg->bootargs,
					     .initrd_start = sim->initrd_addr,
					     .initrd_end = sim->initrd_addr + sim->initrd_size},
			buf, size, err);
	free(sim);
	return len;
}

/* Whether a partition of the SPMC implements uuid; its name in *name. */
static bool sim_uuid_declared(const struct sim *sim, const uint8_t uuid[FFA_UUID_SIZE],
			      const char **name)
{
	for (unsigned i = 0; i < sim->spmc.endpoint_count; i++) {
		const struct spmc_endpoint *ep = &sim->spmc.endpoints[i];

		for (unsigned u = 0; ep->secure && u < ep->uuid_count && u < SPMC_MAX_UUIDS; u++) {
			if (ffa_uuid_equal(ep->uuids[u], uuid)) {
				*name = ep->name;
				return true;
			}
		}
	}
	return false;
}

/*
 * A discovery call or DIRECT_REQ2 refused for a UUID no partition implements: a note with the
 * UUID in both clients' spellings (abi/uuid.h), and the partition that has the other one, the
 * usual cause (U-Boot's text is the Linux driver's with every field byte-swapped).
 */
static void sim_note_unknown_uuid(struct sim *sim, const struct emu_cpu *cpu,
				  const struct emu_call *call, const struct ffa_value *after)
{
	uint8_t uuid[FFA_UUID_SIZE], swapped[FFA_UUID_SIZE];
	char both[FFA_UUID_BOTH_SIZE], name[64];
	const char *owner;

	if (!sim->spmc_enabled || sim->cfg.quiet ||
	    !ffa_value_is_error(after, FFA_INVALID_PARAMETERS) ||
	    !ffa_uuid_of_call(call->fid, call->args.x, uuid) ||
	    sim_uuid_declared(sim, uuid, &owner))
		return;
	fprintf(sim_notes(sim), "ffa-sim: note: %s: uuid: %s: no partition with UUID %s\n",
		cpu->name, ffa_fid_describe(call->fid, name, sizeof(name)),
		ffa_uuid_format_both(uuid, both, sizeof(both)));
	ffa_uuid_swap_fields(uuid, swapped);
	if (sim_uuid_declared(sim, swapped, &owner))
		fprintf(sim_notes(sim),
			"ffa-sim: note: %s: uuid: partition \"%s\" has the other spelling: the "
			"caller and the manifest byte-swap the fields differently\n",
			cpu->name, owner);
}

/*
 * The conformance checker on every call the guest makes: violations are warnings, or end the
 * run with --strict (known deviations of the personality's firmware only with --strict-known).
 * Unknown UUIDs are noted on the way.
 */
static void sim_check_call(void *ctx, struct emu_cpu *cpu, const struct emu_call *call,
			   const struct ffa_value *after, struct ffa_result_rule rule)
{
	struct sim *sim = ctx;
	struct ffa_check_call check = {
		.fid = call->fid,
		.before = call->args.x,
		.after = after->x,
		.high_regs = false,
		.rule = rule,
		.conduit_known = true,
		.conduit = call->conduit,
		.result = cpu->trap_result.x,
	};
	struct ffa_check_report report;

	sim_note_unknown_uuid(sim, cpu, call, after);
	/* A partition the SPMC aborted for breaking the FF-A rules while it ran for this call (its
	 * report is on the notes already) is a violation too. */
	if (sim->spmc_enabled && sim->spmc.rule_aborts > sim->rule_aborts_seen) {
		sim->violations += sim->spmc.rule_aborts - sim->rule_aborts_seen;
		sim->rule_aborts_seen = sim->spmc.rule_aborts;
		if (sim->cfg.strict) {
			emu_cpu_stop(cpu, EMU_STOP_CHECK, SIM_STATUS_CONFORMANCE,
				     "a partition broke the FF-A rules and was aborted (--strict)");
			return;
		}
	}
	if (ffa_check_answer_planned(&check, call->row, &sim->check_plan, &report) == 0)
		return;
	sim->violations += report.count;
	ffa_check_print(sim_notes(sim), &report);
	/* Known deviations of the personality's firmware end a --strict run only with
	 * --strict-known (docs/fidelity.md, "Known deviations"). */
	if (sim->cfg.strict && (report.count > report.known || sim->cfg.strict_known))
		emu_cpu_stop(cpu, EMU_STOP_CHECK, SIM_STATUS_CONFORMANCE,
			     "conformance violation (--strict)");
}

/* A partition that failed to boot is reported; the run goes on without it. */
static void sim_note_boot_failures(struct sim *sim)
{
	for (unsigned i = 0; i < sim->spmc.endpoint_count; i++) {
		const struct spmc_endpoint *ep = &sim->spmc.endpoints[i];

		if (ep->secure && ep->ctx.state == SPMC_EP_FAILED)
			fprintf(sim_notes(sim),
				"ffa-sim: %s: partition 0x%04x failed to boot: %s\n", ep->name,
				ep->id, ep->fail_reason[0] ? ep->fail_reason : "it stopped");
	}
}

bool sim_parse_spmc(const char *text, struct spmc_config *out, bool *none, struct diag *err)
{
	*none = strcmp(text, "none") == 0;
	return *none || spmc_config_parse(text, out, err);
}

bool sim_hyp_profile(const char *profile, const char *file, const char *where,
		     struct hyp_pkvm_config *out, struct diag *err)
{
	char list[256] = "";

	if (hyp_profile_find(profile, out))
		return true;
	for (size_t i = 0; hyp_profile_name(i) != NULL; i++)
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", i ? ", " : "",
			 hyp_profile_name(i));
	diag_set(err, file, 0, 0, "%s: unknown profile \"%s\" (choose %s)", where,
		 profile != NULL ? profile : "", list);
	return false;
}

bool sim_parse_hypervisor(const char *text, struct hyp_pkvm_config *out, struct diag *err)
{
	const char *colon = strchr(text, ':');
	size_t len = colon != NULL ? (size_t)(colon - text) : strlen(text);

	/* "forwarding": the proxy's forwarding profile, a hypervisor that hosts the guest as a
	 * VM (docs/hypervisor.md). */
	if (strcmp(text, HYP_FORWARDING_PROFILE) == 0)
		return sim_hyp_profile(HYP_FORWARDING_PROFILE, NULL, "--hypervisor", out, err);
	if (len != strlen("pkvm") || strncmp(text, "pkvm", len) != 0) {
		diag_set(err, NULL, 0, 0,
			 "--hypervisor: \"%s\": the model is pkvm (pkvm[:PROFILE]) or forwarding",
			 text);
		return false;
	}
	return sim_hyp_profile(colon != NULL ? colon + 1 : NULL, NULL, "--hypervisor", out, err);
}

/* The pKVM-style proxy between the host and the firmware, as configured. */
static bool sim_setup_hypervisor(struct sim *sim, struct diag *err)
{
	if (!sim_attach_pkvm(&sim->host, &sim->hyp, sim->cfg.hypervisor, &sim->fw, &sim->memory,
			     sim_notes(sim), err))
		return false;
	sim->hyp_enabled = true;
	return true;
}

/*
 * The level the normal world starts at. The pKVM-style proxy is the EL2 software and runs the
 * host at EL1 under it: an explicit EL2 entry (--el 2, normal-world.entry-el: 2) with a
 * hypervisor is a contradiction; a platform whose default is EL2 gives way, with a note.
 */
static bool sim_entry_el(struct sim *sim, unsigned *el, struct diag *err)
{
	*el = sim->cfg.entry_el != 0 ? sim->cfg.entry_el : sim->platform.entry_el;
	if (sim->cfg.hypervisor == NULL || *el != 2)
		return true;
	if (sim->cfg.entry_el == 2) {
		diag_set(err, NULL, 0, 0,
			 "--el 2 (or normal-world.entry-el: 2) and --hypervisor contradict each "
			 "other: the proxy is the EL2 software and runs the host at EL1; drop one");
		return false;
	}
	if (!sim->cfg.quiet)
		fprintf(sim_notes(sim),
			"ffa-sim: note: host: entry: platform \"%s\" enters at EL2, but the "
			"hypervisor holds EL2: the host starts at EL1\n",
			sim->platform.name);
	*el = 1;
	return true;
}

/* The GIC's change callback: the CPU running on that PE re-checks before its next block. */
static void sim_gic_changed(void *ctx, unsigned pe)
{
	struct sim *sim = ctx;

	if (pe < sim->pe_count && sim->pes[pe].current != NULL)
		emu_cpu_attention(sim->pes[pe].current);
}

/* One PE for the normal world's CPU, on the GIC model when there is one. */
static void sim_setup_pes(struct sim *sim)
{
	sim->pe_count = 1;
	emu_pe_init(&sim->pes[0], 0, sim->platform.mpidr, sim->platform.cntfrq_hz,
		    sim->gic_ready ? &sim->gic : NULL);
	if (sim->gic_ready)
		emu_gic_set_change(&sim->gic, (struct emu_gic_change){sim_gic_changed, sim});
}

/*
 * The SPMC's schedule receiver interrupt (FF-A v1.2 (DEN0077A) §10.4): the SGI it names, sent by
 * the secure side to the normal world's CPU, as Hafnium sends it with ICC_ASGI1R_EL1 (GICv3) and
 * a secure GICD_SGIR write with NSATT set on GICv2.
 */
static void sim_raise_sri(void *ctx, unsigned cpu, uint32_t intid)
{
	struct sim *sim = ctx;

	if (cpu >= sim->pe_count)
		return;
	emu_gic_send_sgi(&sim->gic, cpu, true, intid, UINT64_C(1) << cpu,
			 sim->platform.gic.version == 3 ? EMU_GIC_SGI_G1_ALT : EMU_GIC_SGI_V2,
			 true);
}

/*
 * Makes the SPMC's SRI a non-secure group 1 SGI on every PE and lets the SPMC raise it: enabled
 * at priority 0xf0, as Hafnium's notification set-up leaves it at boot, or disabled for the normal
 * world's driver to enable, as OP-TEE donates it (priority 0, as TF-A left its secure SGIs).
 */
static void sim_setup_sri(struct sim *sim)
{
	const struct spmc_personality *pers = sim->spmc.cfg.personality;
	uint32_t intid;

	if (!sim->gic_ready || !sim->spmc_enabled || pers == NULL)
		return;
	intid = pers->sri_intid;
	if (intid == 0 || intid > 15)
		return;
	if (pers->sri_enabled_at_boot)
		emu_gic_configure(&sim->gic, ~0u, intid, EMU_GIC_G1NS, 0xf0, true);
	else
		emu_gic_configure(&sim->gic, ~0u, intid, EMU_GIC_G1NS, 0, false);
	spmc_notif_set_ops(&sim->spmc, &(struct spmc_notif_ops){sim_raise_sri, sim});
}

/*
 * Clears a simulation but for the SPMC's endpoint table (spmc_clear()): two thirds of the
 * structure, which a replay would otherwise clear for every file.
 */
static void sim_clear(struct sim *sim)
{
	clear_except(sim, sizeof(*sim), offsetof(struct sim, spmc), sizeof(sim->spmc));
	spmc_clear(&sim->spmc);
}

bool sim_open(struct sim *sim, const struct sim_config *cfg, struct diag *err)
{
	struct emu_cpu_config cpu_cfg;
	unsigned entry_el;

	sim_clear(sim);
	sim->cfg = *cfg;
	if (!sim_load_platform(cfg->platform_path, &sim->platform, err))
		return false;
	if (cfg->cpus != 0 && !emu_platform_set_cpus(&sim->platform, cfg->cpus, "cpus", err))
		return false;
	if (!sim_setup_console(sim, err))
		return false;
	if (!emu_memory_init(&sim->memory, &sim->platform, err))
		return false;
	sim->memory_ready = true;
	if (sim->platform.gic.present) {
		if (!emu_gic_init(&sim->gic, &sim->platform, sim->platform.cpu_count,
				  sim->platform.mpidrs, err))
			return false;
		sim->gic_ready = true;
	}
	sim_setup_pes(sim);
	sim_secure_setup_devices(sim);
	if (!sim_setup_spmc(sim, err) || !sim_load_guest(sim, err) ||
	    !sim_boot_load_initrd(sim, err) || !sim_setup_dtb(sim, err))
		return false;
	sim_setup_sri(sim);

	if (!sim_entry_el(sim, &entry_el, err))
		return false;
	/* TF-A v2.15, the EL3 firmware beneath each real SPMC modelled, reports SMCCC 1.5. */
	fw_el3_init(&sim->fw, cfg->smccc_version != 0 ? cfg->smccc_version : SMCCC_VERSION_1_5);
	cpu_cfg = (struct emu_cpu_config){
		.name = "host",
		.platform = &sim->platform,
		.memory = &sim->memory,
		.console = &sim->console,
		.secure = false,
		.entry_el = entry_el,
		.max_insns = cfg->max_insns,
		.no_idle_skip = cfg->no_idle_skip,
		.halt = cfg->halt,
		.exceptions = cfg->exceptions,
		.pe = &sim->pes[0],
	};
	if (!emu_cpu_open(&sim->host, &cpu_cfg, err))
		return false;
	sim->host_ready = true;
	sim_secure_setup_interrupts(sim);
	if (sim->spmc_enabled)
		emu_cpu_set_explainer(&sim->host, sim_fault_explainer(&sim->spmc));
	/* Partitions boot with the normal world's CPU open: memory they take from it is
	 * taken from its CPU too. */
	if (cfg->obs != NULL)
		sim_obs_attach(cfg->obs, sim);
	if (cfg->before_boot != NULL)
		cfg->before_boot(cfg->before_boot_ctx, sim);
	if (sim->spmc_enabled) {
		sim->fw.ffa = sim_spmc_target(&sim->spmc);
		sim->boot_failures = spmc_boot(&sim->spmc);
		sim_note_boot_failures(sim);
	}
	emu_cpu_set_dispatch(&sim->host, sim_dispatch_hook());
	/* SMC goes to the firmware; without a hypervisor HVC does too, as on QEMU's virt. */
	emu_cpu_route(&sim->host, FFA_CONDUIT_SMC, fw_el3_target(&sim->fw));
	emu_cpu_route(&sim->host, FFA_CONDUIT_HVC, fw_el3_target(&sim->fw));
	if (!cfg->no_check)
		emu_cpu_observe(&sim->host, (struct emu_call_observer){sim_check_call, sim});
	if (cfg->hypervisor != NULL && !sim_setup_hypervisor(sim, err))
		return false;
	/* The proxy reroutes the host CPU's calls as it initialises: it runs one CPU. */
	if (cfg->hypervisor != NULL && sim->platform.cpu_count > 1) {
		diag_set(err, NULL, 0, 0,
			 "--hypervisor runs with one CPU, not %u (--cpus, run.cpus or the "
			 "platform's cpus)",
			 sim->platform.cpu_count);
		return false;
	}
	if (!sim_smp_open(sim, &cpu_cfg, err))
		return false;
	sim_secure_setup_cpus(sim);
	if (cfg->obs != NULL)
		sim_obs_attach_cpus(cfg->obs);
	return !sim->has_guest ||
	       emu_cpu_set_entry(&sim->host, sim->image.entry, sim->dtb_addr, err);
}

int sim_run(struct sim *sim)
{
	struct emu_cpu *cpu = &sim->host;
	FILE *notes = sim_notes(sim);
	int status;

	if (!sim->has_guest) {
		fprintf(notes, "ffa-sim: %s: no guest to run\n", cpu->name);
		return EMU_STATUS_USAGE;
	}
	/* --strict: a partition that failed to boot ends the run before the normal world. */
	if (sim->cfg.strict && sim->boot_failures > 0) {
		fprintf(notes, "ffa-sim: %u partition(s) failed to boot (--strict)\n",
			sim->boot_failures);
		return SIM_STATUS_CONFORMANCE;
	}
	cpu = sim_smp_run(sim);
	for (unsigned k = 0; k < sim->smp.count; k++)
		emu_console_line_flush(&sim->smp.cpus[k].cpu->console_line);
	fflush(sim->console.out);
	switch (cpu->stop.kind) {
	case EMU_STOP_FAULT:
		emu_cpu_report(cpu, notes);
		status = EMU_STATUS_FAULT;
		break;
	case EMU_STOP_ERROR:
		fprintf(notes, "ffa-sim: %s: internal error: %s\n", cpu->name, cpu->stop.message);
		status = EMU_STATUS_INTERNAL;
		break;
	case EMU_STOP_CHECK:
		fprintf(notes, "ffa-sim: %s: %s\n", cpu->name, cpu->stop.message);
		status = cpu->stop.status;
		break;
	default:
		if (!sim->cfg.quiet)
			fprintf(notes, "ffa-sim: note: %s: %s: %s\n", cpu->name,
				emu_stop_kind_name(cpu->stop.kind), cpu->stop.message);
		status = cpu->stop.status;
		break;
	}
	/* A run in which nothing failed but a partition's boot ends with its own status. */
	if (status == 0 && sim->boot_failures > 0) {
		fprintf(notes, "ffa-sim: %u partition(s) failed to boot: exit status %d\n",
			sim->boot_failures, SIM_STATUS_BOOT_FAILURE);
		status = SIM_STATUS_BOOT_FAILURE;
	}
	if (sim->cfg.stats)
		fprintf(notes,
			"ffa-sim: stats: %s: instructions %llu, calls %u, conformance violations "
			"%u, exit status %d\n"
			"ffa-sim: stats: %s: counter waits skipped %llu (%llu instructions)\n",
			sim->host.name, (unsigned long long)emu_cpu_insns(&sim->host),
			sim->host.call_count, sim->violations, status, sim->host.name,
			(unsigned long long)sim->host.idle_skips,
			(unsigned long long)sim->host.idle_skipped_insns);
	for (unsigned k = 1; sim->cfg.stats && k < sim->smp.count; k++) {
		const struct emu_cpu *c = sim->smp.cpus[k].cpu;

		fprintf(notes, "ffa-sim: stats: %s: instructions %llu, calls %u, clock %llu ns\n",
			c->name, (unsigned long long)emu_cpu_insns(c), c->call_count,
			(unsigned long long)emu_cpu_now(c));
	}
	if (sim->cfg.stats && sim->smp.count > 1)
		fprintf(notes, "ffa-sim: stats: scheduler: quantum %llu ns, CPU switches %llu\n",
			(unsigned long long)sim->smp.quantum,
			(unsigned long long)sim->smp.switches);
	fflush(notes);
	return status;
}

void sim_end(struct sim *sim)
{
	for (unsigned i = 0; i < sim->part_count; i++) {
		if (sim->parts[i].binary && sim->parts[i].bin.open)
			emu_console_line_flush(&sim->parts[i].bin.cpu.console_line);
		for (unsigned k = 0; k < sim->parts[i].ctx_bin_count; k++) {
			if (sim->parts[i].ctx_bins[k].open)
				emu_console_line_flush(&sim->parts[i].ctx_bins[k].cpu.console_line);
		}
	}
	for (unsigned k = 0; k < sim->smp.opened; k++)
		emu_console_line_flush(&sim->smp.secondary[k].console_line);
	if (sim->host_ready)
		emu_console_line_flush(&sim->host.console_line);
	if (sim->console.out != NULL)
		fflush(sim->console.out);
	fflush(sim_notes(sim));
}

void sim_close(struct sim *sim)
{
	sim_end(sim);
	for (unsigned i = 0; i < sim->part_count; i++) {
		if (sim->parts[i].binary)
			part_binary_close(&sim->parts[i].bin);
		for (unsigned k = 0; k < sim->parts[i].ctx_bin_count; k++)
			part_binary_close(&sim->parts[i].ctx_bins[k]);
		free(sim->parts[i].ctx_bins);
	}
	free(sim->parts);
	sim->parts = NULL;
	sim->part_count = 0;
	sim_smp_close(sim);
	if (sim->host_ready)
		emu_cpu_close(&sim->host);
	if (sim->memory_ready)
		emu_memory_fini(&sim->memory);
	emu_console_fini(&sim->console);
	sim->host_ready = sim->memory_ready = false;
}
