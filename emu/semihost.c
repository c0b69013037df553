/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Arm semihosting (Semihosting for AArch32 and AArch64, version 2.0, Arm IHI 0056) on AArch64:
 * HLT #0xF000 with the operation in w0 and its parameter in x1. Modelled: SYS_WRITEC,
 * SYS_WRITE0, SYS_WRITE to the console handles (at most 64 KiB a call), SYS_EXIT and
 * SYS_EXIT_EXTENDED. Every other operation answers -1 in x0, as an operation the host does
 * not support.
 */
#include <string.h>

#include "emu/internal.h"

#define SEMI_SYS_OPEN 0x01
#define SEMI_SYS_WRITEC 0x03
#define SEMI_SYS_WRITE0 0x04
#define SEMI_SYS_WRITE 0x05
#define SEMI_SYS_EXIT 0x18
#define SEMI_SYS_EXIT_EXTENDED 0x20
#define SEMI_ADP_STOPPED_APPLICATION_EXIT 0x20026u
/* SYS_WRITE0 strings longer than this are cut (a guest passing a wild pointer). */
#define SEMI_STRING_MAX 4096u
/* SYS_WRITE writes at most this much per call, read from the guest this much at a time. */
#define SEMI_WRITE_MAX 0x10000u
#define SEMI_WRITE_BLOCK 256u
#define SEMI_HANDLE_STDOUT 1
#define SEMI_HANDLE_STDERR 2

static void semihost_return(struct emu_cpu *cpu, uint64_t pc, uint64_t x0)
{
	uint64_t next = pc + 4;

	if (!emu_uc_ok(cpu, uc_reg_write(cpu->uc, UC_ARM64_REG_X0, &x0),
		       "writing x0 after semihosting"))
		return;
	/* Writing PC in the hook that stopped the run would lose the stop (unicorn 2.0.1). */
	if (cpu->stop.kind == EMU_STOP_NONE)
		emu_uc_ok(cpu, uc_reg_write(cpu->uc, UC_ARM64_REG_PC, &next),
			  "writing PC after semihosting");
}

static void semihost_putc(struct emu_cpu *cpu, uint8_t c)
{
	emu_console_putc(&cpu->console_line, c);
	if (cpu->console->watch_hit)
		emu_cpu_stop(cpu, EMU_STOP_CONSOLE, 0, "console printed \"%s\"",
			     cpu->console->watch);
}

static void semihost_exit(struct emu_cpu *cpu, uint64_t pc, uint64_t block, bool extended)
{
	uint8_t args[16]; /* {reason, subcode}, two little-endian 64-bit words */
	uint64_t reason;
	int status;

	if (!emu_cpu_read_virt(cpu, block, args, sizeof(args))) {
		emu_cpu_fault(cpu, EMU_FAULT_READ_UNMAPPED, block,
			      "semihosting %s: parameter block at unreadable address 0x%llx",
			      extended ? "SYS_EXIT_EXTENDED" : "SYS_EXIT",
			      (unsigned long long)block);
		cpu->stop.pc = pc;
		return;
	}
	/*
	 * On AArch64 both calls take {reason, subcode}: an application exit ends with the subcode
	 * as the status, any other reason with status 1 (as qemu-system-aarch64 -semihosting).
	 */
	reason = emu_le64(args);
	status = reason == SEMI_ADP_STOPPED_APPLICATION_EXIT ? (int)(emu_le64(args + 8) & 0xff) : 1;
	emu_cpu_stop(cpu, EMU_STOP_EXIT, status, "semihosting %s, status %d",
		     extended ? "SYS_EXIT_EXTENDED" : "SYS_EXIT", status);
	cpu->stop.pc = pc;
}

/*
 * SYS_WRITE's body: writes up to SEMI_WRITE_MAX bytes of the guest's buffer, read in blocks,
 * and stops at the first unreadable byte. Returns the bytes written; the call answers the
 * rest as not written, which callers of SYS_WRITE retry (IHI 0074, SYS_WRITE), so a wild
 * 64-bit length costs one bounded call instead of a byte-by-byte walk through memory.
 */
static uint64_t semihost_write(struct emu_cpu *cpu, uint64_t buf, uint64_t len)
{
	uint64_t todo = len < SEMI_WRITE_MAX ? len : SEMI_WRITE_MAX;
	uint8_t block[SEMI_WRITE_BLOCK];
	uint64_t done = 0;

	while (done < todo) {
		size_t n = todo - done < sizeof(block) ? (size_t)(todo - done) : sizeof(block);
		size_t ok = n;

		if (!emu_cpu_read_virt(cpu, buf + done, block, n)) {
			/* Part of the block is unreadable: keep the bytes before the first hole. */
			for (ok = 0;
			     ok < n && emu_cpu_read_virt(cpu, buf + done + ok, &block[ok], 1); ok++)
				;
		}
		for (size_t i = 0; i < ok; i++)
			semihost_putc(cpu, block[i]);
		done += ok;
		if (ok < n)
			break;
	}
	return done;
}

void emu_semihost(struct emu_cpu *cpu, uint64_t pc)
{
	uint64_t op = 0, param = 0, handle, buf, len;
	uint8_t args[24]; /* SYS_WRITE's {handle, buffer, length}, little-endian 64-bit words */
	uint8_t c;

	if (!emu_uc_ok(cpu, uc_reg_read(cpu->uc, UC_ARM64_REG_X0, &op),
		       "reading the semihosting operation (w0)") ||
	    !emu_uc_ok(cpu, uc_reg_read(cpu->uc, UC_ARM64_REG_X1, &param),
		       "reading the semihosting parameter (x1)"))
		return;
	switch ((uint32_t)op) {
	case SEMI_SYS_WRITEC:
		if (emu_cpu_read_virt(cpu, param, &c, 1))
			semihost_putc(cpu, c);
		semihost_return(cpu, pc, param);
		return;
	case SEMI_SYS_WRITE0:
		for (unsigned i = 0; i < SEMI_STRING_MAX; i++) {
			if (!emu_cpu_read_virt(cpu, param + i, &c, 1) || c == 0)
				break;
			semihost_putc(cpu, c);
		}
		semihost_return(cpu, pc, param);
		return;
	case SEMI_SYS_WRITE:
		/* {handle, buffer, length}: the console handles only; returns bytes not written. */
		if (!emu_cpu_read_virt(cpu, param, args, sizeof(args))) {
			semihost_return(cpu, pc, (uint64_t)-1);
			return;
		}
		handle = emu_le64(args);
		buf = emu_le64(args + 8);
		len = emu_le64(args + 16);
		if (handle != SEMI_HANDLE_STDOUT && handle != SEMI_HANDLE_STDERR) {
			semihost_return(cpu, pc, (uint64_t)-1);
			return;
		}
		semihost_return(cpu, pc, len - semihost_write(cpu, buf, len));
		return;
	case SEMI_SYS_EXIT:
		semihost_exit(cpu, pc, param, false);
		return;
	case SEMI_SYS_EXIT_EXTENDED:
		semihost_exit(cpu, pc, param, true);
		return;
	default:
		semihost_return(cpu, pc, (uint64_t)-1);
		return;
	}
}
