/* SPDX-License-Identifier: BSD-3-Clause */
/* Real guest binaries through the whole stack: exits, halts, faults, limits, MMU, device tree. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <string.h>

#include "helpers.h"

static void expect_console(const struct run_result *r, const char *text)
{
	cr_assert_not_null(strstr(r->console, text), "console lacks \"%s\":\n%s\nnotes:\n%s", text,
			   r->console, r->notes);
}

static void expect_notes(const struct run_result *r, const char *text)
{
	cr_assert_not_null(strstr(r->notes, text), "notes lack \"%s\":\n%s", text, r->notes);
}

/* A guest's return value from main becomes the exit status (semihosting SYS_EXIT_EXTENDED). */
Test(guests, exit_status_from_main)
{
	struct run_result r;

	run_guest("exit42.elf", NULL, &r);
	cr_assert_eq(r.status, 42, "%s", r.notes);
	cr_assert_eq(r.stop.kind, EMU_STOP_EXIT);
	cr_assert_str_eq(r.console, "[host] exiting with 42\n");
	run_result_free(&r);
}

/* Semihosting WRITEC/WRITE0 print with the prefix; EXIT_EXTENDED's subcode is the status. */
Test(guests, semihosting_output_and_status)
{
	struct run_result r;

	run_guest("semihost.elf", NULL, &r);
	cr_assert_eq(r.status, 7);
	cr_assert_str_eq(r.console, "[host] A\n[host] semihost write0\n");
	expect_notes(&r, "SYS_EXIT_EXTENDED, status 7");
	run_result_free(&r);
}

/* The AArch64 SYS_EXIT with ADP_Stopped_ApplicationExit exits with its subcode. */
Test(guests, semihosting_basic_exit)
{
	struct run_result r;

	run_guest("semihost_exit.elf", NULL, &r);
	cr_assert_eq(r.status, 0);
	expect_console(&r, "[host] basic exit\n");
	expect_notes(&r, "SYS_EXIT, status 0");
	run_result_free(&r);
}

/* SYS_WRITE with a length of 2^64-1 writes one bounded block (64 KiB) and answers the rest as
 * not written, at once, instead of walking guest memory a byte at a time. */
