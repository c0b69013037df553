/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Executing the memory-management parts of scenarios (docs/scenarios.md, "Memory management"):
 * descriptors written by name into a TX buffer or memory and retrieve responses read back
 * from an RX buffer, all through abi/memdesc.h (FF-A v1.2 (DEN0077A) §10.11); handles saved
 * from answers and put into later calls; the access an endpoint has to a page, as the SPMC's
 * transactions (include/spmc/share.h) and the endpoint's own CPU see it.
 */
#include <inttypes.h>
#include <string.h>

#include "abi/ffa.h"
#include "abi/memdesc.h"
#include "emu/cpu.h"
#include "emu/memory.h"
#include "internal.h"
#include "sim/trace.h"
#include "spmc/share.h"

/* Where a write or check step's bytes are: the endpoint's buffer, or the address. */
/* The name of a saved handle, for reports. */
static const char *scn_handle_name(const struct scn_session *s, const struct scn_handle_ref *r)
{
	return s->scn->handle_names[r->slot];
}

/* The value of a handle a step names: false with a line on report when it was never saved. */
static bool scn_handle_value(struct scn_session *s, const struct scn_step *st,
			     const struct scn_handle_ref *r, uint64_t *out, FILE *report)
{
	if (!r->saved) {
		*out = r->value;
		return true;
	}
	if (!s->handle_set[r->slot]) {
		fprintf(report, "%s, line %u: no handle was saved as $%s (its call failed?)\n",
			st->label, st->line, scn_handle_name(s, r));
		return false;
	}
	*out = s->handles[r->slot];
	return true;
}

bool scn_place_find(struct scn_session *s, const struct scn_step *st, bool rx, struct scn_place *pl,
		    FILE *report)
{
	const struct scn_memory *m = &st->u.mem;
	uint16_t id = m->buffer_set ? m->buffer_ep : FFA_ID_NS_PHYS;
	struct sim_buffers b;
	bool mapped = sim_endpoint_buffers(s->sim, id, &b);

	pl->version = m->desc != NULL && m->desc->layout_set ? m->desc->txn.layout : b.version;
	pl->addr = m->address;
	pl->size = FFA_MEM_PAGE_SIZE;
	if (m->buffer_set) {
		if (!mapped) {
			fprintf(report,
				"%s, line %u: endpoint 0x%04x has mapped no RX/TX buffers\n",
				st->label, st->line, id);
			return false;
		}
		pl->addr = rx ? b.rx : b.tx;
		pl->size = b.size;
	} else {
		b.secure = false;
	}
	pl->bytes = emu_memory_ptr(&s->sim->memory, pl->addr, pl->size, b.secure);
	if (pl->bytes == NULL) {
		fprintf(report, "%s, line %u: [0x%" PRIx64 ", +0x%" PRIx64 ") is not in %sRAM\n",
			st->label, st->line, pl->addr, pl->size, b.secure ? "" : "non-secure ");
		return false;
	}
	return true;
}

bool scn_exec_memdesc_write(struct scn_session *s, const struct scn_step *st, FILE *report)
{
	const struct scn_memdesc *d = st->u.mem.desc;
	struct scn_place pl;
	uint32_t len;
	uint64_t handle = 0;

	if (!scn_place_find(s, st, false, &pl, report) ||
	    !scn_handle_value(s, st, &d->handle, &handle, report))
		return false;
	if (d->relinquish) {
		struct ffa_mem_relinquish rel = d->rel;

		rel.handle = handle;
		len = ffa_memdesc_write_relinquish(pl.bytes, (uint32_t)pl.size, &rel);
	} else {
		struct ffa_mem_txn txn = d->txn;

		txn.handle = handle;
		len = ffa_memdesc_write(pl.bytes, (uint32_t)pl.size, pl.version, &txn, d->ranges,
					d->range_count);
	}
	if (len == 0) {
		char v[16];

		fprintf(report,
			"%s, line %u: the descriptor does not fit in 0x%" PRIx64 " bytes or "
			"cannot be written in the v%s layout\n",
			st->label, st->line, pl.size, ffa_version_format(pl.version, v, sizeof(v)));
		return false;
	}
	s->last_desc_len = len;
	return true;
}

