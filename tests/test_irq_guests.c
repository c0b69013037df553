/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Interrupts through the whole stack on one CPU: the generic timer firing through the GIC
 * into the guest's vectors at EL1 and EL2, with GICv2 and GICv3, masking by PSTATE and by the
 * priority mask, preemption by a higher priority, WFI that sleeps until the timer, entries
 * from EL1t and from EL1 into EL2, and the PL011's receive interrupt. The guests print virtual
 * times (counter ticks since their first reading); these are exact and the same on every run.
 * The same guests pass on QEMU 7.2 (qemu-system-aarch64 -M virt[,gic-version=3]
 * [,virtualization=on] -cpu cortex-a72 -semihosting), with other times and the same
 * behaviour: the same lines, the same SPSR values.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static void expect_console(const struct run_result *r, const char *text)
{
	cr_assert_not_null(strstr(r->console, text), "console lacks \"%s\":\n%s\nnotes:\n%s", text,
			   r->console, r->notes);
}

/* Runs a guest twice with the configuration; both runs must print and count the same. */
static void run_twice(const char *guest, const struct sim_config *cfg, struct run_result *r)
{
	struct run_result again;

	run_guest(guest, cfg, r);
	run_guest(guest, cfg, &again);
	cr_assert_str_eq(r->console, again.console, "two runs differ");
	cr_assert_eq(r->insns, again.insns);
	run_result_free(&again);
}

/* irq_timer's lines after the first, for one EL / GIC combination. */
static void expect_irq_timer(const struct sim_config *cfg, const char *const *lines)
{
	struct run_result r;

	run_twice("irq_timer.elf", cfg, &r);
	cr_assert_eq(r.status, 0, "%s\n%s", r.console, r.notes);
	for (const char *const *l = lines; *l != NULL; l++)
		expect_console(&r, *l);
	expect_console(&r, "[host] irq_timer done\n");
	run_result_free(&r);
}

/* EL1, virt's GICv2: CNTP wakes a WFI 1000 ticks after it was armed (plus the few ticks from
 * its arming); masked by PSTATE.I or the PMR it waits, ISTATUS set, until the unmask; the
 * virtual timer (priority 0x40) preempts CNTP's handler (0xa0) once it unmasks. */
Test(irq_guests, timer_el1_gicv2)
{
	static const char *const lines[] = {
		"[host] EL1 GICv2 timer INTIDs 30 and 27\n",
		"[host] 1 wfi: fired at +1004, rpr 0xa0, woke at +1008\n",
		"[host] 2 masked: ISTATUS at +1795, fired 0\n",
		"[host] 2 unmasked: fired at +1863\n",
		"[host] 3 pmr 0xa0: ISTATUS at +2613, fired 0\n",
		"[host] 3 pmr 0xff: fired at +2692\n",
		"[host] low handler resumes at +4055 after high at +4051\n",
		"[host] 4 nested: low at +3746 rpr 0xa0, high at +4051 rpr 0x40\n",
		NULL,
	};

	expect_irq_timer(NULL, lines);
}

/* EL1 with a GICv3 (ICC system registers, redistributor): the same behaviour. */
Test(irq_guests, timer_el1_gicv3)
{
	static const char *const lines[] = {
		"[host] EL1 GICv3 timer INTIDs 30 and 27\n",
		"[host] 1 wfi: fired at +1005, rpr 0xa0, woke at +1009\n",
		"[host] 2 masked: ISTATUS at +1796, fired 0\n",
		"[host] 2 unmasked: fired at +1864\n",
		"[host] 3 pmr 0xa0: ISTATUS at +2615, fired 0\n",
		"[host] 3 pmr 0xff: fired at +2694\n",
		"[host] 4 nested: low at +3748 rpr 0xa0, high at +4053 rpr 0x40\n",
		NULL,
	};
	struct sim_config cfg = {.platform_path = source_path("platforms/virt-gicv3.yaml")};

	expect_irq_timer(&cfg, lines);
}

/* EL2 (HCR_EL2.IMO routes physical IRQs there) with the EL2 physical timer CNTHP, GICv2. */
Test(irq_guests, timer_el2_gicv2)
{
	static const char *const lines[] = {
		"[host] EL2 GICv2 timer INTIDs 26 and 27\n",
		"[host] 1 wfi: fired at +1004, rpr 0xa0, woke at +1008\n",
		"[host] 2 masked: ISTATUS at +1795, fired 0\n",
		"[host] 3 pmr 0xa0: ISTATUS at +2613, fired 0\n",
		"[host] 4 nested: low at +3746 rpr 0xa0, high at +4051 rpr 0x40\n",
		NULL,
	};
	struct sim_config cfg = {.entry_el = 2};

	expect_irq_timer(&cfg, lines);
}

