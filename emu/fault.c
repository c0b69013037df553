/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The report printed when a guest faults: what happened and where, the instruction
 * disassembled, the registers, and the last calls the guest made.
 */
#include <capstone/capstone.h>
#include <inttypes.h>
#include <stdio.h>

#include "abi/ids.h"
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
	case EMU_FAULT_EXCEPTION:
		return "exception";
	case EMU_FAULT_INSN_LIMIT:
		return "instruction limit reached";
	case EMU_FAULT_HALT:
		return "halt";
	}
	return "?";
}

/* Disassembles the instruction at pc into buf ("<unreadable>" when it cannot be read). */
static void fault_disassemble(const struct emu_cpu *cpu, uint64_t pc, char *buf, size_t size)
{
	uint32_t insn;
	csh cs;
	cs_insn *dis;
	size_t n;

	if (!emu_cpu_read_virt(cpu, pc, &insn, sizeof(insn))) {
		snprintf(buf, size, "<unreadable>");
		return;
	}
	if (cs_open(CS_ARCH_ARM64, CS_MODE_ARM, &cs) != CS_ERR_OK) {
		snprintf(buf, size, ".inst 0x%08x", insn);
		return;
	}
	n = cs_disasm(cs, (const uint8_t *)&insn, sizeof(insn), pc, 1, &dis);
	if (n == 1) {
		snprintf(buf, size, "%08x  %s %s", insn, dis[0].mnemonic, dis[0].op_str);
		cs_free(dis, n);
	} else {
		snprintf(buf, size, "%08x  .inst 0x%08x (not an instruction)", insn, insn);
	}
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
	if (cpu->stop.address != 0 || cpu->stop.fault == EMU_FAULT_READ_UNMAPPED ||
	    cpu->stop.fault == EMU_FAULT_WRITE_UNMAPPED || cpu->stop.fault == EMU_FAULT_FETCH_UNMAPPED)
		fprintf(out, "  address: 0x%016" PRIx64 "\n", cpu->stop.address);
	fault_disassemble(cpu, cpu->stop.pc, dis, sizeof(dis));
	fprintf(out, "  pc:      0x%016" PRIx64 "  %s\n", cpu->stop.pc, dis);
	for (int i = 0; i < 31; i++) {
		fprintf(out, "%s%sx%-2d %016" PRIx64, i % 4 == 0 ? "  " : "", i % 4 == 0 ? "" : "  ", i,
			snap.x[i]);
		if (i % 4 == 3)
			fputc('\n', out);
	}
	fprintf(out, "  sp  %016" PRIx64 "\n", snap.sp);
	fprintf(out, "  pstate 0x%08" PRIx64 " (%s, %s)  instructions %" PRIu64 "\n", snap.pstate,
		fault_el_name(snap.pstate), cpu->secure ? "secure" : "non-secure",
		emu_cpu_insns(cpu));
	if (cpu->call_count == 0) {
		fprintf(out, "  last calls: none\n");
		return;
	}
	n = cpu->call_count < EMU_CALL_LOG_SIZE ? cpu->call_count : EMU_CALL_LOG_SIZE;
	first = cpu->call_count - n;
	fprintf(out, "  last calls (%u of %u):\n", n, cpu->call_count);
	for (unsigned i = first; i < cpu->call_count; i++) {
		const struct emu_call_record *rec = &cpu->calls[i % EMU_CALL_LOG_SIZE];

		ffa_fid_describe(rec->fid, name, sizeof(name));
		if (rec->answered)
			fprintf(out, "    #%u %s %s x1=0x%" PRIx64 " -> x0=0x%" PRIx64 "\n", i + 1,
				rec->conduit == FFA_CONDUIT_SMC ? "SMC" : "HVC", name, rec->x1,
				rec->ret0);
		else
			fprintf(out, "    #%u %s %s x1=0x%" PRIx64 " -> (no answer)\n", i + 1,
				rec->conduit == FFA_CONDUIT_SMC ? "SMC" : "HVC", name, rec->x1);
	}
}
