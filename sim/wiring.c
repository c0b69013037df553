/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Adapters between the plain libraries (spmc/, hyp/, fw/) and the emulator (include/sim/wiring.h).
 */
#include "sim/wiring.h"

#include <string.h>

#include "sim/dispatch.h"
#include "spmc/share.h"

/* The host bytes of [addr, addr + size) in one RAM region (or flash, to read), or NULL. */
static uint8_t *wiring_bytes(void *ctx, uint64_t addr, uint64_t size, bool write)
{
	const struct emu_mem_region *r = emu_memory_find(ctx, addr, size);

	if (r == NULL || r->host == NULL ||
	    !(r->desc->kind == EMU_REGION_RAM || (r->desc->kind == EMU_REGION_FLASH && !write)))
		return NULL;
	return r->host + (addr - r->base);
}

static bool wiring_backed(void *ctx, uint64_t addr, uint64_t size, bool write)
{
	return wiring_bytes(ctx, addr, size, write) != NULL;
}

static void wiring_read(void *ctx, uint64_t addr, void *dst, uint64_t size)
{
	const uint8_t *p = wiring_bytes(ctx, addr, size, false);

	if (p != NULL)
		memmove(dst, p, size);
}

static void wiring_write(void *ctx, uint64_t addr, const void *src, uint64_t size)
{
	uint8_t *p = wiring_bytes(ctx, addr, size, true);

	if (p != NULL)
		memmove(p, src, size);
}

static bool wiring_ram(void *ctx, bool secure, unsigned i, uint64_t *base, uint64_t *size)
{
	const struct emu_memory *mem = ctx;

	for (unsigned k = 0; k < mem->count; k++) {
		const struct emu_mem_region *r = &mem->regions[k];

		if (r->host == NULL || r->desc->kind != EMU_REGION_RAM || r->desc->secure != secure)
			continue;
		if (i-- == 0) {
			*base = r->base;
			*size = r->size;
			return true;
		}
	}
	return false;
}

static const struct spmc_mem_ops wiring_mem_ops = {
	.backed = wiring_backed,
	.read = wiring_read,
	.write = wiring_write,
	.ram = wiring_ram,
};

struct spmc_guest_mem sim_guest_memory(struct emu_memory *mem)
{
	return (struct spmc_guest_mem){.ops = mem != NULL ? &wiring_mem_ops : NULL, .ctx = mem};
}

/* The enforced memory's bytes: the plain adapters over the wiring's memory. */
static bool wiring_enforced_backed(void *ctx, uint64_t addr, uint64_t size, bool write)
{
	return wiring_backed(((struct sim_mem_wiring *)ctx)->memory, addr, size, write);
}

static void wiring_enforced_read(void *ctx, uint64_t addr, void *dst, uint64_t size)
{
	wiring_read(((struct sim_mem_wiring *)ctx)->memory, addr, dst, size);
}

static void wiring_enforced_write(void *ctx, uint64_t addr, const void *src, uint64_t size)
{
	wiring_write(((struct sim_mem_wiring *)ctx)->memory, addr, src, size);
}

static bool wiring_enforced_ram(void *ctx, bool secure, unsigned i, uint64_t *base, uint64_t *size)
{
	return wiring_ram(((struct sim_mem_wiring *)ctx)->memory, secure, i, base, size);
}

_Static_assert(SPMC_MEM_READ == EMU_ACCESS_READ && SPMC_MEM_WRITE == EMU_ACCESS_WRITE &&
		       SPMC_MEM_EXEC == EMU_ACCESS_EXEC,
	       "the SPMC's access bits are the emulator's");

/*
 * An endpoint's access to a page range changed: its CPU follows (emu_cpu_set_access). A
 * built-in model has no CPU and nothing to do; the SPMC's own checks still apply to it. A
 * failure stops that CPU with an internal error (exit status 4).
 */
static void wiring_set_access(void *ctx, uint16_t endpoint, uint64_t addr, uint64_t size,
			      uint32_t access)
{
	struct sim_mem_wiring *w = ctx;
	struct emu_cpu *cpu;

	for (unsigned n = 0;
	     w->cpu_of != NULL && (cpu = w->cpu_of(w->cpu_ctx, endpoint, n)) != NULL; n++)
		emu_cpu_set_access(cpu, addr, size, access);
}

static const struct spmc_mem_ops wiring_enforced_ops = {
	.backed = wiring_enforced_backed,
	.read = wiring_enforced_read,
	.write = wiring_enforced_write,
	.ram = wiring_enforced_ram,
	.set_access = wiring_set_access,
};

static void wiring_explain(void *ctx, uint64_t pa, char *buf, size_t size)
{
	spmc_mem_page_describe(ctx, pa, buf, size);
}

struct emu_fault_explainer sim_fault_explainer(struct spmc *spmc)
{
	return (struct emu_fault_explainer){.fn = wiring_explain, .ctx = spmc};
}

