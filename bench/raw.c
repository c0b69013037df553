/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The baseline of the benchmark: a guest ELF on a bare unicorn engine, entered the way ffa-sim
 * enters it, with an SMC hook that does the register work ffa-sim's trap path must do and
 * nothing else (batch-read the registers the call takes, answer, batch-write the ones it
 * returns: enum bench_regs). Whatever ffa-sim costs beyond this is the price of its own design.
 */
#include "bench.h"

#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicorn/unicorn.h>

#include "abi/fids.h"

#define RAW_RAM_BASE 0x40000000ull
#define RAW_RAM_SIZE (1ull << 30) /* as the virt platform */
#define RAW_UART_BASE 0x09000000ull
#define RAW_PAGE 0x1000ull
#define RAW_TRAMP 0x7ffffff000ull
#define RAW_MAX_FILE (64u << 20)

/* Entry state, as emu/cpu.c sets it: see docs/guest-abi.md. */
#define RAW_SCR_EL3_NS_HCE_RW 0x501u
#define RAW_SCR_EL3_HCE_RW 0x500u /* lower levels secure: a partition's S-EL1 */
#define RAW_HCR_EL2_RW (UINT64_C(1) << 31)
#define RAW_SPSR_EL1H 0x3c5u
#define RAW_INSN_ERET 0xd69f03e0u

/* unicorn 2.0.1 exception numbers for AArch64 (QEMU's EXCP_UDEF, EXCP_SMC). */
#define RAW_EXCP_UDEF 1u
#define RAW_EXCP_SMC 13u
#define RAW_INSN_HLT_SEMIHOST 0xd45e0000u

/* Semihosting (IHI 0056) operations that end the program, and the normal exit reason. */
#define RAW_SEMI_SYS_EXIT 0x18u
#define RAW_SEMI_SYS_EXIT_EXTENDED 0x20u
#define RAW_SEMI_APPLICATION_EXIT 0x20026u

/* The raw hook answers SMCCC_VERSION with SMCCC 1.2 (SMCCC (DEN0028) §7.2), FFA_VERSION with
 * 1.2, FFA_ID_GET with FFA_SUCCESS_32 and ID 0 (FF-A v1.2 (DEN0077A) §13.9), a DIRECT_REQ2 with
 * DIRECT_RESP2 carrying x4-x17 back (§15.5) and the rest with -1. */

#define RAW_CALL_REGS 18     /* x0-x17: what an SMCCC 1.2 callee may read */
#define RAW_RESULT_REGS 8    /* w0-w7: what it writes for an SMC32 call (SMCCC (DEN0028) §2.7) */
#define RAW_ID_GET_RESULTS 4 /* x0-x3: FFA_SUCCESS_32 with the ID in w2 */
#define RAW_FFA_V1_2 0x10002u

/*
 * The secure engine of the two-engine baseline (BENCH_REGS_TWO_ENGINE): one page of code where
 * ffa-sim loads the echo partition binary, entered at S-EL1. The first run goes from the entry
 * to the first SMC (the partition's boot); every request then resumes at the branch after it
 * and runs 4 instructions: b, add w0 (DIRECT_REQ2_64 + 1 = DIRECT_RESP2_64), ror w1 (sender and
 * receiver swapped), smc. x2-x17 go back as they came (x2-x3: the caller's null UUID).
 */
#define RAW_SP_BASE 0x0e100000ull
#define RAW_SP_RESUME (RAW_SP_BASE + 12u)
static const uint32_t raw_sp_code[] = {
	0x11000400u, /* add w0, w0, #1 */
	0x13814021u, /* ror w1, w1, #16 */
	0xd4000003u, /* smc #0 */
	0x17fffffdu, /* b . - 12 */
};

/* The secure engine. Its registers move through the normal engine's tables (struct raw). */
struct raw_sp {
	uc_engine *uc;
	bool trapped; /* the last run ended at its SMC */
	bool failed;
	const int *reg_ids;
	void *const *reg_ptrs;
};