/* A line of a check's report: the field, the expected and the actual value. */
static void scn_differs(bool *ok, const struct scn_step *st, FILE *report, const char *field,
			uint64_t expected, uint64_t actual)
{
	if (*ok)
		fprintf(report, "%s, line %u\n", st->label, st->line);
	*ok = false;
	fprintf(report, "%s: expected 0x%" PRIx64 ", actual 0x%" PRIx64 "\n", field, expected,
		actual);
}

/* Compares the receivers of a retrieve response with the expected ones. */
static void scn_check_receivers(const struct scn_step *st, const struct ffa_mem_txn *e,
				const struct ffa_mem_txn *a, bool *ok, FILE *report)
{
	char field[48];

	if (a->receiver_count != e->receiver_count) {
		scn_differs(ok, st, report, "receiver count", e->receiver_count, a->receiver_count);
		return;
	}
	for (uint32_t i = 0; i < e->receiver_count; i++) {
		const struct ffa_mem_receiver *er = &e->receivers[i], *ar = &a->receivers[i];

		snprintf(field, sizeof(field), "receiver %u endpoint", i);
		if (ar->id != er->id)
			scn_differs(ok, st, report, field, er->id, ar->id);
		snprintf(field, sizeof(field), "receiver %u access", i);
		if ((er->perms & FFA_MEM_DATA_MASK) != 0 &&
		    (ar->perms & FFA_MEM_DATA_MASK) != (er->perms & FFA_MEM_DATA_MASK))
			scn_differs(ok, st, report, field, er->perms & FFA_MEM_DATA_MASK,
				    ar->perms & FFA_MEM_DATA_MASK);
		snprintf(field, sizeof(field), "receiver %u exec", i);
		if ((er->perms & FFA_MEM_INSN_MASK) != 0 &&
		    (ar->perms & FFA_MEM_INSN_MASK) != (er->perms & FFA_MEM_INSN_MASK))
			scn_differs(ok, st, report, field, er->perms & FFA_MEM_INSN_MASK,
				    ar->perms & FFA_MEM_INSN_MASK);
		snprintf(field, sizeof(field), "receiver %u flags", i);
		if (er->flags != 0 && ar->flags != er->flags)
			scn_differs(ok, st, report, field, er->flags, ar->flags);
	}
}

/* Compares the constituents of a retrieve response with the expected ones. */
static void scn_check_ranges(const struct scn_step *st, const struct scn_memdesc *d,
			     const uint8_t *buf, const struct ffa_mem_txn *a, bool *ok,
			     FILE *report)
{
	char field[48];

	if (a->range_count != d->range_count) {
		scn_differs(ok, st, report, "constituent count", d->range_count, a->range_count);
		return;
	}
	for (uint32_t i = 0; i < d->range_count; i++) {
		struct ffa_mem_range r = ffa_memdesc_range(buf, a, i);

		snprintf(field, sizeof(field), "constituent %u address", i);
		if (r.address != d->ranges[i].address)
			scn_differs(ok, st, report, field, d->ranges[i].address, r.address);
		snprintf(field, sizeof(field), "constituent %u pages", i);
		if (r.page_count != d->ranges[i].page_count)
			scn_differs(ok, st, report, field, d->ranges[i].page_count, r.page_count);
	}
}

