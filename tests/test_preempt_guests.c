/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A non-secure interrupt preempting a partition binary, end to end: the normal world
 * (tests/guests/preempt_timer.c) arms its own timer and sends a long request to a looping
 * partition that runs on its CPU, so the partition's instructions advance that CPU's clock
 * and the timer fires while it computes. What the normal world sees, at exact virtual times,
 * follows the partition's ns-interrupts-action as Hafnium takes it, on both GIC versions.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "abi/uuid.h"
#include "helpers.h"

#define LOOP_ID 0x8005
#define LOOP_BASE 0x0e400000
#define LOOP_UUID "4b8d5e6f-7081-42a3-b4c5-d6e7f8091a2b"

static const char *gicv3(void)
{
	return source_path("platforms/virt-gicv3.yaml");
}

/* The looping partition: sp_loop (no vectors) or sp_vloop (vectors), at 0x8005. */
static void loop_manifest(struct part_manifest *m, bool vectors, enum part_ns_action action,
			  bool me_virq)
{
	memset(m, 0, sizeof(*m));
	snprintf(m->file, sizeof(m->file), "test:loop");
	snprintf(m->name, sizeof(m->name), "loop");
	m->id = LOOP_ID;
	m->ffa_version = 0x10002;
	m->exec_ctx_count = 1;
	m->exception_level = PART_S_EL1;
	m->load_address = LOOP_BASE;
	m->memory_size = 0x100000;
	m->messaging = FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_DIRECT_REQ_SEND;
	if (vectors)
		snprintf(m->image, sizeof(m->image), "%s", guest_path("sp_vloop.elf"));
	else
		snprintf(m->image, sizeof(m->image), "%s/partitions/sp/sp_loop.elf",
			 getenv("FFA_SIM_BUILD_ROOT"));
	cr_assert_eq(ffa_uuid_parse(LOOP_UUID, m->services[0].uuid), FFA_UUID_OK);
	m->services[0].messaging = m->messaging;
	m->service_count = 1;
	m->ns_action = action;
	m->managed_exit = action == PART_NS_MANAGED_EXIT;
	m->managed_exit_virq = me_virq;
}

/* Runs preempt_timer.elf on a platform (NULL: virt, GICv2) under an SPMC ("hafnium:1.2")
 * against the looping partition; the run must end with status 0. */
static void run_preempt(const char *platform, const char *spmc_name, bool vectors,
			enum part_ns_action action, bool me_virq, struct run_result *r)
{
	struct part_manifest m;
	struct spmc_config spmc;
	struct sim_config cfg = {.platform_path = platform};

	loop_manifest(&m, vectors, action, me_virq);
	config_spmc(&cfg, spmc_name, &spmc);
	cfg.partitions = &m;
	cfg.partition_count = 1;
	run_guest("preempt_timer.elf", &cfg, r);
	cr_assert_eq(r->status, 0, "%s\n%s", r->console, r->notes);
}

static void expect_lines(const struct run_result *r, const char *const *lines, size_t count)
{
	expect_all_in(r->console, lines, count);
	cr_assert_not_null(strstr(r->console, "[host] preempt_timer done\n"), "%s", r->console);
}

/* signaled (GICv2, the default virt): the timer fires while the partition computes; the
 * normal world gets FFA_INTERRUPT (w1 = 0x8005 << 16 | vCPU 0) right after, finds its timer
 * still pending in the GIC, takes it in its vectors at the unmask, and FFA_RUN lets the
 * partition finish: the response of the whole computation. Times are counter ticks (16 ns). */
Test(preempt_guests, signaled_gicv2)
{
	static const char *const lines[] = {
		"[host] EL1 GICv2 timer INTID 30\n",
		"[host] request: FFA_INTERRUPT w1=80050000 at +1015\n",
		"[host] timer pending 1 at +1100\n",
		"[host] irq 30 taken at +1154\n",
		"[host] run: response x3=200000 x4=7d3dc125bddc46a0 x5=0 x6=0 x7=0 at +112924\n",
	};
	struct run_result r;

	run_preempt(NULL, "hafnium:1.2", false, PART_NS_SIGNALED, false, &r);
	expect_lines(&r, lines, sizeof(lines) / sizeof(lines[0]));
	run_result_free(&r);
}