struct raw {
	uc_engine *uc;
	uint8_t *ram;
	uint64_t insns;
	uint64_t smcs;
	int status;
	unsigned nread;  /* registers the hook reads, from x0 */
	unsigned nwrite; /* registers it writes back, from x0 */
	bool failed;
	struct diag *err;
	int reg_ids[RAW_CALL_REGS];
	void *reg_ptrs[RAW_CALL_REGS];
	uint64_t regs[RAW_CALL_REGS];
	struct raw_sp *sp; /* BENCH_REGS_TWO_ENGINE: the secure engine a request runs */
	struct raw_sp sp_engine;
};

bool bench_elf_read(const char *path, struct bench_elf *elf, struct diag *err)
{
	FILE *f = fopen(path, "rb");
	const Elf64_Ehdr *eh;
	long len;

	memset(elf, 0, sizeof(*elf));
	elf->path = path;
	if (f == NULL) {
		diag_set(err, path, 0, 0, "cannot open: %s", strerror(errno));
		return false;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    (unsigned long)len > RAW_MAX_FILE) {
		diag_set(err, path, 0, 0, "cannot read (or larger than 64 MiB)");
		fclose(f);
		return false;
	}
	elf->size = (size_t)len;
	elf->data = malloc(elf->size ? elf->size : 1);
	if (elf->data == NULL || fread(elf->data, 1, elf->size, f) != elf->size) {
		diag_set(err, path, 0, 0, "cannot read: %s", strerror(errno));
		fclose(f);
		bench_elf_free(elf);
		return false;
	}
	fclose(f);
	eh = (const Elf64_Ehdr *)elf->data;
	if (elf->size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_machine != EM_AARCH64 ||
	    eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phoff > elf->size ||
	    (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) > elf->size - eh->e_phoff) {
		diag_set(err, path, 0, 0, "not an AArch64 ELF64 executable");
		bench_elf_free(elf);
		return false;
	}
	elf->entry = eh->e_entry;
	return true;
}

void bench_elf_free(struct bench_elf *elf)
{
	free(elf->data);
	elf->data = NULL;
	elf->size = 0;
}

/* Section header i, or NULL when the table does not hold it. */
static const Elf64_Shdr *raw_section(const struct bench_elf *elf, unsigned i)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)elf->data;

	if (eh->e_shentsize != sizeof(Elf64_Shdr) || i >= eh->e_shnum || eh->e_shoff > elf->size ||
	    (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr) > elf->size - eh->e_shoff)
		return NULL;
	return (const Elf64_Shdr *)(elf->data + eh->e_shoff) + i;
}

bool bench_elf_symbol(const struct bench_elf *elf, const char *name, uint64_t *addr)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)elf->data;

	for (unsigned i = 0; i < eh->e_shnum; i++) {
		const Elf64_Shdr *sh = raw_section(elf, i);
		const Elf64_Shdr *str;
		const Elf64_Sym *syms;

		if (sh == NULL || sh->sh_type != SHT_SYMTAB)
			continue;
		str = raw_section(elf, sh->sh_link);
		if (str == NULL || sh->sh_offset > elf->size ||
		    sh->sh_size > elf->size - sh->sh_offset || str->sh_offset > elf->size ||
		    str->sh_size > elf->size - str->sh_offset)
			return false;
		syms = (const Elf64_Sym *)(elf->data + sh->sh_offset);
		for (size_t k = 0; k < sh->sh_size / sizeof(Elf64_Sym); k++) {
			const char *s;
			size_t room;

			if (syms[k].st_name >= str->sh_size)
				continue;
			s = (const char *)elf->data + str->sh_offset + syms[k].st_name;
			room = str->sh_size - syms[k].st_name;
			/* Only names terminated inside the string table. */
			if (strnlen(s, room) < room && strcmp(s, name) == 0) {
				*addr = syms[k].st_value;
				return true;
			}
		}
	}
	return false;
}

