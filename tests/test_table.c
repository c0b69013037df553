/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The function table and its columns: rows at their index with the ID and name their macro
 * gives them, the constant-time lookup against a scan of the rows, the SPMC's handlers against
 * the modelled rows, and every column that replaced a per-function list answering as that list
 * did (the lists are restated here as they were, from the firmware builds docs/fidelity.md
 * names).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "abi/checker.h"
#include "abi/ids.h"
#include "abi/table.h"
/* White-box: the SPMC's and the proxy's columns are private to their directories. */
#include "../hyp/internal.h"
#include "../spmc/internal.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Every ID a test below tries: both forms of every number, with and without the SVE hint, the
 * numbers below FF-A's range, and IDs with other owners, call types or stray bits. */
static size_t all_ids(uint32_t *ids, size_t max)
{
	static const uint32_t bases[] = {0x84000000u, 0xc4000000u, 0x84010000u, 0xc4010000u,
					 0x80000000u, 0x85000000u, 0x04000000u, 0x84100000u,
					 0x84000100u, 0xa4000000u};
	size_t n = 0;

	for (size_t b = 0; b < COUNT(bases); b++) {
		for (uint32_t num = 0; num <= 0xff && n < max; num++)
			ids[n++] = bases[b] | num;
	}
	return n;
}

/* The rows as a linear scan finds them (what ffa_func_find() did before it became a lookup). */
static const struct ffa_func *scan(uint32_t fid)
{
	uint32_t id = ffa_fid_strip_hint(fid);

	for (size_t i = 0; i < ffa_func_count(); i++) {
		if (ffa_func_at(i)->fid == id)
			return ffa_func_at(i);
	}
	return NULL;
}

/* Each row sits at its own index, carries its abi/fids.h ID and name, and is unique. */
Test(table, rows_at_their_index)
{
	cr_assert_eq(ffa_func_count(), FFA_FUNC_COUNT);
	cr_assert_null(ffa_func_at(FFA_FUNC_COUNT));
	for (size_t i = 0; i < ffa_func_count(); i++) {
		const struct ffa_func *f = ffa_func_at(i);

		cr_assert_eq(f->idx, (enum ffa_func_idx)i, "row %zu", i);
		cr_assert_eq(ffa_func_of(f->idx), f);
		cr_assert_neq(f->fid, 0u, "row %zu has no ID", i);
		cr_assert_not_null(f->name, "row %zu has no name", i);
		cr_assert(ffa_fid_is_ffa(f->fid), "%s", f->name);
		cr_assert_eq(ffa_func_by_name(f->name), f, "%s", f->name);
		for (size_t j = 0; j < i; j++)
			cr_assert_neq(ffa_func_at(j)->fid, f->fid, "%s twice", f->name);
	}
	cr_assert_eq(ffa_func_of(FFA_IDX_VERSION)->fid, FFA_VERSION);
	cr_assert_str_eq(ffa_func_of(FFA_IDX_VERSION)->name, "FFA_VERSION");
	cr_assert_eq(ffa_func_of(FFA_IDX_MSG_SEND_DIRECT_REQ2_64)->fid, 0xc400008du);
	cr_assert_str_eq(ffa_func_of(FFA_IDX_RXTX_MAP_64)->name, "FFA_RXTX_MAP_64");
	/* Only FFA_VERSION leaves the negotiation open (FF-A v1.2 (DEN0077A) §13.2.1). */
	for (size_t i = 0; i < ffa_func_count(); i++)
		cr_assert_eq(ffa_func_at(i)->ends_negotiation, ffa_func_at(i)->fid != FFA_VERSION,
			     "%s", ffa_func_at(i)->name);
}

/* The lookup finds exactly the rows a scan finds, for every ID tried. */
Test(table, lookup_matches_scan)
{
	static uint32_t ids[4096];
	size_t n = all_ids(ids, COUNT(ids));

	for (size_t i = 0; i < n; i++)
		cr_assert_eq(ffa_func_find(ids[i]), scan(ids[i]), "0x%08x", ids[i]);
	cr_assert_null(ffa_func_find(0xffffffffu));
	cr_assert_eq(ffa_func_find_any_form(0xc4000064u), ffa_func_of(FFA_IDX_FEATURES));
	cr_assert_eq(ffa_func_find_any_form(FFA_RXTX_MAP_64), ffa_func_of(FFA_IDX_RXTX_MAP_64));
	cr_assert_null(ffa_func_find_any_form(0x840000f0u));
}

/*
 * Every modelled row (not an answer) has an SPMC handler, and every handler a modelled row;
 * the rows whose handler only checks arguments are the not-modelled notification calls.
 */
