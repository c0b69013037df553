/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Counter-wait fast-forward. A loop that only waits for the generic counter (a udelay, a
 * bare-metal delay) leaves the engine at every counter read; emulating each pass is what makes
 * such guests slow. At a CNTVCT_EL0/CNTPCT_EL0 read the loop around it is decoded; when every
 * pass computes the same thing from the same registers and the value read, and the loop's exit
 * is a monotonic comparison of that value, the read is moved on by whole passes to the first
 * pass whose value ends the loop: the instruction count advances as if the passes ran, so
 * virtual time, the value read and every later count are exactly those of the emulated run.
 * The rule, with the cycle model, is in docs/guest-abi.md ("Waiting on the counter").
 *
 * A loop qualifies when, from its head to its backward conditional branch, at most
 * IDLE_MAX_BODY instructions of these kinds and nothing else:
 * - the one counter read (MRS CNTVCT_EL0 or CNTPCT_EL0) that trapped, CNTFRQ_EL0 reads;
 * - NOP, YIELD, ISB, DMB, DSB;
 * - 64-bit ADD/SUB (immediate, shifted register), CMP/SUBS, MOV (register), MOVZ/MOVN;
 * and ends in B.cond with HS/LO/HI/LS/GE/LT/GT/LE on flags a SUBS of the body set, comparing
 * the counter plus a constant against a value that does not change. No load, store, call,
 * other branch or system-register access: nothing the loop does is visible but its registers.
 * A register the body writes must be written before the body reads it, so passes do not
 * depend on each other; at the read, those written before it must hold what the body computes
 * (the guest is in a pass, not jumped into the middle of the loop).
 */
#include <string.h>

#include "emu/internal.h"

#define IDLE_MAX_BODY 32u
#define IDLE_REG_COUNT 31u /* x0-x30; register number 31 is XZR or SP */
#define IDLE_XZR 31u

/* A64 encodings (Arm ARM C4): MRS of the counter registers, hints and barriers. */
#define IDLE_MRS_CNTFRQ 0xd53be000u
#define IDLE_MRS_CNTPCT 0xd53be020u
#define IDLE_MRS_CNTVCT 0xd53be040u
#define IDLE_NOP 0xd503201fu
#define IDLE_YIELD 0xd503203fu
#define IDLE_BARRIER_MASK 0xfffff09fu /* ISB, DMB, DSB with any option */
#define IDLE_BARRIER 0xd503309fu

/* B.cond condition codes. */
enum idle_cond {
	IDLE_HS = 2,
	IDLE_LO = 3,
	IDLE_HI = 8,
	IDLE_LS = 9,
	IDLE_GE = 10,
	IDLE_LT = 11,
	IDLE_GT = 12,
	IDLE_LE = 13,
};

/* A value as a function of the counter c read in this pass: c + add when cnt, else add. */
struct idle_val {
	bool cnt;
	uint64_t add;
};

/* What the decoded loop computes: the flags of lhs - rhs, tested by cond to go round again. */
struct idle_loop {
	struct idle_val lhs, rhs;
	unsigned cond;
	uint64_t len; /* instructions in one pass */
};

struct idle_decode {
	struct emu_cpu *cpu;
	uint64_t regs[IDLE_REG_COUNT]; /* x0-x30 at the read */
	struct idle_val val[IDLE_REG_COUNT];
	uint32_t written; /* registers written so far in this pass */
	/*
	 * Registers whose value at the read must be the one the pass leaves there: read before
	 * the pass writes them, or written after its exit test (the last pass does not run that
	 * part, so its value must already be there).
	 */
	uint32_t steady;
	bool flags_set; /* a SUBS of this pass set the flags */
	bool exit_seen; /* the walk passed the exit test */
	unsigned stores;
	uint64_t code[IDLE_MAX_BODY]; /* where the pass's instructions are */
	uint64_t store_at[IDLE_MAX_BODY], store_size[IDLE_MAX_BODY];
	struct idle_loop loop;
};

