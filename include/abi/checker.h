/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The conformance checker: after a call, compares the answer that came back (from the firmware,
 * the SPMC, a proxy or a partition) with the register rules of SMCCC and FF-A, and lists every
 * rule the answer breaks with the register, the value expected and found, and the spec section.
 * It is plain C over register values; the trap path feeds it through an emu_call_observer.
 */
#ifndef ABI_CHECKER_H
#define ABI_CHECKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "abi/regs.h"

/* x0-x30: the registers the checker can compare; x18-x30 only when the caller has them. */
#define FFA_CHECK_REG_COUNT 31
/* x0-x17 always, x18-x30 only when ffa_check_call.high_regs is set. */
#define FFA_CHECK_LOW_REG_COUNT FFA_REG_COUNT
/* At most one violation per register, plus room for checks not tied to a register. */
#define FFA_CHECK_MAX_VIOLATIONS (FFA_CHECK_REG_COUNT + 1)
#define FFA_CHECK_MESSAGE_MAX 128

/* One call and its answer, as the checker sees it. */
struct ffa_check_call {
	uint32_t fid;           /* the function ID called (w0; the SVE hint bit is ignored) */
	const uint64_t *before; /* the caller's x0-x17 (x0-x30 with high_regs) before the call */
	const uint64_t *after;  /* the same registers after the answer was written back */
	bool high_regs;         /* before/after hold x0-x30; else x0-x17 and x18-x30 are unknown */
	/* The rule the answer must follow: the SMCCC convention and the caller's negotiated FF-A
	 * version (0 before negotiation and for calls that are not FF-A). */
	struct ffa_result_rule rule;
	bool conduit_known; /* conduit is meaningful (it only changes the report's wording) */
	enum ffa_conduit conduit;
	/* The callee's answer x0-x17 before the rule wrote it back, or NULL when unknown: a
	 * non-zero register the rule does not carry is a result the caller never sees. */
	const uint64_t *result;
};

/*
 * A known deviation of real firmware from one rule: what the firmware does, for one call (or
 * every FF-A call) and some registers. A personality that reproduces the firmware register for
 * register hands its list to the checker with its answers (ffa_result_rule.deviations); a
 * violation the list covers is still reported, named as that firmware's known deviation, and
 * --strict passes over it unless asked not to (docs/fidelity.md, "Known deviations").
 */
struct ffa_deviation {
	uint32_t fid;     /* the call (SVE hint cleared), or 0 for every FF-A call */
	const char *rule; /* the checker rule it breaks ("ffa-success-mbz") */
	uint32_t regs;    /* the registers, bit n for xn */
	const char *what; /* what the firmware does, for the report */
};

/* The known deviations of one firmware. */
struct ffa_deviations {
	const char *who; /* "tf-a" */
	const struct ffa_deviation *list;
	size_t count;
};

/* One broken rule. */
struct ffa_check_violation {
	const char *rule;  /* stable short name: "ffa-error-mbz", "smccc-smc32-preserve-x8-x17" */
	int reg;           /* the register (0-30), or -1 when the rule is not about one register */
	bool has_expected; /* false for rules that allow a set of values (valid error codes) */
	uint64_t expected; /* zero for MBZ rules, the caller's value for preserved registers */
	uint64_t actual;
	char message[FFA_CHECK_MESSAGE_MAX]; /* what is wrong: "x3 must be zero, is 0x1" */
	const char *why;                     /* the rule in words, for the report line */
	const char *cite; /* "FF-A v1.2 (DEN0077A) §13.2" or "SMCCC (DEN0028) §2.6" */
	/* A known deviation of the answering firmware (its name and what it does), or NULL. */
	const char *known_who;
	const char *known_what;
};

/* All violations of one answer. */
struct ffa_check_report {
	uint32_t fid; /* the call, hint stripped */
	bool conduit_known;
	enum ffa_conduit conduit;
	unsigned count;
	unsigned known; /* how many of them are known deviations of the answering firmware */
	struct ffa_check_violation violations[FFA_CHECK_MAX_VIOLATIONS];
};

/*
 * Checks one answer. Fills *report (its previous content is ignored) and returns the number of
 * violations, 0 for a conforming answer; report->known counts those that are known deviations
 * (call->rule.deviations). FF-A calls get every rule; other calls (SMCCC, PSCI, vendor
 * services), and any call answered as an unknown function (call->rule.unknown_function), only
 * the register-preservation rules of SMCCC. Never fails.
 */
unsigned ffa_check_answer(const struct ffa_check_call *call, struct ffa_check_report *report);

struct ffa_func;
/*
 * The same with the call's row of the function table (abi/table.h) already looked up by the
 * caller: ffa_func_find(call->fid), NULL for an ID the table does not know.
 */
unsigned ffa_check_answer_row(const struct ffa_check_call *call, const struct ffa_func *row,
			      struct ffa_check_report *report);

/*
 * What the check of one kind of answer looks at, worked out from what fixes it (its key: the
 * call's function ID and row, the answer's x0 and the rule) and kept by the caller between
 * calls, so that a run of like answers (a guest calling the same function in a loop) skips
 * working it out again: which registers must be zero, which must be 32-bit values, which must
 * be the caller's, and whether x1 must hold a direct request's IDs swapped. Start with
 * valid false; ffa_check_answer_planned fills it in.
 */
struct ffa_check_plan {
	bool valid; /* the key and the plan below are set */
	uint32_t fid;
	const struct ffa_func *row;
	uint64_t answer_x0;
	struct ffa_result_rule rule;
	bool clean;      /* false: answers of this kind always get the full check */
	uint32_t mbz;    /* registers that must be zero */
	uint32_t w_regs; /* registers whose upper 32 bits must be zero */
	uint32_t kept;   /* registers that must hold the caller's values */
	bool direct_ids; /* w1 must be the request's w1 with source and destination swapped */
};

/*
 * ffa_check_answer_row with a plan kept by the caller (*plan is worked out again when its key
 * does not match the call). The same result and report as ffa_check_answer_row.
 */
unsigned ffa_check_answer_planned(const struct ffa_check_call *call, const struct ffa_func *row,
				  struct ffa_check_plan *plan, struct ffa_check_report *report);

/*
 * Formats one violation as one line without a newline:
 * "ffa-sim: conformance: FFA_FEATURES answer: x3 must be zero, is 0x1 (ffa-success-mbz: ..., FF-A
 * v1.2 (DEN0077A) ...)", followed by " [known deviation of tf-a: ...]" for a known deviation.
 * Returns buf.
 */
const char *ffa_check_format(const struct ffa_check_report *report,
			     const struct ffa_check_violation *violation, char *buf, size_t size);

/* Prints every violation of the report, one line each. Returns the number printed. */
unsigned ffa_check_print(FILE *out, const struct ffa_check_report *report);

/* A rule the checker knows, for documentation and `--help`. */
struct ffa_check_rule {
	const char *id;
	const char *why;
	const char *cite;
};

/* Iteration over the rules: the number of rules and rule i (NULL past the end). */
size_t ffa_check_rule_count(void);
const struct ffa_check_rule *ffa_check_rule_at(size_t i);

/* The rule with that id, or NULL. */
const struct ffa_check_rule *ffa_check_rule_find(const char *id);

#endif