/* Copies the PT_LOAD segments into RAM (already zero, so .bss needs nothing). */
static bool raw_load(struct raw *r, const struct bench_elf *elf, struct diag *err)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)elf->data;
	const Elf64_Phdr *ph = (const Elf64_Phdr *)(elf->data + eh->e_phoff);

	for (unsigned i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD || ph[i].p_memsz == 0)
			continue;
		if (ph[i].p_paddr < RAW_RAM_BASE || ph[i].p_memsz > RAW_RAM_SIZE ||
		    ph[i].p_paddr - RAW_RAM_BASE > RAW_RAM_SIZE - ph[i].p_memsz ||
		    ph[i].p_filesz > ph[i].p_memsz || ph[i].p_offset > elf->size ||
		    ph[i].p_filesz > elf->size - ph[i].p_offset) {
			diag_set(err, elf->path, 0, 0, "segment %u is not in the RAM at 0x%llx", i,
				 (unsigned long long)RAW_RAM_BASE);
			return false;
		}
		memcpy(r->ram + (ph[i].p_paddr - RAW_RAM_BASE), elf->data + ph[i].p_offset,
		       ph[i].p_filesz);
	}
	return true;
}

static void raw_fail(struct raw *r, const char *what, uint32_t intno)
{
	uint64_t pc = 0;

	uc_reg_read(r->uc, UC_ARM64_REG_PC, &pc);
	diag_set(r->err, NULL, 0, 0, "raw: %s (exception %u at 0x%llx)", what, intno,
		 (unsigned long long)pc);
	r->failed = true;
	uc_emu_stop(r->uc);
}

static void raw_block_hook(uc_engine *uc, uint64_t addr, uint32_t size, void *user)
{
	struct raw *r = user;

	(void)uc;
	(void)addr;
	r->insns += size / 4;
}

/* SYS_EXIT / SYS_EXIT_EXTENDED with the {reason, subcode} block at x1; other calls fail. */
static void raw_semihost(struct raw *r, uint32_t intno)
{
	uint64_t pc = 0, op = 0, block = 0, args[2];
	uint32_t insn = 0;

	uc_reg_read(r->uc, UC_ARM64_REG_PC, &pc);
	if (uc_mem_read(r->uc, pc, &insn, sizeof(insn)) != UC_ERR_OK ||
	    insn != RAW_INSN_HLT_SEMIHOST) {
		raw_fail(r, "undefined instruction", intno);
		return;
	}
	uc_reg_read(r->uc, UC_ARM64_REG_X0, &op);
	uc_reg_read(r->uc, UC_ARM64_REG_X1, &block);
	if (((uint32_t)op != RAW_SEMI_SYS_EXIT && (uint32_t)op != RAW_SEMI_SYS_EXIT_EXTENDED) ||
	    uc_mem_read(r->uc, block, args, sizeof(args)) != UC_ERR_OK) {
		raw_fail(r, "semihosting call other than a readable exit", intno);
		return;
	}
	r->status = args[0] == RAW_SEMI_APPLICATION_EXIT ? (int)(args[1] & 0xff) : 1;
	uc_emu_stop(r->uc);
}

/* The secure engine's trap hook: its SMC hands x0-x17 back to the normal engine's hook. */
static void raw_sp_hook(uc_engine *uc, uint32_t intno, void *user)
{
	struct raw_sp *sp = user;

	if (intno != RAW_EXCP_SMC ||
	    uc_reg_read_batch(uc, (int *)sp->reg_ids, (void **)sp->reg_ptrs, RAW_CALL_REGS) !=
		    UC_ERR_OK)
		sp->failed = true;
	sp->trapped = true;
	uc_emu_stop(uc);
}

/*
 * A request's round trip through the secure engine: x0-x17 in (one batch), the engine run from
 * its resume address to its SMC, x0-x17 out (one batch, in its hook) into the normal engine's
 * registers. False when the engine failed or did not trap.
 */
static bool raw_sp_run(struct raw_sp *sp, uint64_t begin)
{
	sp->trapped = false;
	return uc_emu_start(sp->uc, begin, UINT64_MAX - 3, 0, 0) == UC_ERR_OK && sp->trapped &&
	       !sp->failed;
}