static bool idle_read(struct idle_decode *d, unsigned r, struct idle_val *out)
{
	if (r == IDLE_XZR) {
		*out = (struct idle_val){false, 0};
		return true;
	}
	if ((d->written & (1u << r)) != 0) {
		*out = d->val[r];
		return true;
	}
	/* Not written yet in this pass: the value at the read, which every pass must see. */
	d->steady |= 1u << r;
	*out = (struct idle_val){false, d->regs[r]};
	return true;
}

static bool idle_write(struct idle_decode *d, unsigned r, struct idle_val v)
{
	if (r == IDLE_XZR)
		return true;
	d->val[r] = v;
	d->written |= 1u << r;
	if (d->exit_seen)
		d->steady |= 1u << r;
	return true;
}

/* Applies a shifted-register operand's shift (only to values that do not depend on c). */
static bool idle_shift(struct idle_val *v, unsigned type, unsigned amount)
{
	if (amount == 0)
		return true;
	if (v->cnt || type == 3)
		return false;
	if (type == 0)
		v->add <<= amount;
	else if (type == 1)
		v->add >>= amount;
	else
		v->add = (uint64_t)((int64_t)v->add >> amount);
	return true;
}

/* ADD/SUB of two values: c may appear once, with a plus sign. */
static bool idle_addsub(struct idle_val a, struct idle_val b, bool sub, struct idle_val *out)
{
	if (b.cnt && (sub || a.cnt))
		return false;
	out->cnt = a.cnt || b.cnt;
	out->add = sub ? a.add - b.add : a.add + b.add;
	return true;
}

/* Sets the flags of lhs - rhs (SUBS): one side must depend on c, the other not. */
static bool idle_flags(struct idle_decode *d, struct idle_val lhs, struct idle_val rhs)
{
	if (lhs.cnt == rhs.cnt || d->exit_seen)
		return false;
	d->loop.lhs = lhs;
	d->loop.rhs = rhs;
	d->flags_set = true;
	return true;
}

/*
 * One instruction of the pass that is not a branch or a store (is_read: the counter read that
 * trapped): computes the register it writes as a function of the value read. False for
 * anything the rule does not allow.
 */
static bool idle_step(struct idle_decode *d, uint32_t insn, bool is_read)
{
	unsigned rd = insn & 31u, rn = (insn >> 5) & 31u, rm = (insn >> 16) & 31u;
	bool sub = (insn >> 30) & 1u, setflags = (insn >> 29) & 1u;
	struct idle_val a, b, r;

	if (insn == IDLE_NOP || insn == IDLE_YIELD || (insn & IDLE_BARRIER_MASK) == IDLE_BARRIER)
		return true;
	if ((insn & ~31u) == IDLE_MRS_CNTVCT || (insn & ~31u) == IDLE_MRS_CNTPCT)
		return is_read && idle_write(d, rd, (struct idle_val){true, 0});
	if ((insn & ~31u) == IDLE_MRS_CNTFRQ)
		return idle_write(d, rd, (struct idle_val){false, d->cpu->platform->cntfrq_hz});
	if ((insn & 0xff800000u) == 0xd2800000u || (insn & 0xff800000u) == 0x92800000u) {
		/* MOVZ / MOVN (64-bit). */
		uint64_t v = (uint64_t)((insn >> 5) & 0xffffu) << (16 * ((insn >> 21) & 3u));

		return idle_write(d, rd, (struct idle_val){false, (insn & 0x40000000u) ? v : ~v});
	}
	if ((insn & 0xff200000u) == 0xaa000000u) {
		/* ORR (shifted register, 64-bit) as MOV: Rn = XZR, no shift. */
		if (rn != IDLE_XZR || ((insn >> 10) & 63u) != 0)
			return false;
		return idle_read(d, rm, &a) && idle_write(d, rd, a);
	}
	if ((insn & 0x9f800000u) == 0x91000000u) {
		/* ADD/SUB (immediate), 64-bit: Rn 31 is SP, as is Rd without S. */
		uint64_t imm = (uint64_t)((insn >> 10) & 0xfffu) << ((insn >> 22) & 1u ? 12 : 0);

		if (rn == 31 || (rd == 31 && !setflags))
			return false;
		b = (struct idle_val){false, imm};
	} else if ((insn & 0x9f200000u) == 0x8b000000u) {
		/* ADD/SUB (shifted register), 64-bit: register 31 is XZR. */
		if (!idle_read(d, rm, &b) || !idle_shift(&b, (insn >> 22) & 3u, (insn >> 10) & 63u))
			return false;
	} else {
		return false;
	}
	if (!idle_read(d, rn, &a))
		return false;
	if (setflags && (!sub || !idle_flags(d, a, b)))
		return false; /* ADDS/CMN is not a comparison the rule takes */
	if (!idle_addsub(a, b, sub, &r)) {
		/* c - c or -c: only a comparison may use it, never a register. */
		return setflags && rd == IDLE_XZR;
	}
	return idle_write(d, rd, r);
}