Test(table, handlers_match_modelled_rows)
{
	unsigned handlers = 0;

	for (size_t i = 0; i < ffa_func_count(); i++) {
		const struct ffa_func *f = ffa_func_at(i);
		const struct spmc_func *sf = spmc_func_of(f);
		bool modelled = !f->not_modelled && !f->answer_only;

		cr_assert_eq(sf->handler != NULL, modelled, "%s: handler %s, modelled %d", f->name,
			     sf->handler != NULL ? "set" : "missing", modelled);
		handlers += sf->handler != NULL;
	}
	cr_assert_eq(handlers, 48u);
}

static const struct spmc *spmc_of(struct spmc *s, const char *name)
{
	memset(s, 0, sizeof(*s));
	s->cfg.personality = spmc_personality_find(name);
	cr_assert_not_null(s->cfg.personality, "%s", name);
	return s;
}

static bool listed(const uint32_t *list, uint32_t fid)
{
	for (; *list != 0; list++) {
		if (*list == fid)
			return true;
	}
	return false;
}

/* The personalities' lists as they were before they became columns, with the memory
 * management rows since (no FFA_MEM_DONATE in TF-A or OP-TEE; what their FFA_FEATURES hides
 * from the normal world, as the real firmware answered), the notification rows (no SMC32
 * FFA_NOTIFICATION_INFO_GET in Hafnium, no notifications in TF-A's EL3 SPMC) and indirect
 * messaging (no FFA_RX_ACQUIRE or FFA_MSG_SEND2 in TF-A or OP-TEE). */
static const uint32_t old_hafnium_absent[] = {0x84000066u, 0x84000083u, 0};
static const uint32_t old_tf_a_absent[] = {
	0xc400008bu, 0x84000071u, 0xc4000071u, 0x8400007du, 0x8400007eu, 0x8400007fu, 0x84000080u,
	0x84000081u, 0x84000082u, 0x84000083u, 0xc4000083u, 0x84000084u, 0x84000086u, 0};
static const uint32_t old_no_info_regs[] = {0xc400008bu, 0x84000071u, 0xc4000071u,
					    0x84000084u, 0x84000086u, 0};
static const uint32_t old_hafnium_nw_hidden[] = {0x8400006cu, 0};
static const uint32_t old_tf_a_nw_hidden[] = {
	0xc4000061u, 0x8400006bu, 0x8400006cu, 0x84000070u, 0xc4000070u,
	0x8400008au, 0xc400008au, 0xc400008eu, 0x84000076u, 0};
static const uint32_t old_optee_nw_hidden[] = {
	0x84000069u, 0x8400006bu, 0x8400006cu, 0x8400006du, 0x84000070u,
	0xc4000070u, 0x8400008au, 0xc400008au, 0x84000072u, 0xc4000072u,
	0x84000074u, 0xc4000074u, 0x84000076u, 0x8400007au, 0};
/* Every personality also refuses FFA_MEM_PERM_GET/SET (S-EL0 partitions' calls). */
static const uint32_t old_spmd_nw_refused[] = {0x8400006bu, 0x8400008au, 0xc400008au, 0x84000088u,
					       0xc4000088u, 0x84000089u, 0xc4000089u, 0};
static const uint32_t old_optee_nw_refused[] = {
	0x8400006bu, 0x8400008au, 0xc400008au, 0x84000070u, 0xc4000070u,
	0x84000088u, 0xc4000088u, 0x84000089u, 0xc4000089u, 0};

static const struct {
	const char *name;
	const uint32_t *absent, *nw_hidden, *nw_refused;
} old_lists[] = {
	{"hafnium", old_hafnium_absent, old_hafnium_nw_hidden, old_spmd_nw_refused},
	{"tf-a", old_tf_a_absent, old_tf_a_nw_hidden, old_spmd_nw_refused},
	{"optee", old_no_info_regs, old_optee_nw_hidden, old_optee_nw_refused},
};

/* Each personality's absent, normal-world-hidden and normal-world-refused columns hold
 * exactly the functions its list held. */
Test(table, personality_columns_match_lists)
{
	static uint32_t ids[4096];
	size_t n = all_ids(ids, COUNT(ids));
	struct spmc s;

	for (size_t p = 0; p < COUNT(old_lists); p++) {
		spmc_of(&s, old_lists[p].name);
		for (size_t i = 0; i < ffa_func_count(); i++) {
			const struct ffa_func *f = ffa_func_at(i);
			const struct spmc_func *sf = spmc_func_of(f);

			cr_assert_eq(spmc_pers_in(&s, sf->absent_in),
				     listed(old_lists[p].absent, f->fid), "%s %s absent",
				     old_lists[p].name, f->name);
			cr_assert_eq(spmc_pers_in(&s, sf->nw_hidden_in),
				     listed(old_lists[p].nw_hidden, f->fid), "%s %s hidden",
				     old_lists[p].name, f->name);
		}
		for (size_t i = 0; i < n; i++)
			cr_assert_eq(spmc_nw_refuses(&s, ids[i]),
				     listed(old_lists[p].nw_refused, ffa_fid_strip_hint(ids[i])),
				     "%s 0x%08x refused", old_lists[p].name, ids[i]);
	}
}