static bool raw_sp_request(struct raw *r)
{
	struct raw_sp *sp = r->sp;

	return uc_reg_write_batch(sp->uc, (int *)sp->reg_ids, (void **)sp->reg_ptrs,
				  RAW_CALL_REGS) == UC_ERR_OK &&
	       raw_sp_run(sp, RAW_SP_RESUME);
}

static void raw_intr_hook(uc_engine *uc, uint32_t intno, void *user)
{
	struct raw *r = user;
	uint32_t fid;

	if (intno == RAW_EXCP_SMC) {
		if (uc_reg_read_batch(uc, r->reg_ids, r->reg_ptrs, (int)r->nread) != UC_ERR_OK) {
			raw_fail(r, "cannot read the call's registers", intno);
			return;
		}
		fid = (uint32_t)r->regs[0];
		if (fid == FFA_MSG_SEND_DIRECT_REQ2_64 && r->sp != NULL) {
			if (!raw_sp_request(r)) {
				raw_fail(r, "the secure engine did not answer", intno);
				return;
			}
		} else if (fid == FFA_MSG_SEND_DIRECT_REQ2_64) {
			/* x4-x17 stay as they came: the echo's payload. */
			r->regs[0] = FFA_MSG_SEND_DIRECT_RESP2_64;
			r->regs[1] = (r->regs[1] & 0xffff) << 16 | (r->regs[1] >> 16 & 0xffff);
			r->regs[2] = 0;
			r->regs[3] = 0;
		} else {
			if (fid == SMCCC_VERSION)
				r->regs[0] = SMCCC_VERSION_1_2;
			else if (fid == FFA_VERSION)
				r->regs[0] = RAW_FFA_V1_2;
			else if (fid == FFA_ID_GET)
				r->regs[0] = FFA_SUCCESS_32;
			else
				r->regs[0] = SMCCC_UNKNOWN;
			memset(&r->regs[1], 0, (r->nwrite - 1) * sizeof(r->regs[0]));
		}
		if (uc_reg_write_batch(uc, r->reg_ids, r->reg_ptrs, (int)r->nwrite) != UC_ERR_OK) {
			raw_fail(r, "cannot write the results", intno);
			return;
		}
		r->smcs++;
		return;
	}
	if (intno == RAW_EXCP_UDEF) {
		raw_semihost(r, intno);
		return;
	}
	raw_fail(r, "unexpected exception", intno);
}

static bool raw_ok(struct raw *r, uc_err e, const char *what)
{
	if (e == UC_ERR_OK)
		return true;
	diag_set(r->err, NULL, 0, 0, "raw: %s: %s", what, uc_strerror(e));
	return false;
}

static bool raw_write_cp(struct raw *r, uc_engine *uc, unsigned op1, unsigned crn, unsigned crm,
			 uint64_t val)
{
	uc_arm64_cp_reg reg = {.op0 = 3, .op1 = op1, .crn = crn, .crm = crm, .op2 = 0, .val = val};

	return raw_ok(r, uc_reg_write(uc, UC_ARM64_REG_CP_REG, &reg), "system register");
}

/* A Cortex-A72 engine with the eret trampoline mapped. */
static bool raw_open(struct raw *r, uc_engine **uc)
{
	uint32_t eret = RAW_INSN_ERET;

	return raw_ok(r, uc_open(UC_ARCH_ARM64, UC_MODE_ARM, uc), "uc_open") &&
	       raw_ok(r, uc_ctl_set_cpu_model(*uc, UC_CPU_ARM64_A72), "cpu model") &&
	       raw_ok(r, uc_mem_map(*uc, RAW_TRAMP, RAW_PAGE, UC_PROT_READ | UC_PROT_EXEC),
		      "mapping the trampoline") &&
	       raw_ok(r, uc_mem_write(*uc, RAW_TRAMP, &eret, sizeof(eret)),
		      "writing the trampoline");
}

/* EL1 of the security state scr names, AArch64 below EL3, entered by an eret from the
 * trampoline at entry with x0 set. */