/*
 * STR (immediate, unsigned offset) of a W or X register: to an address that is the same in
 * every pass, in RAM (no device, no flash), before the exit test (so the last pass stores
 * again, over what the skipped passes would have left there). Its value may depend on c.
 */
static bool idle_store(struct idle_decode *d, uint32_t insn)
{
	uint64_t size = (insn >> 30) & 1u ? 8 : 4, pa = 0, block = 0, at;
	unsigned rt = insn & 31u, rn = (insn >> 5) & 31u;
	const struct emu_mem_region *r;
	struct idle_val base, value;

	if (d->exit_seen || rn == 31 || !idle_read(d, rn, &base) || base.cnt ||
	    !idle_read(d, rt, &value))
		return false;
	at = base.add + ((insn >> 10) & 0xfffu) * size;
	if ((at & 0xfffu) + size > 0x1000u || !emu_mmu_translate(d->cpu, at, &pa, &block))
		return false;
	r = emu_memory_find(d->cpu->memory, pa, size);
	if (r == NULL || r->host == NULL || r->desc->kind != EMU_REGION_RAM)
		return false;
	d->store_at[d->stores] = at;
	d->store_size[d->stores++] = size;
	return true;
}

static bool idle_cond_taken(unsigned cond)
{
	switch (cond) {
	case IDLE_HS:
	case IDLE_LO:
	case IDLE_HI:
	case IDLE_LS:
	case IDLE_GE:
	case IDLE_LT:
	case IDLE_GT:
	case IDLE_LE:
		return true;
	default:
		return false;
	}
}

/* A branch's signed offset in bytes from its imm26 (B, BL) or imm19 (B.cond) field. */
static uint64_t idle_branch_offset(uint32_t insn, bool imm26)
{
	if (imm26)
		return (uint64_t)(((int64_t)(int32_t)(insn << 6) >> 6) * 4);
	return (uint64_t)(((int64_t)(int32_t)(insn << 8) >> 13) * 4);
}

/*
 * After the walk: every register the pass must find as it leaves it does, and no store
 * writes over the pass's own instructions.
 */
static bool idle_pass_closes(const struct idle_decode *d)
{
	for (unsigned r = 0; r < IDLE_REG_COUNT; r++) {
		if ((d->written & d->steady & (1u << r)) != 0 &&
		    (d->val[r].cnt || d->val[r].add != d->regs[r]))
			return false;
	}
	for (unsigned i = 0; i < d->stores; i++) {
		for (uint64_t k = 0; k < d->loop.len; k++) {
			if (d->code[k] + 4 > d->store_at[i] &&
			    d->code[k] < d->store_at[i] + d->store_size[i])
				return false;
		}
	}
	return true;
}

/*
 * Walks one pass of the loop around the counter read at pc, from the read back to it: through
 * B, BL and RET (to an address that is the same every pass, as in a call to a function that
 * reads the counter), and the one B.cond whose taken branch goes round again (the exit test).
 * False if it is not a loop the rule allows.
 */