bool scn_exec_memdesc_check(struct scn_session *s, const struct scn_step *st, FILE *report)
{
	const struct scn_memdesc *d = st->u.mem.desc;
	const struct ffa_mem_txn *e = &d->txn;
	struct ffa_memdesc_fault fault = {"", ""};
	struct ffa_mem_txn a;
	struct scn_place pl;
	uint64_t handle = 0;
	bool ok = true;
	char v[16];

	if (!scn_place_find(s, st, true, &pl, report) ||
	    ((d->given & SCN_MEMDESC_HANDLE) &&
	     !scn_handle_value(s, st, &d->handle, &handle, report)))
		return false;
	if (ffa_memdesc_parse(pl.bytes, (uint32_t)pl.size, pl.version, &a, &fault) != FFA_OK) {
		fprintf(report,
			"%s, line %u: no memory transaction descriptor in the v%s layout "
			"at 0x%" PRIx64 ": %s %s\n",
			st->label, st->line, ffa_version_format(pl.version, v, sizeof(v)), pl.addr,
			fault.field, fault.why);
		return false;
	}
	if ((d->given & SCN_MEMDESC_SENDER) && a.sender != e->sender)
		scn_differs(&ok, st, report, "sender", e->sender, a.sender);
	if ((d->given & SCN_MEMDESC_HANDLE) && a.handle != handle)
		scn_differs(&ok, st, report, "handle", handle, a.handle);
	if ((d->given & SCN_MEMDESC_TAG) && a.tag != e->tag)
		scn_differs(&ok, st, report, "tag", e->tag, a.tag);
	if ((d->given & SCN_MEMDESC_FLAGS) && a.flags != e->flags)
		scn_differs(&ok, st, report, "flags", e->flags, a.flags);
	if ((d->given & SCN_MEMDESC_ATTRIBUTES) && a.attributes != e->attributes)
		scn_differs(&ok, st, report, "attributes", e->attributes, a.attributes);
	if (d->given & SCN_MEMDESC_RECEIVERS)
		scn_check_receivers(st, e, &a, &ok, report);
	if (d->given & SCN_MEMDESC_RANGES)
		scn_check_ranges(st, d, pl.bytes, &a, &ok, report);
	return ok;
}

/* "none", "ro", "rw" (with "x" for instruction fetch). */
static const char *scn_access_text(uint32_t access, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s",
		 (access & SPMC_MEM_WRITE)  ? "rw"
		 : (access & SPMC_MEM_READ) ? "ro"
					    : "none",
		 (access & SPMC_MEM_EXEC) ? "+x" : "");
	return buf;
}

/*
 * What an endpoint may do to the page at addr as the SPMC sees it: a borrower the access it
 * retrieved; the owner its own access unless the page is lent or donated away; anyone else
 * nothing. A page no transaction concerns is the owner's, with the access its ranges give.
 */
static uint32_t scn_spmc_access(struct spmc *spmc, uint16_t id, uint64_t addr)
{
	struct spmc_endpoint *ep = spmc_find_endpoint(spmc, id);
	uint64_t page = addr & ~(uint64_t)(FFA_MEM_PAGE_SIZE - 1);
	struct spmc_page_info info;
	uint32_t own = 0;

	if (ep != NULL && spmc_mem_owns(&ep->mem, page, FFA_MEM_PAGE_SIZE, SPMC_MEM_READ))
		own = spmc_mem_owns(&ep->mem, page, FFA_MEM_PAGE_SIZE, SPMC_MEM_RW) ? SPMC_MEM_RW
										    : SPMC_MEM_READ;
	if (!spmc_mem_page_info(spmc, page, &info))
		return own;
	for (unsigned i = 0; i < info.holder_count; i++) {
		if (info.holders[i] == id)
			return info.holder_access[i] & SPMC_MEM_RW;
	}
	if (info.owner == id && info.state == SPMC_PAGE_SHARED)
		return own;
	return 0;
}