struct spmc_guest_mem sim_guest_memory_enforced(struct sim_mem_wiring *wiring)
{
	return (struct spmc_guest_mem){.ops = wiring->memory != NULL ? &wiring_enforced_ops : NULL,
				       .ctx = wiring};
}

/* An endpoint's whole name fits the console's prefix. */
_Static_assert(SPMC_NAME_MAX <= EMU_NAME_MAX, "SPMC endpoint names must fit console prefixes");

static void wiring_putc(void *ctx, unsigned slot, const char *name, uint8_t c)
{
	struct sim_console_lines *l = ctx;

	if (slot >= SPMC_MAX_ENDPOINTS || l->console == NULL)
		return;
	if (!l->ready[slot]) {
		emu_console_line_init(&l->lines[slot], l->console, name);
		l->ready[slot] = true;
	}
	emu_console_putc(&l->lines[slot], c);
}

struct spmc_console sim_spmc_console(struct sim_console_lines *lines, struct emu_console *con)
{
	memset(lines, 0, sizeof(*lines));
	lines->console = con;
	return (struct spmc_console){.putc = con != NULL ? wiring_putc : NULL, .ctx = lines};
}

void sim_spmc_init(struct spmc *spmc, const struct spmc_config *cfg, struct sim_mem_wiring *wiring,
		   struct sim_console_lines *lines, struct emu_console *con)
{
	struct spmc_guest_mem gm = sim_guest_memory_enforced(wiring);
	struct spmc_console sc = sim_spmc_console(lines, con);

	spmc_init(spmc, cfg, &gm, &sc);
}

/*
 * FF-A calls from the normal world's physical instance (endpoint 0), handed on by EL3, with the
 * row the trap path found (emu_call_decode); a call made up without it is looked up here.
 */
static void wiring_spmc_call(void *ctx, const struct emu_call *call, struct emu_call_decision *d)
{
	const struct ffa_func *row = call->row != NULL ? call->row : ffa_func_find(call->fid);

	spmc_normal_world_call_row(ctx, row, &call->args, &d->rule, &d->res);
}

struct emu_call_target sim_spmc_target(struct spmc *spmc)
{
	return (struct emu_call_target){.fn = wiring_spmc_call, .ctx = spmc};
}

static void wiring_endpoint_call(void *ctx, const struct emu_call *call,
				 struct emu_call_decision *d)
{
	struct sim_endpoint_caller *c = ctx;

	d->res = spmc_call(c->spmc, c->ep, &call->args, &d->rule.ffa_version);
	/* The personality's firmware answers partitions with the same known deviations. */
	d->rule.deviations = c->spmc->cfg.personality->deviations;
	/* SMC_UNK, the SPMC's answer to an SMC outside FF-A (spmc_smc_unknown), is x0 alone. */
	d->rule.unknown_function = d->res.x[0] == SMCCC_UNKNOWN_64;
}

struct emu_call_target sim_endpoint_target(struct sim_endpoint_caller *caller)
{
	return (struct emu_call_target){.fn = wiring_endpoint_call, .ctx = caller};
}

/* The proxy's own SMCs: through the dispatcher to the firmware, the rule applied. */
static bool wiring_call_firmware(void *ctx, struct ffa_value *regs, struct ffa_value *answer)
{
	struct emu_call_target t = fw_el3_target(ctx);

	return sim_dispatch_regs(&t, FFA_CONDUIT_SMC, regs, answer, NULL);
}

bool sim_attach_pkvm(struct emu_cpu *host, struct hyp_pkvm *hyp, const struct hyp_pkvm_config *cfg,
		     struct fw_el3 *fw, struct emu_memory *mem, FILE *notes, struct diag *err)
{
	struct hyp_pkvm_wiring wiring = {
		.memory = sim_guest_memory(mem),
		.firmware = fw != NULL ? fw_el3_target(fw) : (struct emu_call_target){0},
		.other_hvc = host != NULL ? emu_cpu_routed(host, FFA_CONDUIT_HVC)
					  : (struct emu_call_target){0},
		.call_firmware = wiring_call_firmware,
		.call_ctx = fw,
	};
	struct emu_call_routes routes;

	if (host == NULL || mem == NULL) {
		diag_set(err, NULL, 0, 0, "pkvm: nothing to attach to");
		return false;
	}
	if (!hyp_pkvm_attach(hyp, cfg, &wiring, notes, &routes, err))
		return false;
	sim_apply_routes(host, &routes);
	return true;
}

bool sim_finalise_pkvm(struct emu_cpu *host, struct hyp_pkvm *hyp)
{
	struct emu_call_routes routes;
	bool done = hyp_pkvm_finalise(hyp, &routes);

	sim_apply_routes(host, &routes);
	return done;
}