/* Hafnium v1.3's caller-version exemptions, and TF-A's kept registers, as their lists were
 * (FFA_VERSION x1-x7 and FFA_FEATURES x1, x4-x7 since probe_regs measured TF-A v2.15: it
 * writes x0 alone, and x0, x2-x3, for those calls). */
Test(table, gate_and_kept_columns_match_lists)
{
	static const uint32_t old_ungated[] = {
		0x8400007du, 0x8400007eu, 0x8400007fu, 0x84000080u, 0x84000081u,
		0x84000082u, 0x84000085u, 0xc400008bu, 0xc4000083u, 0};
	static const struct {
		uint32_t fid, regs;
	} old_tf_a_kept[] = {
		{0x84000063u, 0xfeu}, {0x84000064u, 0xf2u}, {0x84000066u, 0xeu},
		{0xc4000066u, 0xeu},  {0x84000068u, 0xf0u}, {0x84000077u, 0xeu},
	};
	struct spmc tfa, hafnium;

	spmc_of(&tfa, "tf-a");
	spmc_of(&hafnium, "hafnium");
	hafnium.cfg.version = FFA_VERSION_1_3;
	for (size_t i = 0; i < ffa_func_count(); i++) {
		const struct ffa_func *f = ffa_func_at(i);
		const struct spmc_func *sf = spmc_func_of(f);
		uint32_t kept = 0;

		cr_assert_eq(sf->ungated, listed(old_ungated, f->fid), "%s", f->name);
		cr_assert_eq(spmc_gate_exempt(&hafnium, f), listed(old_ungated, f->fid), "%s",
			     f->name);
		for (size_t k = 0; k < COUNT(old_tf_a_kept); k++) {
			if (old_tf_a_kept[k].fid == f->fid)
				kept = old_tf_a_kept[k].regs;
		}
		cr_assert_eq(spmc_pers_in(&tfa, sf->kept.in) ? sf->kept.regs : 0u, kept, "%s",
			     f->name);
		cr_assert(!spmc_pers_in(&hafnium, sf->kept.in), "%s", f->name);
	}
}

/* The boot column answers as boot.c's switch did, for every FF-A row. */
Test(table, boot_column_matches_switch)
{
	for (size_t i = 0; i < ffa_func_count(); i++) {
		const struct ffa_func *f = ffa_func_at(i);
		enum spmc_boot_action want = SPMC_BOOT_SERVE;

		switch (f->fid) {
		case 0x8400006bu:
			want = SPMC_BOOT_BOOTED;
			break;
		case 0x84000060u:
			want = SPMC_BOOT_REPORTS;
			break;
		case 0x8400006fu:
		case 0xc400006fu:
		case 0xc400008du:
			want = SPMC_BOOT_REQUEST;
			break;
		case 0x8400006cu:
		case 0x8400006du:
		case 0x84000070u:
		case 0xc4000070u:
		case 0xc400008eu:
			want = SPMC_BOOT_DENY;
			break;
		default:
			break;
		}
		cr_assert_eq(spmc_func_of(f)->boot, want, "%s", f->name);
	}
}

/* FFA_FEATURES' answers and the checker's two lists, as the old lists had them (the checker
 * compared function numbers, so both forms of a number). */
Test(table, abi_columns_match_lists)
{
	static const uint32_t old_answers[] = {0x84000060u, 0x84000061u, 0xc4000061u, 0x84000062u};
	static const unsigned answer_nums[] = {0x60, 0x61, 0x62, 0x6b, 0x6c, 0x6d, 0x6e,
					       0x6f, 0x70, 0x75, 0x7a, 0x7b, 0x8d, 0x8e};
	static const unsigned target_nums[] = {0x60, 0x61, 0x62, 0x6b, 0x6c, 0x6d,
					       0x6f, 0x70, 0x7c, 0x8d, 0x8e};

	for (size_t i = 0; i < ffa_func_count(); i++) {
		const struct ffa_func *f = ffa_func_at(i);
		bool answer = false, answers = false, target = false;

		for (size_t k = 0; k < COUNT(old_answers); k++)
			answer |= old_answers[k] == f->fid;
		for (size_t k = 0; k < COUNT(answer_nums); k++)
			answers |= answer_nums[k] == FFA_FNUM(f->fid);
		for (size_t k = 0; k < COUNT(target_nums); k++)
			target |= target_nums[k] == FFA_FNUM(f->fid);
		/* The v1.3 64-bit answers are not modelled: FFA_FEATURES refuses them first. */
		if (!f->not_modelled)
			cr_assert_eq(f->answer_only, answer, "%s", f->name);
		cr_assert_eq(f->answers_call, answers, "%s", f->name);
		cr_assert_eq(f->error_names_target, target, "%s", f->name);
	}
}