static bool idle_decode_loop(struct idle_decode *d, uint64_t pc)
{
	uint64_t at = pc, steps;
	struct idle_val target;
	uint32_t insn;

	for (steps = 0; steps == 0 || at != pc; steps++) {
		if (steps == IDLE_MAX_BODY || !emu_cpu_read_insn(d->cpu, at, &insn))
			return false;
		d->code[steps] = at;
		if ((insn & 0xfc000000u) == 0x14000000u) { /* B */
			at += idle_branch_offset(insn, true);
		} else if ((insn & 0xfc000000u) == 0x94000000u) { /* BL */
			idle_write(d, 30, (struct idle_val){false, at + 4});
			at += idle_branch_offset(insn, true);
		} else if ((insn & 0xfffffc1fu) == 0xd65f0000u) { /* RET Xn */
			if (!idle_read(d, (insn >> 5) & 31u, &target) || target.cnt)
				return false;
			at = target.add;
		} else if ((insn & 0xff000010u) == 0x54000000u) { /* B.cond: the exit test */
			if (d->exit_seen || !d->flags_set || !idle_cond_taken(insn & 15u))
				return false;
			d->exit_seen = true;
			d->loop.cond = insn & 15u;
			at += idle_branch_offset(insn, false);
		} else if ((insn & 0xbfc00000u) == 0xb9000000u) { /* STR (immediate) */
			if (!idle_store(d, insn))
				return false;
			at += 4;
		} else {
			if (!idle_step(d, insn, steps == 0))
				return false;
			at += 4;
		}
	}
	d->loop.len = steps;
	return d->exit_seen && idle_pass_closes(d);
}

/* Whether the loop goes round again when its read returns c (the B.cond is taken). */
static bool idle_again(const struct idle_loop *loop, uint64_t c)
{
	uint64_t l = loop->lhs.add + (loop->lhs.cnt ? c : 0);
	uint64_t r = loop->rhs.add + (loop->rhs.cnt ? c : 0);
	bool lt_signed = (int64_t)l < (int64_t)r;

	switch (loop->cond) {
	case IDLE_HS:
		return l >= r;
	case IDLE_LO:
		return l < r;
	case IDLE_HI:
		return l > r;
	case IDLE_LS:
		return l <= r;
	case IDLE_GE:
		return !lt_signed;
	case IDLE_LT:
		return lt_signed;
	case IDLE_GT:
		return !lt_signed && l != r;
	default: /* IDLE_LE */
		return lt_signed || l == r;
	}
}

/*
 * Whether c + add stays on one side of the comparison's wrap point (2^64 unsigned, 2^63
 * signed) for every c in [c0, c1]: then whether the loop goes round again changes at most once
 * in that range.
 */
static bool idle_monotonic(const struct idle_loop *loop, uint64_t c0, uint64_t c1)
{
	const struct idle_val *v = loop->lhs.cnt ? &loop->lhs : &loop->rhs;
	bool is_signed = loop->cond >= IDLE_GE;
	uint64_t bias = is_signed ? UINT64_C(1) << 63 : 0;
	uint64_t first = (c0 + v->add) ^ bias;

	return first <= UINT64_MAX - (c1 - c0);
}

static bool idle_rejected(const struct emu_cpu *cpu, uint64_t pc, uint64_t lr)
{
	for (unsigned i = 0; i < EMU_IDLE_REJECT_SLOTS; i++) {
		if (cpu->idle_reject[i] == pc && cpu->idle_reject_lr[i] == lr)
			return true;
	}
	return false;
}

/*
 * How far the read at count n of a decoded loop moves on: to the read of the first pass whose
 * value ends the loop, or the last one before --max-insns or the next event; n when none.
 */
static uint64_t idle_skip_passes(struct emu_cpu *cpu, const struct idle_loop *loop, uint64_t n)
{
	uint64_t limit = cpu->max_insns + EMU_TRAMPOLINE_INSNS, last, lo, hi;
	/* Pass k reads the counter after n + k * len instructions; the last pass that completes
	 * within --max-insns is the furthest a skip may go (the limit then ends the run exactly
	 * where it would have). */
	if (n >= limit || (limit - n) / loop->len < 2)
		return n;
	last = (limit - n) / loop->len - 1;
	/*
	 * A timer event or a deadline before that: the skip lands in a pass whose read comes
	 * before it, so that every block boundary it skips does too, and the interrupt is taken
	 * at the same boundary as in the emulated run.
	 */
	if (cpu->event_limit < limit) {
		if (cpu->event_limit <= n)
			return n;
		if ((cpu->event_limit - n - 1) / loop->len < last)
			last = (cpu->event_limit - n - 1) / loop->len;
		if (last == 0)
			return n;
	}
	if (!idle_again(loop, emu_sysreg_counter(cpu, n)) ||
	    !idle_monotonic(loop, emu_sysreg_counter(cpu, n),
			    emu_sysreg_counter(cpu, n + last * loop->len)))
		return n;
	/* The first pass that leaves: the loop goes round for passes [0, lo], leaves at hi. */
	lo = 0;
	hi = last;
	if (idle_again(loop, emu_sysreg_counter(cpu, n + hi * loop->len))) {
		lo = hi; /* still waiting at the limit: go to the last pass */
	} else {
		while (hi - lo > 1) {
			uint64_t mid = lo + (hi - lo) / 2;

			if (idle_again(loop, emu_sysreg_counter(cpu, n + mid * loop->len)))
				lo = mid;
			else
				hi = mid;
		}
		lo = hi;
	}
	if (lo == 0)
		return n;
	cpu->idle_skips++;
	cpu->idle_skipped_insns += lo * loop->len;
	return n + lo * loop->len;
}