Test(guests, semihosting_write_bounded, .timeout = 20)
{
	struct run_result r;
	struct timespec t0, t1;
	const char *x;
	size_t written = 0;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
	run_guest("semihost_write.elf", NULL, &r);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	expect_console(&r, "[host] not written: 0xfffffffffffeffff\n");
	expect_console(&r, "[host] short\n[host] then: 0\n");
	/* The console cuts the long line into prefixed lines: count the bytes written (up to
	 * the "0x" of the next line). */
	for (x = r.console; x < strstr(r.console, "not written"); x++)
		written += *x == 'x';
	cr_assert_eq(written, 0x10000, "%zu bytes written", written);
	cr_assert_lt((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000, 5000);
	run_result_free(&r);
}

/* PSCI SYSTEM_OFF ends the run with status 0; SYSTEM_RESET too, with its own note. */
Test(guests, psci_off_and_reset)
{
	struct run_result r;

	run_guest("psci_off.elf", NULL, &r);
	cr_assert_eq(r.status, 0);
	cr_assert_eq(r.stop.kind, EMU_STOP_EXIT);
	cr_assert_str_eq(r.stop.message, "PSCI SYSTEM_OFF");
	run_result_free(&r);
	run_guest("psci_reset.elf", NULL, &r);
	cr_assert_eq(r.status, 0);
	cr_assert_str_eq(r.stop.message, "PSCI SYSTEM_RESET (the run ends)");
	expect_console(&r, "[host] resetting\n");
	run_result_free(&r);
}

/* Checks a fault run: status 3, the kind, the address, the PC's instruction and registers. */
static void expect_fault(const char *guest, enum emu_fault_kind kind, uint64_t address,
			 const char *insn)
{
	struct run_result r;
	char want[64];

	run_guest(guest, NULL, &r);
	cr_assert_eq(r.status, 3, "%s: status %d\n%s", guest, r.status, r.notes);
	cr_assert_eq(r.stop.kind, EMU_STOP_FAULT);
	cr_assert_eq(r.stop.fault, kind, "%s: fault %d\n%s", guest, r.stop.fault, r.notes);
	expect_console(&r, "[host] about to fault\n");
	expect_notes(&r, emu_fault_kind_name(kind));
	if (address != 0) {
		cr_assert_eq(r.stop.address, address, "%s: address 0x%llx", guest,
			     (unsigned long long)r.stop.address);
		snprintf(want, sizeof(want), "address: 0x%016llx", (unsigned long long)address);
		expect_notes(&r, want);
	}
	expect_notes(&r, insn);
	expect_notes(&r, "x30 ");
	expect_notes(&r, "pstate 0x");
	expect_notes(&r, "last calls:");
	run_result_free(&r);
}

/* Unmapped read: the report names the address and the load that faulted. */
Test(guests, fault_unmapped_read)
{
	expect_fault("fault_read.elf", EMU_FAULT_READ_UNMAPPED, 0x7000000000ull, "ldr ");
}

/* Unmapped write: the store is named. */
Test(guests, fault_unmapped_write)
{
	expect_fault("fault_write.elf", EMU_FAULT_WRITE_UNMAPPED, 0x7000000000ull, "str ");
}

/* A branch into unmapped memory: the PC is the address and cannot be read. */
Test(guests, fault_unmapped_fetch)
{
	expect_fault("fault_fetch.elf", EMU_FAULT_FETCH_UNMAPPED, 0x7000000000ull, "<unreadable>");
}

/* UDF: undefined instruction, disassembled although capstone 4 does not know it. */
Test(guests, fault_undefined)
{
	expect_fault("fault_undef.elf", EMU_FAULT_UNDEFINED, 0, "udf #0");
}

/* A branch to PC+2: a PC alignment fault at that PC, not an instruction decoded from there. */
Test(guests, fault_pc_alignment)
{
	struct run_result r;

	expect_fault("fault_pc_align.elf", EMU_FAULT_PC_ALIGNMENT, 0, "<not 4-byte aligned>");
	run_guest("fault_pc_align.elf", NULL, &r);
	cr_assert_eq(r.stop.pc % 4, 2, "pc 0x%llx", (unsigned long long)r.stop.pc);
	expect_notes(&r, "PC alignment fault: PC 0x");
	cr_assert_null(strstr(r.notes, "undefined instruction"), "%s", r.notes);
	run_result_free(&r);
}

/* BRK. */
Test(guests, fault_brk)
{
	expect_fault("fault_brk.elf", EMU_FAULT_BRK, 0, "brk #0x7");
}

/* SVC with no EL1 handler modelled. */
Test(guests, fault_svc)
{
	expect_fault("fault_svc.elf", EMU_FAULT_SVC, 0, "svc #0");
}

/* MMU on, a load from an address the guest's tables do not map: a data abort with its address. */
Test(guests, fault_translation_data)
{
	expect_fault("mmu_fault_data.elf", EMU_FAULT_DATA_ABORT, 0x48000000ull, "ldr ");
}

/* MMU on, a branch to an unmapped address: an instruction abort. */
Test(guests, fault_translation_insn)
{
	expect_fault("mmu_fault_insn.elf", EMU_FAULT_INSN_ABORT, 0x48000000ull, "<unreadable>");
}

/* A runaway guest ends at --max-insns as a fault, having run no more than the limit. */
Test(guests, max_insns)
{
	struct sim_config cfg = {.max_insns = 100000};
	struct run_result r;

	run_guest("fault_runaway.elf", &cfg, &r);
	cr_assert_eq(r.status, 3);
	cr_assert_eq(r.stop.fault, EMU_FAULT_INSN_LIMIT);
	cr_assert_leq(r.insns, 100000);
	cr_assert_geq(r.insns, 100000 - 64);
	expect_notes(&r, "--max-insns 100000");
	run_result_free(&r);
}

/* The last calls a guest made appear in its fault report, named and with their answers. */
Test(guests, fault_report_lists_calls)
{
	struct sim_config cfg = {0};
	struct run_result r;

	/* Stop calls.elf 50 instructions before its end: after its 8 calls, while it prints. */
	run_guest("calls.elf", NULL, &r);
	cr_assert_eq(r.status, 0);
	cfg.max_insns = r.insns - 50;
	run_result_free(&r);
	run_guest("calls.elf", &cfg, &r);
	cr_assert_eq(r.status, 3, "%s", r.notes);
	expect_notes(&r, "last calls (8 of 8)");
	expect_notes(&r, "SMC SMCCC_VERSION x1=0x0 -> x0=0x10005");
	expect_notes(&r, "HVC SMCCC_VERSION");
	expect_notes(&r, "SMC 0x82000077 x1=0x0 -> x0=0xffffffff");
	run_result_free(&r);
}

/* A branch-to-self ends the run with status 0 and a note naming the PC. */
Test(guests, halt_branch_to_self)
{
	struct run_result r;

	run_guest("halt_b.elf", NULL, &r);
	cr_assert_eq(r.status, 0);
	cr_assert_eq(r.stop.kind, EMU_STOP_HALT);
	expect_notes(&r, "branch to self at 0x");
	expect_console(&r, "[host] parking\n");
	run_result_free(&r);
}

/* wfi with nothing to wake the CPU ends the run with status 0. */
Test(guests, halt_wfi)
{
	struct run_result r;

	run_guest("halt_wfi.elf", NULL, &r);
	cr_assert_eq(r.status, 0);
	cr_assert_eq(r.stop.kind, EMU_STOP_HALT);
	expect_notes(&r, "wfi with no interrupt");
	run_result_free(&r);
}

/* --halt=fault turns both halts into fault reports (status 3). */
Test(guests, halt_as_fault)
{
	struct sim_config cfg = {.halt = EMU_HALT_FAULT};
	struct run_result r;

	run_guest("halt_b.elf", &cfg, &r);
	cr_assert_eq(r.status, 3);
	cr_assert_eq(r.stop.fault, EMU_FAULT_HALT);
	expect_notes(&r, "b #0x");
	run_result_free(&r);
	run_guest("halt_wfi.elf", &cfg, &r);
	cr_assert_eq(r.status, 3);
	cr_assert_eq(r.stop.fault, EMU_FAULT_HALT);
	expect_notes(&r, "wfi");
	run_result_free(&r);
}

/* --until-console ends a guest that never stops once the text is printed. */
Test(guests, until_console)
{
	struct sim_config cfg = {.until_console = "boot complete"};
	struct run_result r;

	run_guest("until_console.elf", &cfg, &r);
	cr_assert_eq(r.status, 0);
	cr_assert_eq(r.stop.kind, EMU_STOP_CONSOLE);
	cr_assert_str_eq(r.console, "[host] boot complete\n");
	run_result_free(&r);
}

/* The same guest twice: the same instruction count and the same console, timer values included. */
Test(guests, deterministic)
{
	struct run_result a, b;

	run_guest("timer.elf", NULL, &a);
	run_guest("timer.elf", NULL, &b);
	cr_assert_eq(a.status, 0, "%s", a.notes);
	cr_assert_eq(a.insns, b.insns);
	cr_assert_gt(a.insns, 1000);
	cr_assert_str_eq(a.console, b.console);
	run_result_free(&a);
	run_result_free(&b);
}

/* Modelled system registers: CNTFRQ from the platform, counter from virtual time, MPIDR. */
Test(guests, system_registers)
{
	struct run_result r;
	unsigned long delta = 0;
	const char *d;

	run_guest("timer.elf", NULL, &r);
	expect_console(&r, "[host] cntfrq=62500000\n");
	expect_console(&r, "[host] mpidr=80000000\n");
	d = strstr(r.console, "delta=");
	cr_assert_not_null(d);
	delta = strtoul(d + 6, NULL, 10);
	/* 1000 loop iterations are a few thousand instructions: 62.5 ticks per 1000. */
	cr_assert(delta > 100 && delta < 2000, "delta %lu", delta);
	run_result_free(&r);
}

/* Stage-1 MMU with an identity map runs as on hardware. */
Test(guests, mmu_identity)
{
	struct run_result r;

	run_guest("mmu_identity.elf", NULL, &r);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	expect_console(&r, "[host] identity ok\n");
	run_result_free(&r);
}

/* A kernel-style TTBR1 map: data through the high alias is the same memory, code runs there. */
Test(guests, mmu_high_addresses)
{
	struct run_result r;

	run_guest("mmu_high.elf", NULL, &r);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	expect_console(&r, "[host] running high pc=ffff0000");
	expect_console(&r, "[host] high map ok\n");
	run_result_free(&r);
}

/*
 * The first touch of a virtual alias is an instruction fetch, then a DC ZVA: both work (they
 * crashed the emulator when the alias was mapped inside its fault path), as on QEMU.
 */
Test(guests, mmu_first_touch_fetch_and_dc_zva)
{
	struct run_result r;

	run_guest("mmu_fetch_first.elf", NULL, &r);
	cr_assert_eq(r.status, 0, "%s%s", r.console, r.notes);
	cr_assert_not_null(strstr(r.console, "fetched first at its alias: pc high"), "%s",
			   r.console);
	cr_assert_not_null(strstr(r.console, "dc zva first: 0 0"), "%s", r.console);
	run_result_free(&r);
}

/* Runs guest, which must exit with status 0 having printed exactly console. */
static void expect_guest_prints(const char *guest, const char *console)
{
	struct run_result r;

	run_guest(guest, NULL, &r);
	cr_assert_eq(r.status, 0, "%s: status %d\n%s%s", guest, r.status, r.console, r.notes);
	cr_assert_str_eq(r.console, console);
	run_result_free(&r);
}

/*
 * The SDK's printf and snprintf, conversion by conversion (tests/guests/printf_formats.c):
 * what C's printf prints for the same formats but for %p of NULL ("0x0"), with snprintf's
 * length and its truncation. The formatter keeps its length and digits in registers, not in
 * memory; it printed the same before.
 */
Test(guests, printf_formats)
{
	expect_guest_prints(
		"printf_formats.elf",
		"[host] [0] [42] [-42] [-2147483648]|28|[0] [42] [-42] [-2147483648]|\n"
		"[host] [0] [4294967295] [18446744073709551615]|39|[0] [4294967295] "
		"[18446744073709551615]|\n"
		"[host] [-9223372036854775808] [9223372036854775807]|44|[-9223372036854775808] "
		"[9223372036854775807]|\n"
		"[host] [0] [ABCDEF] [123456789abcdef] [FEDCBA9876543210]|49|[0] [ABCDEF] "
		"[123456789abcdef] [FEDCBA9876543210]|\n"
		"[host] [0000000000001234] [0000beef] [05] [abc]|40|[0000000000001234] [0000beef] "
		"[05] [abc]|\n"
		"[host] [   42] [42   ] [-0042] [-42 ]|30|[   42] [42   ] [-0042] [-42 ]|\n"
		"[host] [     7] [7     ] [7     ]|26|[     7] [7     ] [7     ]|\n"
		"[host] [abc] [     abc] [abc     ] [abcdef]|36|[abc] [     abc] [abc     ] "
		"[abcdef]|\n"
		"[host] [ok] [  x] [y  ]|16|[ok] [  x] [y  ]|\n"
		"[host] [0x0] [0x40200000]|18|[0x0] [0x40200000]|\n"
		"[host] [123456789] [65535] [ff]|24|[123456789] [65535] [ff]|\n"
		"[host] [%] [100%] [%7%]|16|[%] [100%] [%7%]|\n"
		"[host] [9] [10] [10000000000000000000]|31|[9] [10] [10000000000000000000]|\n"
		"[host] truncated: 12 [abcd]\n"
		"[host] size 0: 5\n");
}

/* 2,000 single pages at virtual addresses of their own (the aliases were once capped at 64). */
Test(guests, mmu_thousands_of_pages)
{
	expect_guest_prints("mmu_many.elf",
			    "[host] 2000 pages written through their own virtual addresses\n");
}

/*
 * Tables changing under TLB maintenance: a moved page shows its new physical page, never the
 * old one; two address spaces switched 1,000 times each see their own page; a page mapped
 * again elsewhere. The lines are QEMU's (virt, cortex-a72) for the same guest.
 */
Test(guests, mmu_remap_and_address_space_switch)
{
	expect_guest_prints("mmu_remap.elf", "[host] before the move: aaaa\n"
					     "[host] after the move: bbbb\n"
					     "[host] write through the moved page reaches B: bbbc\n"
					     "[host] 1000 address-space switches, 0 wrong reads\n"
					     "[host] remapped 1 GiB higher: aaaa\n");
}

/*
 * Synchronous exceptions at EL1 go to the guest's own vectors (--exceptions auto, VBAR_EL1 set)
 * with ESR, FAR, ELR and SPSR as the architecture has them: the lines are QEMU's (virt,
 * cortex-a72) for the same image, word for word.
 */
Test(guests, exceptions_delivered_as_on_qemu)
{
	expect_guest_prints("exc_el1.elf",
			    "[host] svc #0x12:\n"
			    "[host]   group 1 ESR 56000012 ELR at+4 SPSR 800003c5\n"
			    "[host] brk #0x34:\n"
			    "[host]   group 1 ESR f2000034 ELR at+0 SPSR 800003c5\n"
			    "[host] udf #7:\n"
			    "[host]   group 1 ESR 02000000 ELR at+0 SPSR 800003c5\n"
			    "[host] load, level 0 translation fault:\n"
			    "[host]   group 1 ESR 96000004 ELR at+0 SPSR 800003c5 FAR 8000000018\n"
			    "[host] load, level 3 translation fault:\n"
			    "[host]   group 1 ESR 96000007 ELR at+0 SPSR 800003c5 FAR 10000001020\n"
			    "[host] store to a read-only page:\n"
			    "[host]   group 1 ESR 9600004f ELR at+0 SPSR 800003c5 FAR 10000002008\n"
			    "[host] load from a page without the access flag:\n"
			    "[host]   group 1 ESR 9600000b ELR at+0 SPSR 800003c5 FAR 10000003000\n"
			    "[host] read-only page still readable: 0\n"
			    "[host] instruction abort, level 0:\n"
			    "[host]   group 1 ESR 86000004 ELR at+0 SPSR 800003c5 FAR 8000000040\n"
			    "[host] 8 exceptions taken; value 0\n");
}

/*
 * Exceptions from EL0 go to EL1's lower-EL vectors (group 2) with the lower-EL classes for
 * aborts (0x20, 0x24) and EL0's PSTATE in SPSR; the timer's IRQ is taken from EL0 where the
 * program waits. The lines are QEMU's (virt, cortex-a72) for the same image, word for word.
 */
Test(guests, el0_exceptions_delivered_as_on_qemu)
{
	expect_guest_prints(
		"exc_el0.elf",
		"[host] EL0: svc, brk, udf, 5 data aborts, 2 instruction aborts, PC alignment, "
		"IRQ, "
		"exit:\n"
		"[host]   group 2 ESR 56000012 ELR +28 SPSR 00000000\n"
		"[host]   group 2 ESR f2000034 ELR +28 SPSR 00000000\n"
		"[host]   group 2 ESR 02000000 ELR +2c SPSR 00000000\n"
		"[host]   group 2 ESR 92000004 ELR +30 SPSR 00000000 FAR 8000000018\n"
		"[host]   group 2 ESR 92000007 ELR +34 SPSR 00000000 FAR 10000002020\n"
		"[host]   group 2 ESR 9200004f ELR +38 SPSR 00000000 FAR 10000003008\n"
		"[host]   group 2 ESR 9200000f ELR +3c SPSR 00000000 FAR 10000004000\n"
		"[host]   group 2 ESR 9200000b ELR +40 SPSR 00000000 FAR 10000005000\n"
		"[host]   group 2 ESR 8200000f ELR +6000 SPSR 00000000 FAR 10000006000\n"
		"[host]   group 2 ESR 82000004 ELR +ffffff8000000040 SPSR 00000000 FAR 8000000040\n"
		"[host]   group 2 ESR 8a000000 ELR +2 SPSR 00000000 FAR 10000000002\n"
		"[host]   group 2 ESR 56000020 ELR +5c SPSR 00000000\n"
		"[host]   IRQ: group 2 SPSR 00000000 ELR in the wait loop: yes\n"
		"[host]   group 2 ESR 560000ff ELR +68 SPSR 00000000\n"
		"[host] back at EL1; 13 exceptions taken; EL0 read 0 from its read-only page\n");
}

/* The same image under --exceptions report: its first SVC ends the run as a fault report. */
Test(guests, exceptions_reported_when_asked)
{
	struct sim_config cfg = {.exceptions = EMU_EXC_REPORT};
	struct run_result r;

	run_guest("exc_el1.elf", &cfg, &r);
	cr_assert_eq(r.status, 3, "%s", r.notes);
	cr_assert_eq(r.stop.fault, EMU_FAULT_SVC, "%s", r.notes);
	expect_console(&r, "[host] svc #0x12:\n");
	run_result_free(&r);
}

/* Entry at EL1 non-secure by default: CurrentEL reads 1 and SCR_EL3.NS is set. */
Test(guests, entry_el1_non_secure)
{
	struct sim_config cfg = {0};
	struct sim *sim = calloc(1, sizeof(*sim));
	struct diag err;
	FILE *con = tmpfile(), *notes = tmpfile();
	char buf[256] = {0};

	cfg.guest_path = guest_path("el_check.elf");
	cfg.console_out = con;
	cfg.notes = notes;
	cr_assert(sim_open(sim, &cfg, &err), "%s", err.msg);
	cr_assert_eq(sim_run(sim), 0);
	cr_assert_eq(emu_cpu_read_sysreg(&sim->host, 3, 6, 1, 1, 0) & 1, 1, "SCR_EL3.NS");
	sim_close(sim);
	free(sim);
	rewind(con);
	cr_assert_gt(fread(buf, 1, sizeof(buf) - 1, con), 0);
	cr_assert_str_eq(buf, "[host] currentel=1\n[host] el1 ok\n");
	fclose(con);
	fclose(notes);
}

/* Entry at EL2 (--el 2): CurrentEL reads 2 and EL2 registers are usable. */
Test(guests, entry_el2)
{
	struct sim_config cfg = {.entry_el = 2};
	struct run_result r;

	run_guest("el_check.elf", &cfg, &r);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	expect_console(&r, "[host] currentel=2\n");
	expect_console(&r, "[host] vbar_el2=40000800\n");
	expect_console(&r, "[host] hcr_el2=80000000\n");
	run_result_free(&r);
}

/* Boot from flash at 0x0: the guest finds RAM and the UART in the generated device tree. */
Test(guests, flash_boot_reads_device_tree)
{
	struct sim_config cfg = {.load_addr_set = true, .load_addr = 0};
	struct run_result r;

	run_guest("dtb_flash.elf", NULL, &r);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_assert_str_eq(r.console, "[host] dt ram=40000000 size=40000000 uart=9000000\n");
	run_result_free(&r);
	/* The raw image, as QEMU's -bios takes it. */
	run_guest("dtb_flash.bin", &cfg, &r);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_assert_str_eq(r.console, "[host] dt ram=40000000 size=40000000 uart=9000000\n");
	run_result_free(&r);
}

/* A raw binary loaded into RAM at --load-addr starts there. */
Test(guests, raw_binary_in_ram)
{
	struct sim_config cfg = {.load_addr_set = true, .load_addr = 0x40200000};
	struct run_result r;

	run_guest("hello.bin", &cfg, &r);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_assert_str_eq(r.console, "[host] hello from guest\n");
	run_result_free(&r);
}

/* A store to flash is ignored, as QEMU's virt flash in read-array mode ignores data writes: no
 * fault, and the flash reads as before. */
Test(guests, flash_write_ignored)
{
	struct sim_config cfg = {0};
	struct run_result r;

	run_guest("flash_write.elf", &cfg, &r);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_assert_str_eq(r.console, "[host] about to write\n[host] flash reads 0x0\n");
	run_result_free(&r);
}

/* A boot loader running from flash writes to its .data, still in flash: the writes change
 * nothing and the run goes on, as on QEMU (-M virt -cpu cortex-a72 -bios flash_data.bin prints
 * the same two lines). The raw image at load address 0x0 and the ELF run alike. */
Test(guests, flash_data_writes_ignored)
{
	/* Where .data lies in flash depends on the SDK's size: only the second line is fixed. */
	static const char want[] = "[host] flash word 0x600df00d, pair 0x1111111111111111 "
				   "0x2222222222222222, byte 0x5a: unchanged\n";
	struct sim_config cfg = {.load_addr_set = true, .load_addr = 0x0};
	struct run_result r;

	run_guest("flash_data.bin", &cfg, &r);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_assert_eq(strncmp(r.console, "[host] flash data at 0x", 23), 0, "%s", r.console);
	cr_assert_not_null(strstr(r.console, want), "%s", r.console);
	run_result_free(&r);
	memset(&cfg, 0, sizeof(cfg));
	run_guest("flash_data.elf", &cfg, &r);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_assert_not_null(strstr(r.console, want), "%s", r.console);
	run_result_free(&r);
}

/* Another board's map from a platform file, no code change: the FVP Base map's DRAM and UART. */
Test(guests, fvp_platform_file)
{
	struct sim_config cfg = {.platform_path = source_path("platforms/fvp-base.yaml")};
	struct run_result r;

	run_guest("dt_info_fvp.elf", &cfg, &r);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_assert_str_eq(r.console, "[host] dt ram=80000000 size=7f000000 uart=1c090000\n");
	run_result_free(&r);
}

/* A platform's device window with fixed read values: each register at its width and in
 * parts, writes ignored, the rest zero. */
Test(guests, device_fixed_reads)
{
	struct sim_config cfg = {.platform_path =
					 source_path("tests/data/platform/device_reads.yaml")};
	struct run_result r;

	run_guest("device_reads.elf", &cfg, &r);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_assert_str_eq(r.console, "[host] id 0x12345678\n"
				    "[host] wide 0x123456789abcdef\n"
				    "[host] byte 0xab\n"
				    "[host] half 0x1234\n"
				    "[host] low byte of wide 0xef\n"
				    "[host] after write 0x12345678\n"
				    "[host] unset 0x0\n");
	run_result_free(&r);
}

/* A UUID no partition has: a note with the UUID in both spellings and the partition that has
 * the other one; the fault report's call log shows both spellings too. */
Test(guests, uuid_both_spellings)
{
	struct sim_config cfg = {0};
	struct run_result r;

	run_guest("uuid_spelling.elf", &cfg, &r);
	cr_assert_eq(r.status, 3, "%s", r.notes);
	expect_console(&r, "[host] u-boot spelling: x0=0x84000060 w2=-2\n");
	expect_console(&r, "[host] linux spelling: x0=0x84000061 count=1\n");
	expect_notes(&r,
		     "ffa-sim: note: host: uuid: FFA_PARTITION_INFO_GET: no partition with UUID "
		     "e2b4c3b1-8f5c-614e-2a9d-451d3c6a0f7e (U-Boot spelling: "
		     "b1c3b4e2-5c8f-4e61-9d2a-7e0f6a3c1d45)\n");
	expect_notes(&r, "ffa-sim: note: host: uuid: partition \"echo\" has the other spelling");
	expect_notes(&r, "-> x0=0x84000060 uuid e2b4c3b1-8f5c-614e-2a9d-451d3c6a0f7e (U-Boot "
			 "spelling: b1c3b4e2-5c8f-4e61-9d2a-7e0f6a3c1d45)\n");
	expect_notes(&r, "-> x0=0x84000061 uuid b1c3b4e2-5c8f-4e61-9d2a-7e0f6a3c1d45 (U-Boot "
			 "spelling: e2b4c3b1-8f5c-614e-2a9d-451d3c6a0f7e)\n");
	/* Only one note: the UUID the partition has is not noted. */
	cr_assert_null(
		strstr(strstr(r.notes, "no partition with UUID") + 1, "no partition with UUID"),
		"%s", r.notes);
	run_result_free(&r);
}

/* --dtb passes the user's tree instead of the generated one: the guest reads its values. */
Test(guests, user_device_tree)
{
	struct sim_config cfg = {0};
	struct run_result r;
	char dts[] = "/tmp/ffa-sim-test-dts-XXXXXX", cmd[256];
	static char dtb[64];
	FILE *f;
	int fd = mkstemp(dts);

	cr_assert(fd >= 0);
	f = fdopen(fd, "w");
	fputs("/dts-v1/;\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n"
	      "\tmemory@40000000 { device_type = \"memory\"; reg = <0 0x40000000 0 0x8000000>; };\n"
	      "\tpl011@9000000 { compatible = \"arm,pl011\", \"arm,primecell\";"
	      " reg = <0 0x9000000 0 0x1000>; };\n};\n",
	      f);
	fclose(f);
	snprintf(dtb, sizeof(dtb), "%s.dtb", dts);
	snprintf(cmd, sizeof(cmd), "dtc -q -I dts -O dtb -o %s %s", dtb, dts);
	cr_assert_eq(system(cmd), 0, "dtc failed");
	cfg.dtb_path = dtb;
	run_guest("dtb_flash.elf", &cfg, &r);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_assert_str_eq(r.console, "[host] dt ram=40000000 size=8000000 uart=9000000\n");
	run_result_free(&r);
	/* A file that is not a flattened tree is an input error naming it. */
	cfg.dtb_path = dts;
	run_guest("dtb_flash.elf", &cfg, &r);
	cr_assert_eq(r.status, 2);
	cr_assert_not_null(strstr(r.notes, "not a flattened device tree"), "%s", r.notes);
	cr_assert_not_null(strstr(r.notes, dts));
	run_result_free(&r);
	unlink(dts);
	unlink(dtb);
}

/* The generated tree goes to the start of RAM, or past an image that would overlap it. */
Test(guests, device_tree_placement)
{
	struct sim *sim = calloc(1, sizeof(*sim));
	struct sim_config cfg = {.load_addr_set = true, .load_addr = 0x40000000};
	struct diag err;

	cfg.guest_path = guest_path("hello.elf");
	cr_assert(sim_open(sim, &cfg, &err), "%s", err.msg);
	cr_assert_eq(sim->dtb_addr, 0x40000000);
	sim_close(sim);
	/* hello.bin loaded at the start of RAM: the tree moves past it, to a 64 KiB boundary. */
	cfg.guest_path = guest_path("hello.bin");
	cr_assert(sim_open(sim, &cfg, &err), "%s", err.msg);
	cr_assert_gt(sim->dtb_addr, sim->image.high - 1);
	cr_assert_eq(sim->dtb_addr & 0xffff, 0);
	cr_assert_eq(sim->host.smc.fn != NULL, true);
	sim_close(sim);
	free(sim);
}

/* An SPMC whose every answer is FFA_VERSION's 1.2 with a stray x3 (x1-x7 must be zero). */
static void leaky_spmc(void *ctx, const struct emu_call *call, struct emu_call_decision *d)
{
	(void)ctx;
	(void)call;
	d->rule.ffa_version = 0x10002;
	d->res.x[0] = 0x10002;
	d->res.x[3] = 0x1234;
}

/* Runs an FF-A guest against an SPMC whose answers break the rules. */
static void run_leaky(bool strict, struct run_result *r)
{
	struct sim_config cfg = {.strict = strict};
	struct sim *sim = calloc(1, sizeof(*sim));
	struct diag err;
	FILE *con, *notes;

	memset(r, 0, sizeof(*r));
	con = open_memstream(&r->console, &r->console_len);
	notes = open_memstream(&r->notes, &r->notes_len);
	cfg.console_out = con;
	cfg.notes = notes;
	cfg.guest_path = guest_path("ffa_discovery_v1_2.elf");
	cr_assert(sim_open(sim, &cfg, &err), "%s", err.msg);
	sim->fw.ffa = (struct emu_call_target){leaky_spmc, NULL};
	r->status = sim_run(sim);
	r->stop = sim->host.stop;
	sim_close(sim);
	free(sim);
	fclose(con);
	fclose(notes);
}

/* The conformance checker reports a broken answer as a warning with its rule and section. */
Test(guests, conformance_warning)
{
	struct run_result r;

	run_leaky(false, &r);
	cr_assert_neq(r.stop.kind, EMU_STOP_CHECK, "%s", r.notes);
	expect_notes(&r,
		     "ffa-sim: conformance: FFA_VERSION (SMC) answer: x3 must be zero, is 0x1234");
	expect_notes(&r, "DEN0077A");
	run_result_free(&r);
}

/* --strict ends the run at the first violation with status 5. */
Test(guests, conformance_strict)
{
	struct run_result r;

	run_leaky(true, &r);
	cr_assert_eq(r.status, 5, "%s", r.notes);
	cr_assert_eq(r.stop.kind, EMU_STOP_CHECK);
	expect_notes(&r, "conformance violation (--strict)");
	run_result_free(&r);
}

/*
 * A simulation opened without a guest (as scenario sessions open theirs) has its SPMC with the
 * echo partition; running it is refused with a note, not a run of whatever is in memory.
 */
Test(guests, open_without_guest)
{
	struct sim_config cfg = {0};
	struct sim *sim = calloc(1, sizeof(*sim));
	struct run_result r;
	struct diag err = {0};

	cr_assert_not_null(sim);
	cfg.console_out = cfg.notes = fopen("/dev/null", "w");
	cr_assert_not_null(cfg.notes);
	cr_assert(sim_open(sim, &cfg, &err), "%s", err.msg);
	cr_expect_not(sim->has_guest);
	cr_expect(sim->spmc_enabled);
	cr_expect_not_null(spmc_find_endpoint(&sim->spmc, SIM_ECHO_ID));
	sim_close(sim);
	free(sim);
	fclose(cfg.notes);
	run_guest(NULL, NULL, &r);
	cr_assert_eq(r.status, EMU_STATUS_USAGE, "%s", r.notes);
	cr_expect_eq(r.insns, 0);
	expect_notes(&r, "ffa-sim: host: no guest to run");
	run_result_free(&r);
}

/* The "counter waits skipped N (M instructions)" figures of a --stats line. */
static void stats_skips(const struct run_result *r, unsigned long long *skips,
			unsigned long long *insns)
{
	const char *s = strstr(r->notes, "counter waits skipped ");

	cr_assert_not_null(s, "no skip figures in: %s", r->notes);
	cr_assert_eq(sscanf(s, "counter waits skipped %llu (%llu instructions)", skips, insns), 2,
		     "%s", s);
}

/* A virt without a GIC, its counter at 1 GHz (one tick a nanosecond), cpi cycles an instruction. */
static const char *cpi_platform(unsigned cpi)
{
	char text[512];
	int n = snprintf(text, sizeof(text),
			 "name: virt-cpi\ncntfrq: 1000000000\ncycles-per-instruction: %u\n"
			 "memory:\n  - {name: ram, kind: ram, base: 0x40000000, size: 64M}\n"
			 "uarts:\n  - {name: uart0, base: 0x09000000, irq: 1, clock: 24000000}\n",
			 cpi);

	return write_temp(text, (size_t)n);
}

/* Runs cpi_count.elf at cpi cycles an instruction with the FF-A trace on stderr. */
static void run_cpi(struct run_result *r, unsigned cpi, bool skip)
{
	const char *platform = cpi_platform(cpi);

	if (skip)
		run_cli(r, "run", "--platform", platform, "--trace", "ffa",
			guest_path("cpi_count.elf"), NULL);
	else
		run_cli(r, "run", "--platform", platform, "--trace", "ffa", "--no-idle-skip",
			guest_path("cpi_count.elf"), NULL);
	cr_assert_eq(r->status, 0, "%s", r->notes);
}

/*
 * The cycle model's cycles per instruction: 2,002 instructions are 2,002 ns at 1 and 6,006 at
 * 3, the counter read at a given instruction scales with it, a counter wait ends on the same
 * tick with and without the fast-forward, and the FF-A trace puts the call at the clock's time.
 */
Test(guests, cycles_per_instruction, .timeout = 60)
{
	struct run_result r1, r3, r3slow;

	run_cpi(&r1, 1, true);
	expect_console(&r1, "[host] before=60 after=2062 diff=2002\n");
	/* The SDK's wait ends on the first read at or past 5,000 ticks, read again after it. */
	expect_console(&r1, "[host] waited=5012\n");
	cr_expect(strstr(r1.notes, "      9461       9461 cpu0 host (0x0000) -> SPMC (0x8000): "
				   "FFA_VERSION") != NULL,
		  "%s", r1.notes);
	run_cpi(&r3, 3, true);
	expect_console(&r3, "[host] before=180 after=6186 diff=6006\n");
	/* Three times the nanoseconds a pass, and after it. */
	expect_console(&r3, "[host] waited=5031\n");
	cr_expect(strstr(r3.notes, "     18456      18456 cpu0 host (0x0000) -> SPMC (0x8000): "
				   "FFA_VERSION") != NULL,
		  "%s", r3.notes);
	run_cpi(&r3slow, 3, false);
	cr_expect_str_eq(r3slow.console, r3.console);
	cr_expect_str_eq(r3slow.notes, r3.notes);
	run_result_free(&r1);
	run_result_free(&r3);
	run_result_free(&r3slow);
}

/*
 * Counter waits: fast-forwarded, the guest sees the same counter values and the run counts the
 * same instructions as when every pass is emulated, the wait that stores included.
 */
Test(guests, counter_wait_skip_is_exact, .timeout = 120)
{
	struct sim_config on = {0}, off = {.no_idle_skip = true};
	struct run_result a, b;

	run_guest("counter_wait.elf", &on, &a);
	run_guest("counter_wait.elf", &off, &b);
	cr_assert_eq(a.status, 0, "%s", a.notes);
	cr_assert_eq(b.status, 0, "%s", b.notes);
	cr_assert_str_eq(a.console, b.console);
	cr_assert_eq(a.insns, b.insns);
	/* 62,500 ticks a millisecond on virt; each wait ends on the first read past its time. */
	expect_console(&a, "[host] cntvct deadline 62500 ticks: waited 62500\n");
	expect_console(&a, "[host] cntpct elapsed 625000 ticks: waited 625000\n");
	expect_console(&a, "[host] cntvct signed 125000 ticks: waited 125000\n");
	expect_console(&a, "[host] cntvct storing 62500 ticks: waited 62500, last stored after the "
			   "deadline\n");
	/* 4 instructions a pass: 1 ms is 250,000 passes, less the part of the first before it. */
	expect_console(&a, "[host] cntvct counting 62500 ticks: waited 62500 in 249999 passes\n");
	/* 13 ms of virtual time at one instruction a nanosecond. */
	cr_assert_geq(a.insns, 13000000);
	run_result_free(&a);
	run_result_free(&b);
}

/* Four of the five waits are skipped (the one that stores the count to RAM before its exit
 * test too, as U-Boot's udelay does); the counting one is emulated; --no-idle-skip skips none. */
Test(guests, counter_wait_skips_counted, .timeout = 120)
{
	struct run_result r;
	unsigned long long skips, insns;

	run_cli(&r, "run", "--stats", guest_path("counter_wait.elf"), NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	stats_skips(&r, &skips, &insns);
	cr_assert_eq(skips, 4);
	/* 1 + 10 + 2 + 1 ms skipped, short of the few passes before each skip and at its end. */
	cr_assert_gt(insns, 13900000);
	cr_assert_lt(insns, 14000000);
	run_result_free(&r);
	run_cli(&r, "run", "--stats", "--no-idle-skip", guest_path("counter_wait.elf"), NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	stats_skips(&r, &skips, &insns);
	cr_assert_eq(skips, 0);
	cr_assert_eq(insns, 0);
	run_result_free(&r);
}

/*
 * U-Boot's udelay shape (a call to a reader that stores the count to RAM) is fast-forwarded
 * with the same output, memory and instruction count as when emulated; the waits that store to
 * flash, load, or store after the exit test are not skipped.
 */
Test(guests, udelay_shape_skipped, .timeout = 120)
{
	struct run_result on, off;
	unsigned long long skips, insns;

	run_cli(&on, "run", "--stats", guest_path("udelay_wait.elf"), NULL);
	cr_assert_eq(on.status, 0, "%s", on.notes);
	run_cli(&off, "run", "--stats", "--no-idle-skip", guest_path("udelay_wait.elf"), NULL);
	cr_assert_eq(off.status, 0, "%s", off.notes);
	cr_assert_str_eq(on.console, off.console);
	expect_console(&on, "[host] uboot: waited 62502, stored 62507 (the last count)\n");
	expect_console(&on, "[host] flash: waited 62502\n");
	expect_console(&on, "[host] counting: waited 62502 in 111113 passes\n");
	expect_console(&on, "[host] late store: waited 62500, stored 250208\n");
	cr_assert(strstr(on.notes, "host: instructions 4004502,") != NULL, "%s", on.notes);
	cr_assert(strstr(off.notes, "host: instructions 4004502,") != NULL, "%s", off.notes);
	/* One wait skipped: the U-Boot one, 1 ms of 7-instruction passes. */
	stats_skips(&on, &skips, &insns);
	cr_assert_eq(skips, 1);
	cr_assert_gt(insns, 990000);
	stats_skips(&off, &skips, &insns);
	cr_assert_eq(skips, 0);
	run_result_free(&on);
	run_result_free(&off);
}

/* --max-insns inside a skipped wait ends the run at the same instruction as without the skip. */
Test(guests, counter_wait_skip_stops_at_limit, .timeout = 120)
{
	struct sim_config on = {.max_insns = 5000000},
			  off = {.max_insns = 5000000, .no_idle_skip = true};
	struct run_result a, b;

	/* 5 ms in: inside the 10 ms wait on CNTPCT. */
	run_guest("counter_wait.elf", &on, &a);
	run_guest("counter_wait.elf", &off, &b);
	cr_assert_eq(a.status, 3, "%s", a.notes);
	cr_assert_eq(a.stop.fault, EMU_FAULT_INSN_LIMIT);
	cr_assert_eq(b.stop.fault, EMU_FAULT_INSN_LIMIT);
	cr_assert_eq(a.insns, b.insns);
	cr_assert_eq(a.stop.pc, b.stop.pc);
	cr_assert_str_eq(a.console, b.console);
	run_result_free(&a);
	run_result_free(&b);
}

/* 1.3 s of virtual time waiting on the counter runs in well under a second of CPU. */
Test(guests, counter_wait_long_is_fast, .timeout = 60)
{
	struct run_result r;
	clock_t start = clock();

	run_guest("counter_wait_long.elf", NULL, &r);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	expect_console(&r, "[host] cntpct elapsed 62500000 ticks: waited 62500000\n");
	cr_assert_geq(r.insns, 1300000000);
	cr_assert_lt((double)(clock() - start) / CLOCKS_PER_SEC, 1.0);
	run_result_free(&r);
}

/* Runs a guest entered at EL2 (--el 2): it must exit with 0, print console word for word and
 * make no call to the firmware (its EL2 takes them all). */
static void expect_el2_guest(const char *elf, const char *console)
{
	struct sim_config cfg = {.entry_el = 2};
	struct run_result r;

	run_guest(elf, &cfg, &r);
	cr_assert_eq(r.status, 0, "%s\n%s", r.console, r.notes);
	cr_assert_str_eq(r.console, console, "%s", r.notes);
	cr_assert_eq(r.calls, 0, "no call reached the firmware");
	run_result_free(&r);
}

/*
 * A guest running its own EL2 (--el 2) takes its EL1's HVCs, and the SMCs HCR_EL2.TSC traps, at
 * its EL2 vectors, with the EL1 MMU off and on: ESR_EL2, ELR_EL2 and SPSR_EL2 are QEMU's (virt,
 * virtualization=on, cortex-a72) for the same image, word for word. The HVC with the EL1 MMU on
 * once crashed the simulator inside unicorn (the entry flushed every translated block from the
 * block hook that was running in one), as Linux's first hyp-stub call did.
 */
Test(guests, el2_takes_hvc_and_trapped_smc_as_on_qemu)
{
	expect_el2_guest(
		"el2_calls.elf",
		"[host] EL1, MMU off\n"
		"[host]   EL2 group 2 ESR_EL2 5a00005a ELR_EL2 at+4 SPSR_EL2 800003c5 x0 1\n"
		"[host] hvc #0x5a -> 600d0001\n"
		"[host] EL1, MMU on\n"
		"[host]   EL2 group 2 ESR_EL2 5a000000 ELR_EL2 at+4 SPSR_EL2 800003c5 x0 3\n"
		"[host] hvc #0 -> 600d0002\n"
		"[host]   EL2 group 2 ESR_EL2 5e000017 ELR_EL2 at+0 SPSR_EL2 800003c5 x0 "
		"84000063\n"
		"[host] smc #0x17 -> 600d0003\n"
		"[host]   EL2 group 2 ESR_EL2 5a001234 ELR_EL2 at+4 SPSR_EL2 800003c5 x0 4\n"
		"[host] hvc #0x1234 -> 600d0004\n"
		"[host] 4 exceptions taken at EL2; back at EL1\n");
}

/*
 * A guest running its own stage 2 (HCR_EL2.VM, VTTBR_EL2, VTCR_EL2), as pKVM does for its host:
 * EL1's loads and stores that stage 2 does not allow are taken to EL2 with ESR_EL2 (EC 0x24,
 * the instruction syndrome, the fault status and level of the stage-2 walk), FAR_EL2 (the
 * virtual address) and HPFAR_EL2 (the IPA's page); a stage-1 table walk that stage 2 does not
 * map is an instruction abort with S1PTW (EC 0x20). EL2 then unmaps the image's own block and
 * returns to EL0 in it: EL0's first fetch is an instruction abort taken straight to EL2
 * (82000006), although the engine's way up through EL1's vectors, in the same block, faults
 * too; HPFAR_EL2 is the fetch's (the vectors' page was reported before it was put back). EL0's
 * load from a hole is taken to EL2 as well (93c08006), and its SVC to EL1's vectors. Before,
 * the run ended with an internal error (status 4) at the first of these. Every line is QEMU's
 * (virt, virtualization=on, cortex-a72) for the same image but the S1PTW abort's fault level: QEMU
 * 7.2 reports the stage-1 level it was walking (0, ESR_EL2 82000084), the architecture the
 * level of the stage-2 walk that faulted (2; Arm ARM D8.3, "stage 2 fault on a stage 1
 * translation table walk"), which the simulator reports. Without the stage-2 syndrome the
 * first load was a fault report (status 3) at EL1.
 */
Test(guests, el2_stage2_aborts_as_on_qemu)
{
	expect_el2_guest(
		"el2_stage2.elf",
		"[host] EL1, stage 2 on, MMU off\n"
		"[host]   EL2 group 2 ESR_EL2 93c18006 FAR_EL2 44000010 HPFAR_EL2 440000\n"
		"[host] load from the hole -> 0\n"
		"[host]   EL2 group 2 ESR_EL2 93c2804e FAR_EL2 44200028 HPFAR_EL2 442000\n"
		"[host] store to the read-only block -> 5eed\n"
		"[host]   EL2 group 2 ESR_EL2 82000006 FAR_EL2 40207d50 HPFAR_EL2 402070\n"
		"[host]   EL2 group 2 ESR_EL2 93c08006 FAR_EL2 44600048 HPFAR_EL2 446000\n"
		"[host] EL0 SVC at EL1: group 2 ESR_EL1 56000000 x0 e10\n"
		"[host] EL1, MMU on\n"
		"[host]   EL2 group 2 ESR_EL2 93c28046 FAR_EL2 ffff000044400038 HPFAR_EL2 444000\n"
		"[host] store through TTBR1 to the hole -> cafe\n"
		"[host]   EL2 group 2 ESR_EL2 82000086 FAR_EL2 40207e54 HPFAR_EL2 402260\n"
		"[host] tables unmapped and back: 8 exceptions taken at EL2; back at EL1\n");
}

/*
 * With HCR_EL2.TGE set, EL0's SVC, BRK and undefined instruction are taken straight to EL2
 * (ESR_EL2 EC 0x15, 0x3c, 0x00; ELR_EL2 and SPSR_EL2 EL0's), word for word as on QEMU (virt,
 * virtualization=on, cortex-a72). Before, the SVC was a fault report: exceptions from EL0 went
 * to EL1 whatever HCR_EL2 said.
 */
Test(guests, el2_tge_takes_el0_exceptions_as_on_qemu)
{
	expect_el2_guest(
		"el2_tge.elf",
		"[host] EL2, TGE set: to EL0\n"
		"[host] EL2 group 2 ESR_EL2 56000012 ELR_EL2 user+8 SPSR_EL2 000003c0 x0 1\n"
		"[host] EL2 group 2 ESR_EL2 f2000034 ELR_EL2 user+c SPSR_EL2 000003c0 x0 2\n"
		"[host] EL2 group 2 ESR_EL2 02000000 ELR_EL2 user+14 SPSR_EL2 000003c0 x0 3\n"
		"[host] EL2 group 2 ESR_EL2 56000099 ELR_EL2 user+2c SPSR_EL2 000003c0 x0 5\n");
}

/* With HCR_EL2.TSC set but no EL2 vectors (--exceptions report), the trapped SMC is a fault
 * report naming the trap, never a call to the firmware. */
Test(guests, el2_trapped_smc_without_vectors_is_a_fault)
{
	struct sim_config cfg = {.entry_el = 2, .exceptions = EMU_EXC_REPORT};
	struct run_result r;

	run_guest("el2_calls.elf", &cfg, &r);
	cr_assert_eq(r.status, 3, "%s\n%s", r.console, r.notes);
	cr_assert_eq(r.stop.fault, EMU_FAULT_EXCEPTION, "%s", r.notes);
	cr_assert_not_null(strstr(r.stop.message, "HCR_EL2.TSC"), "%s", r.notes);
	cr_assert_eq(r.calls, 2, "the two HVCs went to the firmware: %s", r.notes);
	run_result_free(&r);
}
