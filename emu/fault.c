/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The report printed when a guest faults: what happened and where, the instruction
 * disassembled, the registers, and the last calls the guest made.
 */
#include <capstone/capstone.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "abi/ids.h"
#include "abi/memtext.h"
#include "abi/uuid.h"
#include "emu/insn_hook.h"
#include "emu/internal.h"

const char *emu_fault_kind_name(enum emu_fault_kind fault)
{
	switch (fault) {
	case EMU_FAULT_NONE:
		return "none";
	case EMU_FAULT_READ_UNMAPPED:
		return "read of unmapped memory";
	case EMU_FAULT_WRITE_UNMAPPED:
		return "write to unmapped memory";
	case EMU_FAULT_FETCH_UNMAPPED:
		return "instruction fetch from unmapped memory";
	case EMU_FAULT_WRITE_PROT:
		return "write to read-only memory";
	case EMU_FAULT_FETCH_PROT:
		return "instruction fetch from non-executable memory";
	case EMU_FAULT_DATA_ABORT:
		return "data abort (translation fault)";
	case EMU_FAULT_INSN_ABORT:
		return "instruction abort (translation fault)";
	case EMU_FAULT_UNDEFINED:
		return "undefined instruction";
	case EMU_FAULT_BRK:
		return "breakpoint (BRK)";
	case EMU_FAULT_SVC:
		return "supervisor call (SVC) with no handler";
	case EMU_FAULT_HVC_UNROUTED:
		return "hypervisor call (HVC) with no handler";
	case EMU_FAULT_SMC_UNROUTED:
		return "secure monitor call (SMC) with no handler";
	case EMU_FAULT_EXCEPTION:
		return "exception";
	case EMU_FAULT_INSN_LIMIT:
		return "instruction limit reached";
	case EMU_FAULT_HALT:
		return "halt";
	case EMU_FAULT_PC_ALIGNMENT:
		return "PC alignment fault";
	case EMU_FAULT_DATA_ACCESS:
		return "data abort (no access to the page)";
	case EMU_FAULT_INSN_ACCESS:
		return "instruction abort (no access to the page)";
	}
	return "?";
}

bool emu_fault_is_access(enum emu_fault_kind fault)
{
	switch (fault) {
	case EMU_FAULT_READ_UNMAPPED:
	case EMU_FAULT_WRITE_UNMAPPED:
	case EMU_FAULT_FETCH_UNMAPPED:
	case EMU_FAULT_WRITE_PROT:
	case EMU_FAULT_FETCH_PROT:
	case EMU_FAULT_DATA_ABORT:
	case EMU_FAULT_INSN_ABORT:
	case EMU_FAULT_DATA_ACCESS:
	case EMU_FAULT_INSN_ACCESS:
		return true;
	default:
		return false;
	}
}

/* The value of a capstone register operand, or false when it is not a general register. */
static bool fault_reg_value(const struct emu_cpu *cpu, unsigned reg, uint64_t *value)
{
	int uc_reg;

	if (reg >= ARM64_REG_X0 && reg <= ARM64_REG_X28)
		uc_reg = UC_ARM64_REG_X0 + (int)(reg - ARM64_REG_X0);
	else if (reg == ARM64_REG_X29)
		uc_reg = UC_ARM64_REG_X29;
	else if (reg == ARM64_REG_X30)
		uc_reg = UC_ARM64_REG_X30;
	else if (reg == ARM64_REG_SP)
		uc_reg = UC_ARM64_REG_SP;
	else if (reg >= ARM64_REG_W0 && reg <= ARM64_REG_W28) {
		uint64_t v = 0;

		if (!emu_uc_ok(
			    cpu,
			    uc_reg_read(cpu->uc, UC_ARM64_REG_X0 + (int)(reg - ARM64_REG_W0), &v),
			    "reading a register for a fault report"))
			return false;
		*value = (uint32_t)v;
		return true;
	} else
		return false;
	return emu_uc_ok(cpu, uc_reg_read(cpu->uc, uc_reg, value),
			 "reading a register for a fault report");
}

/*
 * The address the load or store at pc accesses, from its base, index and offset registers as
 * they are now. False when pc holds no memory access of a form this understands.
 */