/* signaled on GICv3: the same sequence (the timer's PPI is group 1 non-secure: a FIQ to the
 * secure state, which the SPMC takes); the GIC's system registers shift a time by a tick. */
Test(preempt_guests, signaled_gicv3)
{
	static const char *const lines[] = {
		"[host] EL1 GICv3 timer INTID 30\n",
		"[host] request: FFA_INTERRUPT w1=80050000 at +1016\n",
		"[host] timer pending 1 at +1102\n",
		"[host] irq 30 taken at +1155\n",
		"[host] run: response x3=200000 x4=7d3dc125bddc46a0 x5=0 x6=0 x7=0 at +112924\n",
	};
	struct run_result r;

	run_preempt(gicv3(), "hafnium:1.2", false, PART_NS_SIGNALED, false, &r);
	expect_lines(&r, lines, sizeof(lines) / sizeof(lines[0]));
	run_result_free(&r);
}

/* managed-exit with vectors (sp_vloop), a vFIQ (managed-exit-virq absent): the partition
 * takes the managed-exit interrupt at VBAR_EL1 + 0x300 (FIQ, current EL with SP_ELx), its
 * handler gets ID 4 from HF_INTERRUPT_GET, it answers at once (x5 = 1, x6 = 4, x7 = one FIQ),
 * and the normal world then takes its timer interrupt. */
Test(preempt_guests, managed_exit_vfiq)
{
	static const char *const v2[] = {
		"[host] request: response x3=1719 x4=2161ad72695ef2bb x5=1 x6=4 x7=10000 at "
		"+1047\n",
		"[host] timer pending 1 at +1205\n",
		"[host] irq 30 taken at +1258\n",
	};
	static const char *const v3[] = {
		"[host] request: response x3=1720 x4=ad400dac27f6b5c x5=1 x6=4 x7=10000 at +1048\n",
		"[host] timer pending 1 at +1204\n",
		"[host] irq 30 taken at +1257\n",
	};
	struct run_result r;

	run_preempt(NULL, "hafnium:1.2", true, PART_NS_MANAGED_EXIT, false, &r);
	expect_lines(&r, v2, sizeof(v2) / sizeof(v2[0]));
	cr_assert_null(strstr(r.console, "FFA_INTERRUPT"), "%s", r.console);
	run_result_free(&r);
	run_preempt(gicv3(), "hafnium:1.2", true, PART_NS_MANAGED_EXIT, false, &r);
	expect_lines(&r, v3, sizeof(v3) / sizeof(v3[0]));
	run_result_free(&r);
}

/* managed-exit-virq: the same exit through the partition's IRQ vector (x7 = one IRQ). */
Test(preempt_guests, managed_exit_virq)
{
	static const char *const lines[] = {
		"[host] request: response x3=1720 x4=ad400dac27f6b5c x5=1 x6=4 x7=1 at +1048\n",
		"[host] timer pending 1 at +1197\n",
		"[host] irq 30 taken at +1251\n",
	};
	struct run_result r;

	run_preempt(gicv3(), "hafnium:1.2", true, PART_NS_MANAGED_EXIT, true, &r);
	expect_lines(&r, lines, sizeof(lines) / sizeof(lines[0]));
	run_result_free(&r);
}

/* managed-exit without vectors (sp_loop masks interrupts and polls HF_INTERRUPT_GET every
 * 4096 rounds): it sees the exit at its next look and answers then. */