bool scn_exec_access(struct scn_session *s, const struct scn_step *st, FILE *report)
{
	const struct scn_access *a = &st->u.access;
	char e[8], got[8], desc[160];
	uint32_t spmc, mapped;
	struct emu_cpu *cpu;

	if (!s->sim->spmc_enabled) {
		fprintf(report, "%s, line %u: the simulation has no SPMC\n", st->label, st->line);
		return false;
	}
	spmc = scn_spmc_access(&s->sim->spmc, a->endpoint, a->address);
	if (spmc == a->expect) {
		/* The endpoint's own CPU (the normal world's, a binary partition's) must map the
		 * page as the SPMC says: a built-in model has none. */
		cpu = sim_endpoint_cpu(s->sim, a->endpoint);
		if (cpu == NULL)
			return true;
		mapped = emu_cpu_access(cpu, a->address) & (EMU_ACCESS_READ | EMU_ACCESS_WRITE);
		if (mapped == a->expect)
			return true;
		fprintf(report,
			"%s, line %u: expected %s, the SPMC agrees, but the CPU of 0x%04x maps it "
			"%s",
			st->label, st->line, scn_access_text(a->expect, e, sizeof(e)), a->endpoint,
			scn_access_text(mapped, got, sizeof(got)));
	} else {
		fprintf(report, "%s, line %u: expected %s, the SPMC gives 0x%04x %s", st->label,
			st->line, scn_access_text(a->expect, e, sizeof(e)), a->endpoint,
			scn_access_text(spmc, got, sizeof(got)));
	}
	spmc_mem_page_describe(&s->sim->spmc, a->address, desc, sizeof(desc));
	fprintf(report, desc[0] != '\0' ? " (the page is %s)\n" : "%s\n", desc);
	return false;
}

bool scn_call_resolve(struct scn_session *s, const struct scn_step *st, struct scn_call *c,
		      FILE *report)
{
	uint64_t h;

	if (c->length_reg != 0 || c->frag_length_reg != 0) {
		if (s->last_desc_len == 0) {
			fprintf(report, "%s, line %u: no descriptor was written before it\n",
				st->label, st->line);
			return false;
		}
		if (c->length_reg != 0)
			c->args.x[c->length_reg] = s->last_desc_len;
		if (c->frag_length_reg != 0)
			c->args.x[c->frag_length_reg] = s->last_desc_len;
	}
	for (unsigned i = 0; i < c->handle_arg_count; i++) {
		const struct scn_handle_arg *a = &c->handle_args[i];
		const struct scn_handle_ref ref = {.saved = true, .slot = a->slot};

		if (!scn_handle_value(s, st, &ref, &h, report))
			return false;
		c->args.x[a->reg] = a->part == SCN_HANDLE_LO   ? (uint32_t)h
				    : a->part == SCN_HANDLE_HI ? h >> 32
							       : h;
	}
	return true;
}

bool scn_call_handle(struct scn_session *s, const struct scn_step *st,
		     const struct ffa_value *after, FILE *report)
{
	const struct scn_call *c = &st->u.call;
	uint32_t w0 = (uint32_t)after->x[0];
	uint64_t handle, want;
	unsigned lo;

	if (!c->handle_save && !c->handle_check)
		return true;
	/* FFA_SUCCESS of SHARE/LEND/DONATE: w2/w3; a fragment hand-over: w1/w2 (§10.2, §10.3). */
	if (w0 == FFA_SUCCESS_32 || w0 == FFA_SUCCESS_64) {
		lo = 2;
	} else if (w0 == FFA_MEM_FRAG_RX || w0 == FFA_MEM_FRAG_TX) {
		lo = 1;
	} else {
		char name[48];

		fprintf(report, "%s, line %u: the answer (x0 %s) carries no handle\n", st->label,
			st->line, ffa_fid_describe(w0, name, sizeof(name)));
		return false;
	}
	handle = ffa_mem_handle((uint32_t)after->x[lo], (uint32_t)after->x[lo + 1]);
	if (c->handle_save) {
		s->handles[c->handle.slot] = handle;
		s->handle_set[c->handle.slot] = true;
		return true;
	}
	if (!scn_handle_value(s, st, &c->handle, &want, report))
		return false;
	if (handle == want)
		return true;
	fprintf(report,
		"%s, line %u: handle (w%u/w%u) expected 0x%016" PRIx64 ", actual 0x%016" PRIx64
		"\n",
		st->label, st->line, lo, lo + 1, want, handle);
	return false;
}