static bool fault_access_address(const struct emu_cpu *cpu, csh cs, uint64_t pc, uint64_t *addr)
{
	uint8_t bytes[4];
	cs_insn *dis;
	uint64_t base = 0, index = 0;
	bool found = false;

	if (!emu_cpu_read_virt(cpu, pc, bytes, sizeof(bytes)) ||
	    cs_disasm(cs, bytes, sizeof(bytes), pc, 1, &dis) != 1)
		return false;
	const cs_arm64 *a = &dis[0].detail->arm64;

	for (unsigned i = 0; i < a->op_count && !found; i++) {
		const cs_arm64_op *op = &a->operands[i];

		if (op->type != ARM64_OP_MEM || !fault_reg_value(cpu, op->mem.base, &base))
			continue;
		if (op->mem.index != ARM64_REG_INVALID &&
		    !fault_reg_value(cpu, op->mem.index, &index))
			break;
		if (op->shift.type == ARM64_SFT_LSL)
			index <<= op->shift.value;
		/* Post-indexed forms (an immediate operand after the memory one) access the base.
		 */
		*addr = base + index +
			(a->writeback && i + 1 < a->op_count ? 0 : (uint64_t)(int64_t)op->mem.disp);
		found = true;
	}
	cs_free(dis, 1);
	return found;
}

bool emu_fault_access(const struct emu_cpu *cpu, uint64_t pc, uint64_t *addr, bool *write)
{
	uint8_t bytes[4];
	cs_insn *dis;
	bool found;
	csh cs;

	if (cs_open(CS_ARCH_ARM64, CS_MODE_ARM, &cs) != CS_ERR_OK)
		return false;
	cs_option(cs, CS_OPT_DETAIL, CS_OPT_ON);
	found = fault_access_address(cpu, cs, pc, addr);
	*write = false;
	/* Stores (STR, STP, STUR, STLR, STXR ...) and DC ZVA write; loads and PRFM do not. */
	if (found && emu_cpu_read_virt(cpu, pc, bytes, sizeof(bytes)) &&
	    cs_disasm(cs, bytes, sizeof(bytes), pc, 1, &dis) == 1) {
		*write = strncmp(dis[0].mnemonic, "st", 2) == 0;
		cs_free(dis, 1);
	}
	if (!found && emu_cpu_read_virt(cpu, pc, bytes, sizeof(bytes)) &&
	    (emu_le32(bytes) & ~0x1fu) == EMU_INSN_DC_ZVA) {
		uint64_t v = 0;

		found = emu_uc_ok(
			cpu,
			uc_reg_read(cpu->uc, UC_ARM64_REG_X0 + (int)(emu_le32(bytes) & 0x1f), &v),
			"reading DC ZVA's address");
		*addr = v & ~(uint64_t)(EMU_DC_ZVA_BLOCK - 1);
		*write = true;
	}
	cs_close(&cs);
	return found;
}

void emu_fault_locate(struct emu_cpu *cpu)
{
	uint64_t end = cpu->block_addr + (cpu->insns - cpu->block_insns) * 4;
	uint64_t addr;
	csh cs;

	if (cs_open(CS_ARCH_ARM64, CS_MODE_ARM, &cs) != CS_ERR_OK)
		return;
	cs_option(cs, CS_OPT_DETAIL, CS_OPT_ON);
	if (cpu->stop.fault == EMU_FAULT_DATA_ABORT) {
		/* FAR_ELx reads 0 in unicorn 2.0.1: the PC is exact, work the address out. */
		if (fault_access_address(cpu, cs, cpu->stop.pc, &addr)) {
			cpu->stop.address = addr;
			snprintf(cpu->stop.message, sizeof(cpu->stop.message),
				 "data abort: translation fault at 0x%llx",
				 (unsigned long long)addr);
		}
	} else if (cpu->stop.pc >= cpu->block_addr && cpu->stop.pc < end) {
		/*
		 * The PC of an unmapped access is the block's last synchronised one: the faulting
		 * instruction is the first access at or after it that reaches the address.
		 */
		for (uint64_t pc = cpu->stop.pc; pc < end; pc += 4) {
			if (fault_access_address(cpu, cs, pc, &addr) && addr <= cpu->stop.address &&
			    cpu->stop.address - addr < 64) {
				cpu->stop.pc = pc;
				break;
			}
		}
	}
	cs_close(&cs);
}

/* Disassembles the instruction at pc into buf ("<unreadable>" when it cannot be read). */
static void fault_disassemble(const struct emu_cpu *cpu, uint64_t pc, char *buf, size_t size)
{
	uint8_t bytes[4];
	uint32_t insn;
	csh cs;

	if (pc % 4 != 0) {
		/* No instruction starts there: decoding the bytes would name a wrong one. */
		snprintf(buf, size, "<not 4-byte aligned>");
		return;
	}
	if (!emu_cpu_read_virt(cpu, pc, bytes, sizeof(bytes))) {
		snprintf(buf, size, "<unreadable>");
		return;
	}
	insn = emu_le32(bytes);
	if (cs_open(CS_ARCH_ARM64, CS_MODE_ARM, &cs) != CS_ERR_OK) {
		snprintf(buf, size, ".inst 0x%08x", insn);
		return;
	}
	emu_insn_format(cs, pc, insn, buf, size);
	cs_close(&cs);
}

