/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Secure partitions from their manifests: the SPMC endpoint, and its runtime: a binary image
 * loaded into the partition's memory and run by a CPU of its own that sees only that memory
 * and its devices, or a built-in model.
 */
#include <stdlib.h>
#include <string.h>

#include "emu/loader.h"
#include "sim/dispatch.h"
#include "sim/sim.h"

/* Partition properties from the manifest (FF-A v1.2 (DEN0077A) §6.2.1, Table 6.2). */
static uint32_t partition_props(const struct part_manifest *m)
{
	uint32_t props = m->messaging | FFA_PROP_ID_TYPE_PE | FFA_PROP_AARCH64;

	for (unsigned i = 0; i < m->service_count; i++)
		props |= m->services[i].messaging;
	if (m->notification_support)
		props |= FFA_PROP_NOTIFICATIONS;
	if (m->vm_availability & 1u)
		props |= FFA_PROP_VM_CREATED;
	if (m->vm_availability & 2u)
		props |= FFA_PROP_VM_DESTROYED;
	return props;
}

static bool partition_window(struct sim_partition *part, uint64_t base, uint64_t size,
			     uint32_t attributes, bool device, struct diag *err)
{
	struct emu_window *w;

	if (part->window_count == EMU_MAX_WINDOWS) {
		diag_set(err, part->manifest->file, part->manifest->line, 0,
			 "%s: too many memory and device regions (at most %d)",
			 part->manifest->name, EMU_MAX_WINDOWS);
		return false;
	}
	w = &part->windows[part->window_count++];
	w->base = base;
	w->size = size;
	w->device = device;
	/* Attributes: R=1 W=2 X=4 (the manifest binding's memory-region attributes). */
	w->read_only = (attributes & 2u) == 0;
	w->execute = (attributes & 4u) != 0;
	return true;
}

/*
 * The partition's own memory (read, write, execute), less the regions and devices already in
 * part->windows: a region inside it gives that part its own attributes (docs/manifest.md), and
 * unicorn maps an address once, so the memory is mapped as the pieces around them.
 */
static bool partition_memory_windows(struct sim_partition *part, const struct part_manifest *m,
				     struct diag *err)
{
	unsigned carved = part->window_count;
	uint64_t pos = m->load_address, end = m->load_address + m->memory_size;

	while (pos < end) {
		uint64_t next = end;
		bool covered = false;

		for (unsigned i = 0; i < carved && !covered; i++) {
			const struct emu_window *w = &part->windows[i];

			if (w->base <= pos && pos - w->base < w->size) {
				pos = w->base + w->size;
				covered = true;
			} else if (w->base > pos && w->base < next) {
				next = w->base;
			}
		}
		if (covered)
			continue;
		if (!partition_window(part, pos, next - pos, 7, false, err))
			return false;
		pos = next;
	}
	return true;
}

/* The partition's image, loaded into its own memory; sets *entry. */
static bool partition_load(struct sim *sim, const struct part_manifest *m, uint64_t *entry,
			   struct diag *err)
{
	struct emu_image image;
	const uint8_t *data = NULL;
	uint8_t *file = NULL;
	size_t size = 0;
	bool ok;