/* The proxy's deny-list and memory-transfer columns, as the lists were, at both list
 * versions, for every ID tried (exact IDs: the SVE hint bit makes an ID pKVM does not list).
 * The memory-transfer column is MEM_SHARE and MEM_LEND, the calls pKVM's FFA_FEATURES answers
 * itself; MEM_RECLAIM and MEM_FRAG_TX are handled too, but their FEATURES is the SPMC's. */
Test(table, proxy_columns_match_lists)
{
	static const struct {
		uint32_t fid;
		enum hyp_deny_list since;
	} old_deny[] = {
		{0xc4000074u, HYP_DENY_LIST_FFA_1_1}, {0x84000075u, HYP_DENY_LIST_FFA_1_1},
		{0x84000076u, HYP_DENY_LIST_FFA_1_1}, {0x84000078u, HYP_DENY_LIST_FFA_1_1},
		{0x84000079u, HYP_DENY_LIST_FFA_1_1}, {0x8400007au, HYP_DENY_LIST_FFA_1_1},
		{0xc4000071u, HYP_DENY_LIST_FFA_1_1}, {0x8400006eu, HYP_DENY_LIST_FFA_1_1},
		{0x8400006au, HYP_DENY_LIST_FFA_1_1}, {0x8400006bu, HYP_DENY_LIST_FFA_1_1},
		{0x84000070u, HYP_DENY_LIST_FFA_1_1}, {0xc4000070u, HYP_DENY_LIST_FFA_1_1},
		{0x84000066u, HYP_DENY_LIST_FFA_1_1}, {0x84000071u, HYP_DENY_LIST_FFA_1_1},
		{0x84000074u, HYP_DENY_LIST_FFA_1_1}, {0x8400007du, HYP_DENY_LIST_FFA_1_2},
		{0x8400007eu, HYP_DENY_LIST_FFA_1_2}, {0x8400007fu, HYP_DENY_LIST_FFA_1_2},
		{0x84000080u, HYP_DENY_LIST_FFA_1_2}, {0x84000081u, HYP_DENY_LIST_FFA_1_2},
		{0x84000082u, HYP_DENY_LIST_FFA_1_2}, {0x84000083u, HYP_DENY_LIST_FFA_1_2},
		{0xc4000083u, HYP_DENY_LIST_FFA_1_2}, {0xc400008eu, HYP_DENY_LIST_FFA_1_2},
		{0x8400008au, HYP_DENY_LIST_FFA_1_2}, {0xc400008au, HYP_DENY_LIST_FFA_1_2},
		{0xc400008bu, HYP_DENY_LIST_FFA_1_2}, {0x8400008cu, HYP_DENY_LIST_FFA_1_2},
	};
	static const uint32_t old_mem_xfer[] = {0x84000073u, 0xc4000073u, 0x84000072u, 0xc4000072u,
						0};
	static uint32_t ids[4096];
	size_t n = all_ids(ids, COUNT(ids));
	static struct hyp_pkvm hyp;

	for (unsigned list = HYP_DENY_LIST_FFA_1_1; list <= HYP_DENY_LIST_FFA_1_2; list++) {
		memset(&hyp, 0, sizeof(hyp));
		hyp.cfg.sw[HYP_SW_DENY_LIST] = (uint8_t)list;
		hyp.cfg.sw[HYP_SW_DIRECT_REQ2] = HYP_REQ2_DENY;
		for (size_t i = 0; i < n; i++) {
			bool want = ids[i] == FFA_MSG_SEND_DIRECT_REQ2_64;

			for (size_t k = 0; k < COUNT(old_deny); k++)
				want |= old_deny[k].fid == ids[i] && old_deny[k].since <= list;
			cr_assert_eq(hyp_fid_denied(&hyp, ids[i]), want, "list %u: 0x%08x", list,
				     ids[i]);
			cr_assert_eq(hyp_fid_is_mem_xfer(ids[i]), listed(old_mem_xfer, ids[i]),
				     "0x%08x", ids[i]);
		}
	}
}