static const char *fault_el_name(uint64_t pstate)
{
	static const char *const names[] = {"EL0t", "EL1t", "EL1h", "EL2t", "EL2h", "EL3t", "EL3h"};
	unsigned el = (unsigned)((pstate >> 2) & 3);
	unsigned sp = (unsigned)(pstate & 1);

	if (el == 0)
		return names[0];
	return names[(el - 1) * 2 + 1 + sp];
}

void emu_cpu_report(const struct emu_cpu *cpu, FILE *out)
{
	struct emu_cpu_snapshot snap;
	char dis[256], name[64];
	unsigned first, n;

	emu_cpu_snapshot(cpu, &snap);
	fprintf(out, "ffa-sim: %s: guest fault: %s\n", cpu->name,
		emu_fault_kind_name(cpu->stop.fault));
	fprintf(out, "  what:    %s\n", cpu->stop.message);
	if (emu_fault_is_access(cpu->stop.fault) &&
	    (cpu->stop.address != 0 || cpu->stop.fault != EMU_FAULT_DATA_ABORT))
		fprintf(out, "  address: 0x%016" PRIx64 "\n", cpu->stop.address);
	fault_disassemble(cpu, cpu->stop.pc, dis, sizeof(dis));
	fprintf(out, "  pc:      0x%016" PRIx64 "  %s\n", cpu->stop.pc, dis);
	for (int i = 0; i < 31; i++) {
		fprintf(out, "%s%sx%-2d %016" PRIx64, i % 4 == 0 ? "  " : "",
			i % 4 == 0 ? "" : "  ", i, snap.x[i]);
		if (i % 4 == 3)
			fputc('\n', out);
	}
	fprintf(out, "  sp  %016" PRIx64 "\n", snap.sp);
	fprintf(out, "  pstate 0x%08" PRIx64 " (%s, %s)  instructions %" PRIu64 "\n", snap.pstate,
		fault_el_name(snap.pstate), cpu->secure ? "secure" : "non-secure",
		emu_cpu_insns(cpu));
	/* The GIC's state when it has something to say: an interrupt in flight or waiting. */
	if (cpu->gic_port.gic != NULL &&
	    (emu_gic_running_priority(cpu->gic_port.gic, cpu->gic_port.pe) !=
		     EMU_GIC_IDLE_PRIORITY ||
	     emu_gic_highest_pending(cpu->gic_port.gic, cpu->gic_port.pe) != EMU_GIC_SPURIOUS))
		emu_gic_report(cpu->gic_port.gic, cpu->gic_port.pe, out);
	if (cpu->call_count == 0) {
		fprintf(out, "  last calls: none\n");
		return;
	}
	n = cpu->call_count < EMU_CALL_LOG_SIZE ? cpu->call_count : EMU_CALL_LOG_SIZE;
	first = cpu->call_count - n;
	fprintf(out, "  last calls (%u of %u):\n", n, cpu->call_count);
	for (unsigned i = first; i < cpu->call_count; i++) {
		const struct emu_call_record *rec = &cpu->calls[i % EMU_CALL_LOG_SIZE];

		const uint64_t x[5] = {rec->fid, rec->x1, rec->x2_4[0], rec->x2_4[1], rec->x2_4[2]};
		uint8_t uuid[FFA_UUID_SIZE];
		char both[FFA_UUID_BOTH_SIZE];

		ffa_fid_describe(rec->fid, name, sizeof(name));
		if (rec->answered)
			fprintf(out, "    #%u %s %s x1=0x%" PRIx64 " -> x0=0x%" PRIx64, i + 1,
				rec->conduit == FFA_CONDUIT_SMC ? "SMC" : "HVC", name, rec->x1,
				rec->ret0);
		else
			fprintf(out, "    #%u %s %s x1=0x%" PRIx64 " -> (no answer)", i + 1,
				rec->conduit == FFA_CONDUIT_SMC ? "SMC" : "HVC", name, rec->x1);
		/* The UUID a discovery or REQ2 call names, in both clients' spellings. */
		if (ffa_uuid_of_call(rec->fid, x, uuid))
			fprintf(out, " uuid %s", ffa_uuid_format_both(uuid, both, sizeof(both)));
		/* The handle a memory call names or gets back (FF-A v1.2 (DEN0077A) §10.2.1). */
		if (ffa_fid_is_mem(rec->fid)) {
			const struct ffa_value call = {
				{rec->fid, rec->x1, rec->x2_4[0], rec->x2_4[1], rec->x2_4[2]}};
			const struct ffa_value answer = {
				{rec->ret0, rec->ret1_3[0], rec->ret1_3[1], rec->ret1_3[2]}};
			uint64_t handle;

			if (ffa_mem_call_handle(&call, rec->answered ? &answer : NULL, &handle))
				fprintf(out, " handle 0x%016" PRIx64, handle);
		}
		fputc('\n', out);
	}
}