	/* A built-in image is bytes in memory: never looked up as a file, whatever the name. */
	if (strncmp(m->image, PART_BUILTIN_PREFIX, strlen(PART_BUILTIN_PREFIX)) == 0) {
		const char *name = m->image + strlen(PART_BUILTIN_PREFIX);

		for (unsigned i = 0; i < sim->cfg.builtin_image_count && data == NULL; i++) {
			const struct sim_builtin_image *b = &sim->cfg.builtin_images[i];

			if (strcmp(b->name, name) == 0) {
				data = b->data;
				size = b->size;
			}
		}
		if (data == NULL) {
			diag_set(err, m->file, m->line, 0,
				 "%s: image %s is not built into this run", m->name, m->image);
			return false;
		}
	} else {
		if (!emu_read_file(m->image, &file, &size, err))
			return false;
		data = file;
	}
	if (emu_is_elf(data, size)) {
		ok = emu_load_elf_buf(&sim->memory, data, size, m->image, true, &image, err);
		*entry = image.entry;
	} else {
		ok = emu_load_raw_buf(&sim->memory, data, size, m->image, m->load_address, true,
				      &image, err);
		*entry = m->load_address + m->entrypoint_offset;
	}
	free(file);
	if (!ok)
		return false;
	if (image.low < m->load_address || image.high > m->load_address + m->memory_size) {
		diag_set(err, m->file, m->line, 0,
			 "%s: image %s loads at 0x%llx-0x%llx, outside the partition's memory "
			 "0x%llx-0x%llx (load-address, memory-size)",
			 m->name, m->image, (unsigned long long)image.low,
			 (unsigned long long)image.high, (unsigned long long)m->load_address,
			 (unsigned long long)(m->load_address + m->memory_size));
		return false;
	}
	return true;
}

/*
 * A partition with a context per CPU: contexts 1.. each get an engine of their own over the same
 * windows (docs/guest-abi.md, "Execution contexts"), started on their CPU's PE when the CPU
 * powers on (spmc_cpu_on).
 */
static bool partition_contexts(struct sim *sim, struct sim_partition *part,
			       struct part_binary_config *cfg, struct diag *err)
{
	unsigned count = part->ep->exec_ctx_count;

	if (count <= 1)
		return true;
	part->ctx_bins = calloc(count - 1, sizeof(*part->ctx_bins));
	if (part->ctx_bins == NULL) {
		diag_set(err, NULL, 0, 0, "%s: out of memory for %u execution contexts",
			 part->manifest->name, count);
		return false;
	}
	for (unsigned k = 1; k < count; k++) {
		struct part_binary *b = &part->ctx_bins[k - 1];
		char name[EMU_NAME_MAX + 8]; /* the engine keeps what fits of it */

		snprintf(name, sizeof(name), "%s/%u", part->manifest->name, k);
		cfg->name = name;
		cfg->vcpu = k;
		cfg->home_pe = &sim->pes[k];
		if (!part_binary_open(b, cfg, err))
			return false;
		part->ctx_bin_count = k;
		emu_cpu_set_explainer(&b->cpu, sim_fault_explainer(&sim->spmc));
		part_binary_attach(b, part->ep);
	}
	return true;
}

/*
 * execution-ctx-count: 1 (a UP partition, run on whichever CPU calls it), or a context for each
 * CPU of the run (an MP partition): Hafnium gives MP partitions one vCPU per physical CPU of its
 * build (MAX_CPUS), pinned to it, and indexes them by the calling CPU (vm_get_vcpu(vm,
 * cpu_index(current))), so a count above the CPUs that run leaves the last contexts unused (as
 * real Hafnium v2.15 on a one-CPU QEMU with OP-TEE's four), and one below leaves CPUs without.
 */
static bool partition_check_contexts(const struct sim *sim, const struct part_manifest *m,
				     struct diag *err)
{
	unsigned cpus = sim->platform.cpu_count > 0 ? sim->platform.cpu_count : 1;

	if (m->exec_ctx_count <= 1 || m->exec_ctx_count >= cpus)
		return true;
	diag_set(err, m->file, m->exec_ctx_line != 0 ? m->exec_ctx_line : m->line,
		 m->exec_ctx_column,
		 "execution-ctx-count: %s has %u execution contexts, but the run has %u CPU%s: a "
		 "partition has one context, or one for each CPU (--cpus, run.cpus or the "
		 "platform's cpus)",
		 m->name, (unsigned)m->exec_ctx_count, cpus, cpus == 1 ? "" : "s");
	return false;
}