static bool raw_enter(struct raw *r, uc_engine *uc, uint64_t scr, uint64_t entry, uint64_t x0)
{
	uint64_t spsr = RAW_SPSR_EL1H, tramp = RAW_TRAMP;

	return raw_write_cp(r, uc, 6, 1, 1, scr) && raw_write_cp(r, uc, 4, 1, 1, RAW_HCR_EL2_RW) &&
	       raw_write_cp(r, uc, 4, 4, 0, spsr) && /* SPSR_EL2 */
	       raw_write_cp(r, uc, 0, 4, 0, spsr) && /* SPSR_EL1 */
	       raw_ok(r, uc_reg_write(uc, UC_ARM64_REG_ELR_EL2, &entry), "ELR_EL2") &&
	       raw_ok(r, uc_reg_write(uc, UC_ARM64_REG_ELR_EL1, &entry), "ELR_EL1") &&
	       raw_ok(r, uc_reg_write(uc, UC_ARM64_REG_PSTATE, &spsr), "PSTATE") &&
	       raw_ok(r, uc_reg_write(uc, UC_ARM64_REG_X0, &x0), "x0") &&
	       raw_ok(r, uc_reg_write(uc, UC_ARM64_REG_PC, &tramp), "PC");
}

/* Engine, memory, hooks and the EL1 entry state: everything but the run. */
static bool raw_setup(struct raw *r, const struct bench_elf *elf, enum bench_count count)
{
	uc_hook hook;

	if (!raw_open(r, &r->uc))
		return false;
	if (!raw_ok(r, uc_mem_map_ptr(r->uc, RAW_RAM_BASE, RAW_RAM_SIZE, UC_PROT_ALL, r->ram),
		    "mapping RAM") ||
	    !raw_ok(r, uc_mem_map(r->uc, RAW_UART_BASE, RAW_PAGE, UC_PROT_READ | UC_PROT_WRITE),
		    "mapping the UART page"))
		return false;
	if (!raw_ok(r, uc_hook_add(r->uc, &hook, UC_HOOK_INTR, (void *)raw_intr_hook, r, 1, 0),
		    "trap hook"))
		return false;
	if (count == BENCH_COUNT_BLOCK &&
	    !raw_ok(r, uc_hook_add(r->uc, &hook, UC_HOOK_BLOCK, (void *)raw_block_hook, r, 1, 0),
		    "block hook"))
		return false;
	return raw_enter(r, r->uc, RAW_SCR_EL3_NS_HCE_RW, elf->entry, RAW_RAM_BASE);
}

/*
 * The secure engine of the two-engine baseline: its code page, its trap hook, S-EL1 entry, and
 * the run to its first SMC (as ffa-sim boots a partition to its FFA_MSG_WAIT before the
 * normal world runs), untimed.
 */
static bool raw_sp_setup(struct raw *r)
{
	struct raw_sp *sp = &r->sp_engine;
	uc_hook hook;

	sp->reg_ids = r->reg_ids;
	sp->reg_ptrs = r->reg_ptrs;
	if (!raw_open(r, &sp->uc) ||
	    !raw_ok(r, uc_mem_map(sp->uc, RAW_SP_BASE, RAW_PAGE, UC_PROT_READ | UC_PROT_EXEC),
		    "mapping the partition's page") ||
	    !raw_ok(r, uc_mem_write(sp->uc, RAW_SP_BASE, raw_sp_code, sizeof(raw_sp_code)),
		    "writing the partition's code") ||
	    !raw_ok(r, uc_hook_add(sp->uc, &hook, UC_HOOK_INTR, (void *)raw_sp_hook, sp, 1, 0),
		    "the partition's trap hook") ||
	    !raw_enter(r, sp->uc, RAW_SCR_EL3_HCE_RW, RAW_SP_BASE, 0))
		return false;
	if (!raw_sp_run(sp, RAW_TRAMP)) {
		diag_set(r->err, NULL, 0, 0, "raw: the secure engine did not reach its SMC");
		return false;
	}
	r->sp = sp;
	return true;
}