uint64_t emu_idle_skip(struct emu_cpu *cpu, uint64_t pc, uint64_t n)
{
	static const int ids[IDLE_REG_COUNT] = {
		UC_ARM64_REG_X0,  UC_ARM64_REG_X1,  UC_ARM64_REG_X2,  UC_ARM64_REG_X3,
		UC_ARM64_REG_X4,  UC_ARM64_REG_X5,  UC_ARM64_REG_X6,  UC_ARM64_REG_X7,
		UC_ARM64_REG_X8,  UC_ARM64_REG_X9,  UC_ARM64_REG_X10, UC_ARM64_REG_X11,
		UC_ARM64_REG_X12, UC_ARM64_REG_X13, UC_ARM64_REG_X14, UC_ARM64_REG_X15,
		UC_ARM64_REG_X16, UC_ARM64_REG_X17, UC_ARM64_REG_X18, UC_ARM64_REG_X19,
		UC_ARM64_REG_X20, UC_ARM64_REG_X21, UC_ARM64_REG_X22, UC_ARM64_REG_X23,
		UC_ARM64_REG_X24, UC_ARM64_REG_X25, UC_ARM64_REG_X26, UC_ARM64_REG_X27,
		UC_ARM64_REG_X28, UC_ARM64_REG_X29, UC_ARM64_REG_X30};
	struct idle_decode d;
	void *ptrs[IDLE_REG_COUNT];
	uint64_t at, lr = 0;

	/* An interrupt may be due at the next block boundary: the passes must run. */
	if (cpu->attention)
		return n;
	if (!emu_uc_ok(cpu, uc_reg_read(cpu->uc, UC_ARM64_REG_X30, &lr),
		       "reading x30 at a counter read") ||
	    idle_rejected(cpu, pc, lr))
		return n;
	memset(&d, 0, sizeof(d));
	d.cpu = cpu;
	for (unsigned i = 0; i < IDLE_REG_COUNT; i++)
		ptrs[i] = &d.regs[i];
	if (!emu_uc_ok(cpu, uc_reg_read_batch(cpu->uc, (int *)ids, ptrs, IDLE_REG_COUNT),
		       "reading x0-x30 at a counter read"))
		return n;
	if (!idle_decode_loop(&d, pc)) {
		cpu->idle_reject_lr[cpu->idle_reject_next % EMU_IDLE_REJECT_SLOTS] = lr;
		cpu->idle_reject[cpu->idle_reject_next++ % EMU_IDLE_REJECT_SLOTS] = pc;
		return n;
	}
	/*
	 * A loop that stores is skipped from the read after a whole pass ran unskipped: its
	 * stores were then made once (a store that faults does so in the first pass, as in the
	 * emulated run), and the last pass makes them again over what skipped passes would leave.
	 */
	if (d.stores > 0 && (cpu->idle_last_pc != pc || cpu->idle_last_n + d.loop.len != n)) {
		cpu->idle_last_pc = pc;
		cpu->idle_last_n = n;
		return n;
	}
	at = idle_skip_passes(cpu, &d.loop, n);
	cpu->idle_last_pc = pc;
	cpu->idle_last_n = at;
	return at;
}