static bool partition_binary(struct sim *sim, struct sim_partition *part, struct diag *err)
{
	const struct part_manifest *m = part->manifest;
	struct part_binary_config cfg;
	uint64_t entry = 0;

	/* An S-EL0 partition's binary runs at S-EL1 too (docs/manifest.md): the SPMC treats it as
	 * S-EL0 where the ABI differs (FFA_MEM_PERM_GET/SET). */
	if (m->exception_level == PART_EL1) {
		diag_set(
			err, m->file, m->line, 0,
			"%s: exception-level: only S-EL1 and S-EL0 partitions run as binaries (EL1 "
			"partitions are not modelled yet)",
			m->name);
		return false;
	}
	for (unsigned i = 0; i < m->region_count; i++) {
		if (!partition_window(part, m->regions[i].base,
				      (uint64_t)m->regions[i].pages * 0x1000,
				      m->regions[i].attributes, false, err))
			return false;
	}
	for (unsigned i = 0; i < m->device_count; i++) {
		if (!partition_window(part, m->devices[i].base,
				      (uint64_t)m->devices[i].pages * 0x1000,
				      m->devices[i].attributes, true, err))
			return false;
	}
	if (!partition_memory_windows(part, m, err))
		return false;
	if (!partition_load(sim, m, &entry, err))
		return false;
	cfg = (struct part_binary_config){
		.name = m->name,
		.platform = &sim->platform,
		.memory = &sim->memory,
		.console = &sim->console,
		.notes = sim->cfg.notes != NULL ? sim->cfg.notes : stderr,
		.dispatch = sim_dispatch_hook(),
		.max_insns = sim->cfg.max_insns,
		.no_idle_skip = sim->cfg.no_idle_skip,
		.windows = part->windows,
		.window_count = part->window_count,
		.entry = entry,
		/* It runs on the PE of the CPU whose request it serves (the SPMC's current CPU,
		 * one of the CPUs there are). */
		.pes = sim->pes,
		.pe_count = EMU_GIC_MAX_PES,
		.spmc = &sim->spmc,
		.off_pe_ns = &sim->off_pe_ns,
		.sp805s = sim->secure.sp805s,
		.sp805_count = sim->secure.sp805_count,
	};
	if (!part_binary_open(&part->bin, &cfg, err))
		return false;
	part->binary = true;
	part->ep->primary_ep = entry;
	emu_cpu_set_explainer(&part->bin.cpu, sim_fault_explainer(&sim->spmc));
	part_binary_attach(&part->bin, part->ep);
	return partition_contexts(sim, part, &cfg, err);
}

static bool partition_model(struct sim *sim, struct sim_partition *part, struct diag *err)
{
	const struct part_manifest *m = part->manifest;
	bool ok = false;

	if (strcmp(m->model, "echo") == 0)
		ok = part_echo_attach(part->ep, &part->model.echo);
	else if (strcmp(m->model, "error") == 0)
		ok = part_error_attach(part->ep, &part->model.error, &m->params);
	else if (strcmp(m->model, "yield") == 0)
		ok = part_yield_attach(part->ep, &part->model.yield, &m->params);
	else if (strcmp(m->model, "scripted") == 0)
		ok = part_scripted_attach(part->ep, &part->model.scripted, &m->params);
	else if (strcmp(m->model, "memory") == 0)
		ok = part_memory_attach(part->ep, &part->model.memory, &sim->spmc.memory);
	else if (strcmp(m->model, "indirect") == 0)
		ok = part_indirect_attach(part->ep, &part->model.indirect, &sim->spmc.memory);
	else if (strcmp(m->model, "optee") == 0)
		ok = part_optee_attach(part->ep, &part->model.optee, &m->params, &sim->spmc.memory);
	if (ok)
		return true;
	diag_set(err, m->file, m->line, 0, "%s: model: \"%s\" is not a built-in model", m->name,
		 m->model);
	return false;
}