Test(preempt_guests, managed_exit_polled)
{
	static const char *const lines[] = {
		"[host] request: response x3=4096 x4=cafd113027f00800 x5=1 x6=0 x7=0 at +2379\n",
		"[host] timer pending 1 at +2530\n",
		"[host] irq 30 taken at +2583\n",
	};
	struct run_result r;

	run_preempt(NULL, "hafnium:1.2", false, PART_NS_MANAGED_EXIT, false, &r);
	expect_lines(&r, lines, sizeof(lines) / sizeof(lines[0]));
	run_result_free(&r);
}

/* queued: the partition runs its whole computation; the interrupt waits, still pending, and
 * the normal world takes it right after the response. */
Test(preempt_guests, queued)
{
	static const char *const v2[] = {
		"[host] request: response x3=200000 x4=7d3dc125bddc46a0 x5=0 x6=0 x7=0 at "
		"+112699\n",
		"[host] timer pending 1 at +112856\n",
		"[host] irq 30 taken at +112913\n",
	};
	static const char *const v3[] = {
		"[host] request: response x3=200000 x4=7d3dc125bddc46a0 x5=0 x6=0 x7=0 at "
		"+112699\n",
		"[host] timer pending 1 at +112857\n",
		"[host] irq 30 taken at +112913\n",
	};
	struct run_result r;

	run_preempt(NULL, "hafnium:1.2", false, PART_NS_QUEUED, false, &r);
	expect_lines(&r, v2, sizeof(v2) / sizeof(v2[0]));
	cr_assert_null(strstr(r.console, "FFA_INTERRUPT"), "%s", r.console);
	run_result_free(&r);
	run_preempt(gicv3(), "hafnium:1.2", false, PART_NS_QUEUED, false, &r);
	expect_lines(&r, v3, sizeof(v3) / sizeof(v3[0]));
	run_result_free(&r);
}

/* TF-A's EL3 SPMC reads no ns-interrupts-action: a partition the normal world runs is
 * preempted with FFA_INTERRUPT even when its manifest says queued. OP-TEE reads it: signaled
 * preempts the same way, and queued masks foreign interrupts until the response, as under
 * Hafnium (sp_cpsr_configure_foreign_interrupts). */
Test(preempt_guests, other_personalities_preempt)
{
	static const char *const lines[] = {
		"[host] request: FFA_INTERRUPT w1=80050000 at +1015\n",
		"[host] irq 30 taken at +1154\n",
		"[host] run: response x3=200000 x4=7d3dc125bddc46a0 x5=0 x6=0 x7=0 at +112924\n",
	};
	static const char *const queued[] = {
		"[host] request: response x3=200000 x4=7d3dc125bddc46a0 x5=0 x6=0 x7=0 at "
		"+112699\n",
		"[host] timer pending 1 at +112856\n",
		"[host] irq 30 taken at +112913\n",
	};
	struct run_result r;

	run_preempt(NULL, "tf-a:1.2", false, PART_NS_QUEUED, false, &r);
	expect_lines(&r, lines, sizeof(lines) / sizeof(lines[0]));
	run_result_free(&r);
	run_preempt(NULL, "optee:1.2", false, PART_NS_SIGNALED, false, &r);
	expect_lines(&r, lines, sizeof(lines) / sizeof(lines[0]));
	run_result_free(&r);
	run_preempt(NULL, "optee:1.2", false, PART_NS_QUEUED, false, &r);
	expect_lines(&r, queued, sizeof(queued) / sizeof(queued[0]));
	cr_assert_null(strstr(r.console, "FFA_INTERRUPT"), "%s", r.console);
	run_result_free(&r);
}

/* Deterministic: two runs print the same times. */
Test(preempt_guests, same_times_every_run)
{
	struct run_result a, b;

	run_preempt(gicv3(), "hafnium:1.2", true, PART_NS_SIGNALED, false, &a);
	run_preempt(gicv3(), "hafnium:1.2", true, PART_NS_SIGNALED, false, &b);
	cr_assert_str_eq(a.console, b.console);
	run_result_free(&a);
	run_result_free(&b);
}