/* EL2 with a GICv3. */
Test(irq_guests, timer_el2_gicv3)
{
	static const char *const lines[] = {
		"[host] EL2 GICv3 timer INTIDs 26 and 27\n",
		"[host] 1 wfi: fired at +1004, rpr 0xa0, woke at +1008\n",
		"[host] 3 pmr 0xff: fired at +2691\n",
		"[host] 4 nested: low at +3746 rpr 0xa0, high at +4051 rpr 0x40\n",
		NULL,
	};
	struct sim_config cfg = {.entry_el = 2,
				 .platform_path = source_path("platforms/virt-gicv3.yaml")};

	expect_irq_timer(&cfg, lines);
}

/* From EL1t the IRQ enters at the current-EL-SP0 vectors with SPSR = EL1t and SP_EL0 kept;
 * QEMU shows the same SPSR. */
Test(irq_guests, entry_from_el1t)
{
	struct run_result r;

	run_twice("irq_entry.elf", NULL, &r);
	cr_assert_eq(r.status, 0, "%s\n%s", r.console, r.notes);
	expect_console(&r, "[host] EL1 took it from group 0, SPSR 0x60000344, SP_EL0 kept\n");
	run_result_free(&r);
}

/* With HCR_EL2.IMO an IRQ at EL1 (PSTATE.I set there) is taken at EL2 from the lower EL, and
 * ERET goes back to EL1: the entry that raises the EL through the trampoline. */
Test(irq_guests, entry_from_el1_to_el2)
{
	struct sim_config cfg = {.entry_el = 2};
	struct run_result r;

	run_twice("irq_entry.elf", &cfg, &r);
	cr_assert_eq(r.status, 0, "%s\n%s", r.console, r.notes);
	expect_console(&r, "[host] EL2 took it from group 2, SPSR 0x600003c5; back at EL1\n");
	run_result_free(&r);
}

/* The PL011's receive interrupt (SPI 1, INTID 33) wakes a WFI for each line of input. */
Test(irq_guests, uart_rx_interrupt)
{
	struct sim_config cfg = {.input_text = "hello\nquit\n"};
	struct run_result r;

	run_twice("irq_uart.elf", &cfg, &r);
	cr_assert_eq(r.status, 5, "%s\n%s", r.console, r.notes);
	cr_assert_str_eq(r.console, "[host] > \n"
				    "[host] got \"hello\" (MIS 0x10) at +19\n"
				    "[host] > \n"
				    "[host] got \"quit\" (MIS 0x10) at +99\n");
	run_result_free(&r);
}

/* The PL011's transmit interrupt (TXIM): taken while the transmit FIFO has room, 16 bytes
 * written per interrupt until the handler masks it, as Linux's driver sends. */
Test(irq_guests, uart_tx_interrupt)
{
	struct run_result r;

	run_twice("irq_uart_tx.elf", NULL, &r);
	cr_assert_eq(r.status, 0, "%s\n%s", r.console, r.notes);
	cr_assert_str_eq(r.console, "[host] sent by the transmit interrupt, 16 bytes at a time\n"
				    "[host] 4 interrupts, MIS 0x20, 51 bytes in 56 ticks\n");
	run_result_free(&r);
}

/* WFI with interrupts masked and no timer armed can never wake: still a halt. */
Test(irq_guests, wfi_without_wakeup_halts)
{
	struct run_result r;

	run_guest("halt_wfi.elf", NULL, &r);
	cr_assert_eq(r.stop.kind, EMU_STOP_HALT, "%s", r.notes);
	cr_assert(strstr(r.notes, "wfi with no interrupt to wake the CPU") != NULL, "%s", r.notes);
	run_result_free(&r);
}

/*
 * A WFE idle loop (`1: wfe; b 1b`) is left only through an interrupt: the timer's is taken in
 * it at exactly its time, SEVL then WFE goes on, and with nothing to wake the CPU the loop is a
 * halt at once, where it used to run into --max-insns (status 3) at some 100 ns a pass.
 */