/* The partition's interrupt settings and the interrupts of its devices, for the SPMC. */
static bool partition_interrupts(struct sim *sim, struct sim_partition *part, struct diag *err)
{
	const struct part_manifest *m = part->manifest;

	/* Both enums hold the binding's values (0 queued, 1 managed exit, 2 signaled). */
	part->ep->intr.ns_action = (enum spmc_ns_action)m->ns_action;
	part->ep->intr.me_fiq = !m->managed_exit_virq;
	part->ep->intr.other_s_queued = m->other_s_queued;
	for (unsigned i = 0; i < m->device_count; i++) {
		const struct part_device *d = &m->devices[i];

		for (unsigned j = 0; j < d->interrupt_count; j++) {
			if (!sim_secure_check_interrupt(sim, m, i, j, err))
				return false;
			if (spmc_intr_own(&sim->spmc, part->ep, d->interrupts[j]))
				continue;
			diag_set(err, m->file, d->interrupt_at[j].line, d->interrupt_at[j].column,
				 "%s: device-regions[%u].interrupts[%u]: interrupt %u: another "
				 "partition owns it, or the partition has more than %d interrupts",
				 m->name, i, j, (unsigned)d->interrupts[j], SPMC_MAX_VINTS);
			return false;
		}
	}
	return sim_secure_claim_devices(sim, part, err);
}

bool sim_add_partition(struct sim *sim, struct sim_partition *part, const struct part_manifest *m,
		       struct diag *err)
{
	struct spmc_endpoint *ep;

	memset(part, 0, sizeof(*part));
	part->manifest = m;
	ep = spmc_add_endpoint(&sim->spmc, m->id, m->name, true);
	if (ep == NULL) {
		diag_set(err, m->file, m->line, 0, "%s: id 0x%04x is taken or too many partitions",
			 m->name, m->id);
		return false;
	}
	if (!partition_check_contexts(sim, m, err))
		return false;
	part->ep = ep;
	ep->version = m->ffa_version;
	ep->version_set = true;
	ep->props = partition_props(m);
	ep->exec_ctx_count = m->exec_ctx_count != 0 ? m->exec_ctx_count : 1;
	ep->el0 = m->exception_level == PART_S_EL0;
	for (unsigned i = 0; i < m->service_count && i < SPMC_MAX_UUIDS; i++)
		memcpy(ep->uuids[i], m->services[i].uuid, sizeof(ep->uuids[i]));
	ep->uuid_count = m->service_count < SPMC_MAX_UUIDS ? m->service_count : SPMC_MAX_UUIDS;
	if (!partition_interrupts(sim, part, err))
		return false;
	return m->image[0] != '\0' ? partition_binary(sim, part, err)
				   : partition_model(sim, part, err);
}

struct emu_cpu *sim_endpoint_cpu_nth(void *ctx, uint16_t endpoint, unsigned n)
{
	struct sim *sim = ctx;
	const struct spmc_endpoint *ep = spmc_find_endpoint(&sim->spmc, endpoint);

	if (n == 0)
		return sim_endpoint_cpu(ctx, endpoint);
	/* A partition's other execution contexts, each in its engine. */
	for (unsigned i = 0; ep != NULL && ep->secure && i < sim->part_count; i++) {
		if (sim->parts[i].ep == ep)
			return n <= sim->parts[i].ctx_bin_count ? &sim->parts[i].ctx_bins[n - 1].cpu
								: NULL;
	}
	/* The normal world's other CPUs, once they are open. */
	if ((ep == NULL || !ep->secure) && n < sim->smp.count)
		return sim->smp.cpus[n].cpu;
	return NULL;
}

struct emu_cpu *sim_endpoint_cpu(void *ctx, uint16_t endpoint)
{
	struct sim *sim = ctx;
	const struct spmc_endpoint *ep = spmc_find_endpoint(&sim->spmc, endpoint);

	if (ep == NULL || !ep->secure)
		return sim->host_ready ? &sim->host : NULL;
	for (unsigned i = 0; i < sim->part_count; i++) {
		if (sim->parts[i].ep == ep)
			return sim->parts[i].binary ? &sim->parts[i].bin.cpu : NULL;
	}
	return NULL; /* the built-in echo partition */
}
