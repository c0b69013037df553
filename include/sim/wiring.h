/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * How sim/ wires the plain libraries to the emulator (sim/wiring.c): the SPMC's guest memory
 * and console over emu/'s, the SPMC as the firmware's FF-A target, and the hypervisor proxy's
 * routes and firmware calls. The SPMC, the firmware and the proxy only decide; these adapters
 * and the dispatcher (include/sim/dispatch.h) carry the decisions out.
 */
#ifndef SIM_WIRING_H
#define SIM_WIRING_H

#include <stdbool.h>
#include <stdio.h>

#include "common/diag.h"
#include "emu/call.h"
#include "emu/console.h"
#include "emu/cpu.h"
#include "emu/memory.h"
#include "fw/firmware.h"
#include "hyp/pkvm.h"
#include "spmc/spmc.h"

/* The guest memory the SPMC and the proxy reach: emu/'s RAM and flash buffers. */
struct spmc_guest_mem sim_guest_memory(struct emu_memory *mem);

/*
 * The SPMC's guest memory with access enforced: emu/'s buffers, and each access change memory
 * management makes (spmc_mem_ops.set_access) carried to each CPU that runs the endpoint.
 * cpu_of finds the n-th of them (n from 0): the normal world's CPUs for endpoint 0 and VM IDs,
 * a binary partition's engines (one per execution context), NULL past the last and for an
 * endpoint no CPU runs (a built-in model, or a CPU not open yet).
 */
struct sim_mem_wiring {
	struct emu_memory *memory;
	struct emu_cpu *(*cpu_of)(void *ctx, uint16_t endpoint, unsigned n);
	void *cpu_ctx;
};

/* The guest memory over a wiring that must outlive it. */
struct spmc_guest_mem sim_guest_memory_enforced(struct sim_mem_wiring *wiring);

/*
 * The fault explainer of a CPU whose memory the SPMC manages: what memory management did to
 * the page (spmc_mem_page_describe: "lent by 0x0000 to 0x8001 (handle ...)").
 */
struct emu_fault_explainer sim_fault_explainer(struct spmc *spmc);

/* FFA_CONSOLE_LOG output: one line buffer per SPMC endpoint slot, on an emu/ console. */
struct sim_console_lines {
	struct emu_console *console;
	struct emu_console_line lines[SPMC_MAX_ENDPOINTS];
	bool ready[SPMC_MAX_ENDPOINTS];
};

/* Binds the line buffers to a console and returns the SPMC's console callback over them. */
struct spmc_console sim_spmc_console(struct sim_console_lines *lines, struct emu_console *con);

/*
 * Initialises an SPMC (spmc_init) over emu/'s guest memory, access enforced through the wiring
 * (which must outlive the SPMC), and console, FFA_CONSOLE_LOG lines buffered in *lines.
 */
void sim_spmc_init(struct spmc *spmc, const struct spmc_config *cfg, struct sim_mem_wiring *wiring,
		   struct sim_console_lines *lines, struct emu_console *con);

/* The firmware's FF-A target: the SPMC's normal-world entry (spmc_normal_world_call). */
struct emu_call_target sim_spmc_target(struct spmc *spmc);

/* A call an SPMC endpoint makes as the SPMC takes it (a partition's, or a scenario step's). */
struct sim_endpoint_caller {
	struct spmc *spmc;
	struct spmc_endpoint *ep;
};

/*
 * The target for a caller's calls: spmc_call() from its endpoint, answered under SMCCC 1.2 and
 * the endpoint's FF-A version, with the personality's known deviations for the checker.
 */
struct emu_call_target sim_endpoint_target(struct sim_endpoint_caller *caller);

/*
 * Attaches a pKVM-style proxy between a host CPU and the firmware: wires it to the guest
 * memory and the firmware (its own calls go through the dispatcher) and carries out the routes
 * it asks for. False with *err as hyp_pkvm_attach.
 */
bool sim_attach_pkvm(struct emu_cpu *host, struct hyp_pkvm *hyp, const struct hyp_pkvm_config *cfg,
		     struct fw_el3 *fw, struct emu_memory *mem, FILE *notes, struct diag *err);

/* Finalises the proxy (hyp_pkvm_finalise) and carries out the routes it asks for. */
bool sim_finalise_pkvm(struct emu_cpu *host, struct hyp_pkvm *hyp);

#endif