Test(irq_guests, wfe_loop)
{
	struct sim_config cfg = {.max_insns = 1000000};
	struct run_result r;

	run_twice("wfe_loop.elf", &cfg, &r);
	cr_assert_eq(r.status, 0, "%s\n%s", r.console, r.notes);
	cr_assert_eq(r.stop.kind, EMU_STOP_HALT, "%s", r.notes);
	cr_assert(strstr(r.notes, "halt: wfe loop at 0x") != NULL, "%s", r.notes);
	cr_assert_str_eq(r.console,
			 "[host] 1 wfe loop: fired 1 at +1003, elr loop+4, back at +1007\n"
			 "[host] 2 sevl; wfe: completed at +1113\n"
			 "[host] 3 parking in the wfe loop\n");
	cr_assert_eq(r.insns, 47112, "insns %llu", (unsigned long long)r.insns);
	run_result_free(&r);
}

/* Opens a guest in-process (console to a temporary file), ready for emu_cpu_run. */
static struct sim *open_guest(const char *guest, FILE **con)
{
	struct sim_config cfg = {.quiet = true};
	struct sim *sim = calloc(1, sizeof(*sim));
	struct diag err;

	cr_assert_not_null(sim);
	*con = tmpfile();
	cfg.guest_path = guest_path(guest);
	cfg.console_out = *con;
	cfg.notes = tmpfile();
	cr_assert(sim_open(sim, &cfg, &err), "%s", err.msg);
	return sim;
}

/*
 * Interrupts landing between blocks that branch straight to each other return to the block
 * they preempted: unicorn leaves PC at an earlier block there, and an entry that trusted it
 * ran a block twice (23 of these 64 interrupts did; QEMU: none).
 */
Test(irq_guests, interrupt_between_chained_blocks)
{
	struct run_result r;

	run_twice("irq_chain.elf", NULL, &r);
	cr_assert_eq(r.status, 0, "%s\n%s", r.console, r.notes);
	expect_console(&r, "[host] irq_chain: 64 interrupts, more than one per interrupt passes, "
			   "0 counts disagreed\n");
	run_result_free(&r);
}

/* A deadline stops the run at a block boundary at or after it, in PE time, and the next run
 * goes on: the guest's output and count are those of a run without the stop. */
Test(irq_guests, deadline_stops_and_resumes)
{
	struct run_result whole;
	FILE *con;
	struct sim *sim = open_guest("irq_timer.elf", &con);
	struct emu_cpu *cpu = &sim->host;
	char out[4096];
	size_t n;

	emu_cpu_set_deadline(cpu, 50000);
	emu_cpu_run(cpu);
	cr_assert_eq(cpu->stop.kind, EMU_STOP_DEADLINE, "%s", cpu->stop.message);
	cr_assert_geq(emu_cpu_now(cpu), 50000);
	cr_assert_lt(emu_cpu_now(cpu), 50100);
	emu_cpu_set_deadline(cpu, UINT64_MAX);
	emu_cpu_run(cpu);
	cr_assert_eq(cpu->stop.kind, EMU_STOP_EXIT, "%s", cpu->stop.message);
	run_guest("irq_timer.elf", NULL, &whole);
	cr_assert_eq(emu_cpu_insns(cpu), whole.insns);
	fflush(con);
	rewind(con);
	n = fread(out, 1, sizeof(out) - 1, con);
	out[n] = '\0';
	cr_assert_str_eq(out, whole.console);
	run_result_free(&whole);
	sim_close(sim);
	free(sim);
	fclose(con);
}

/* With emu_cpu_set_wait_returns, a WFI nothing on the PE can wake returns EMU_STOP_WAIT (a
 * scheduler decides) instead of halting, and the next run goes on waiting. */
Test(irq_guests, wfi_wait_returns_to_a_scheduler)
{
	FILE *con;
	struct sim *sim = open_guest("halt_wfi.elf", &con);

	emu_cpu_set_wait_returns(&sim->host, true);
	emu_cpu_run(&sim->host);
	cr_assert_eq(sim->host.stop.kind, EMU_STOP_WAIT, "%s", sim->host.stop.message);
	emu_cpu_run(&sim->host);
	cr_assert_eq(sim->host.stop.kind, EMU_STOP_WAIT, "%s", sim->host.stop.message);
	emu_cpu_set_wait_returns(&sim->host, false);
	emu_cpu_run(&sim->host);
	cr_assert_eq(sim->host.stop.kind, EMU_STOP_HALT, "%s", sim->host.stop.message);
	sim_close(sim);
	free(sim);
	fclose(con);
}