/* The host pointer to an 8-byte guest word in RAM, or NULL. */
static uint64_t *raw_word(struct raw *r, uint64_t addr)
{
	if (addr < RAW_RAM_BASE || addr - RAW_RAM_BASE > RAW_RAM_SIZE - 8 || (addr & 7) != 0)
		return NULL;
	return (uint64_t *)(r->ram + (addr - RAW_RAM_BASE));
}

bool bench_raw_run(const struct bench_elf *elf, uint64_t iterations, uint64_t target,
		   enum bench_count count, enum bench_regs regs, struct bench_raw_result *res,
		   struct diag *err)
{
	struct raw r;
	struct bench_stamp t0, t1;
	uint64_t iter_addr, result_addr, target_addr;
	uint64_t *iter_word, *result_word;
	bool ok = false;
	uc_err e;

	memset(res, 0, sizeof(*res));
	memset(&r, 0, sizeof(r));
	r.err = err;
	r.status = -1;
	r.nread = regs == BENCH_REGS_X0_X3 ? 1 : RAW_CALL_REGS;
	r.nwrite = regs == BENCH_REGS_X0_X3                                     ? RAW_ID_GET_RESULTS
		   : regs == BENCH_REGS_X0_X17 || regs == BENCH_REGS_TWO_ENGINE ? RAW_CALL_REGS
										: RAW_RESULT_REGS;
	for (unsigned i = 0; i < RAW_CALL_REGS; i++) {
		r.reg_ids[i] = UC_ARM64_REG_X0 + (int)i;
		r.reg_ptrs[i] = &r.regs[i];
	}
	if (!bench_elf_symbol(elf, "bench_iterations", &iter_addr) ||
	    !bench_elf_symbol(elf, "bench_result", &result_addr)) {
		diag_set(err, elf->path, 0, 0, "no bench_iterations or bench_result symbol");
		return false;
	}
	/* calloc of 1 GiB is a lazy anonymous mapping: only touched pages cost. */
	r.ram = calloc(1, RAW_RAM_SIZE);
	if (r.ram == NULL) {
		diag_set(err, NULL, 0, 0, "raw: out of memory");
		return false;
	}
	iter_word = raw_word(&r, iter_addr);
	result_word = raw_word(&r, result_addr);
	if (iter_word == NULL || result_word == NULL) {
		diag_set(err, elf->path, 0, 0, "bench_iterations or bench_result is not in RAM");
		goto out;
	}
	if (!raw_load(&r, elf, err) || !raw_setup(&r, elf, count) ||
	    (regs == BENCH_REGS_TWO_ENGINE && !raw_sp_setup(&r)))
		goto out;
	*iter_word = iterations;
	if (target != 0) {
		uint64_t *target_word = NULL;

		if (bench_elf_symbol(elf, "bench_target", &target_addr))
			target_word = raw_word(&r, target_addr);
		if (target_word == NULL) {
			diag_set(err, elf->path, 0, 0, "no bench_target word in RAM");
			goto out;
		}
		*target_word = target;
	}

	bench_stamp(&t0);
	/* The way ffa-sim runs: an until address no guest reaches, no timeout, no count. */
	e = uc_emu_start(r.uc, RAW_TRAMP, UINT64_MAX - 3, 0, 0);
	bench_stamp(&t1);

	if (r.failed)
		goto out;
	if (!raw_ok(&r, e, "uc_emu_start"))
		goto out;
	if (r.status < 0) {
		diag_set(err, NULL, 0, 0, "raw: the guest stopped without a semihosting exit");
		goto out;
	}
	res->seconds = bench_seconds(&t0.cpu, &t1.cpu);
	res->wall = bench_seconds(&t0.wall, &t1.wall);
	/* The trampoline's eret is a block of its own: not the guest's (as emu_cpu_insns). */
	res->insns = count == BENCH_COUNT_BLOCK && r.insns > 0 ? r.insns - 1 : 0;
	res->smcs = r.smcs;
	res->result = *result_word;
	res->status = r.status;
	ok = true;
out:
	if (r.uc != NULL)
		uc_close(r.uc);
	if (r.sp_engine.uc != NULL)
		uc_close(r.sp_engine.uc);
	free(r.ram);
	return ok;
}
