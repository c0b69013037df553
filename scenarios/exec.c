/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Executing scenario steps against a simulation built without a guest: host calls go through
 * the host CPU's routed SMC/HVC targets and the result-register rule, exactly as the trap path
 * would hand them to a guest; partition calls go into the SPMC's dispatcher.
 */
#include <stdlib.h>
#include <string.h>

#include "abi/ffa.h"
#include "abi/ids.h"
#include "abi/partinfo.h"
#include "abi/uuid.h"
#include "internal.h"
#include "sim/dispatch.h"

bool scn_system_config(const struct sim_system *sys, const struct scn_options *opts,
		       struct sim_config *cfg, struct hyp_pkvm_config *hyp, struct diag *err)
{
	if (sys->hypervisor.present && !sim_system_hypervisor(sys, NULL, hyp, err))
		return false;
	sim_system_config(sys, sys->hypervisor.present ? hyp : NULL, cfg);
	if (opts != NULL) {
		cfg->builtin_images = opts->builtin_images;
		cfg->builtin_image_count = opts->builtin_image_count;
	}
	cfg->quiet = true;
	return true;
}

bool scn_session_open(struct scn_session *s, const struct scn_scenario *scn, struct diag *err)
{
	return scn_session_open_with(s, scn, NULL, err);
}

bool scn_session_open_with(struct scn_session *s, const struct scn_scenario *scn,
			   const struct scn_session_options *o, struct diag *err)
{
	static const struct scn_session_options none;
	struct sim_config cfg;

	if (o == NULL)
		o = &none;
	memset(s, 0, sizeof(*s));
	s->scn = scn;
	s->sim = malloc(sizeof(*s->sim)); /* sim_open clears what it uses */
	if (o->console == NULL)
		s->console_out = open_memstream(&s->console, &s->console_size);
	if (o->notes == NULL)
		s->notes_out = open_memstream(&s->notes, &s->notes_size);
	if (s->sim == NULL || (o->console == NULL && s->console_out == NULL) ||
	    (o->notes == NULL && s->notes_out == NULL)) {
		diag_set(err, scn->file, 0, 0, "out of memory");
		goto unopened;
	}
	/* The simulation's configuration points to s->hyp: it lives as long as the session. */
	if (!scn_system_config(scn->system, &scn->opts, &cfg, &s->hyp, err))
		goto unopened;
	if (o->guest_path != NULL) {
		cfg.guest_path = o->guest_path;
	} else if (!o->system_guest || cfg.guest_path == NULL) {
		/* No guest: the steps (or the embedding program) make the calls. */
		cfg.guest_path = NULL;
		cfg.load_addr_set = false;
		cfg.entry_set = false;
		cfg.dtb_path = NULL;
	}
	cfg.console_out = o->console != NULL ? o->console : s->console_out;
	cfg.notes = o->notes != NULL ? o->notes : s->notes_out;
	/* Calls made by steps are not trapped: the conformance checker sees only a guest's. */
	cfg.no_check = !o->check;
	cfg.quiet = !o->check;
	cfg.obs = o->obs;
	return sim_open(s->sim, &cfg, err);
unopened:
	/* sim_open never ran on it: nothing to close. */
	free(s->sim);
	s->sim = NULL;
	return false;
}

void scn_session_close(struct scn_session *s)
{
	if (s->sim != NULL) {
		sim_close(s->sim);
		free(s->sim);
	}
	if (s->console_out != NULL)
		fclose(s->console_out);
	if (s->notes_out != NULL)
		fclose(s->notes_out);
	free(s->console);
	free(s->notes);
	memset(s, 0, sizeof(*s));
}

/* A short name for a register value in the context of a call and its answer. */
static const char *scn_decode(uint32_t fid, unsigned reg, uint64_t value, uint64_t x0, char *buf,
			      size_t size)
{
	const char *name;

	buf[0] = '\0';
	if (reg == 0 && fid == FFA_VERSION) {
		if ((uint32_t)value == SMCCC_NOT_SUPPORTED)
			snprintf(buf, size, "NOT_SUPPORTED");
		else if (ffa_version_valid((uint32_t)value) && value <= UINT32_MAX)
			ffa_version_format((uint32_t)value, buf, size);
		return buf;
	}
	if (reg == 0 && value <= UINT32_MAX && (name = ffa_fid_name((uint32_t)value)) != NULL) {
		snprintf(buf, size, "%s", name);
		return buf;
	}
	if (reg == 0 && (uint32_t)value == SMCCC_NOT_SUPPORTED) {
		snprintf(buf, size, "NOT_SUPPORTED");
		return buf;
	}
	if (reg == 2 && (uint32_t)x0 == FFA_ERROR_32 &&
	    (name = ffa_error_name((int32_t)(uint32_t)value)) != NULL)
		snprintf(buf, size, "%s", name);
	return buf;
}

/*
 * The report of a failed call: the call, then per register the argument, the expectation and
 * the answer in hex, with names decoded, the registers that differ marked.
 */
static void scn_call_report(const struct scn_step *st, const struct ffa_value *args,
			    const struct ffa_value *after, uint32_t bad, FILE *out)
{
	const struct scn_call *c = &st->u.call;
	uint32_t fid = (uint32_t)args->x[0];
	char exp[24], dec_e[40], dec_a[40];

	fprintf(out, "%s, line %u\n", st->label, st->line);
	fprintf(out, "reg  argument            expected            actual\n");
	for (unsigned r = 0; r < FFA_REG_COUNT; r++) {
		const struct scn_reg_expect *e = &c->expect[r];
		bool unchanged = (c->unchanged >> r) & 1u;

		if (r > 7 && !e->set && !unchanged && !((bad >> r) & 1u))
			continue;
		if (e->set && e->any)
			snprintf(exp, sizeof(exp), "%-18s", "any");
		else if (e->set && e->mask != UINT64_MAX)
			snprintf(exp, sizeof(exp), "0x%016llx", (unsigned long long)e->value);
		else if (e->set)
			snprintf(exp, sizeof(exp), "0x%016llx", (unsigned long long)e->value);
		else if (unchanged)
			snprintf(exp, sizeof(exp), "%-18s", "unchanged");
		else
			snprintf(exp, sizeof(exp), "%-18s", "-");
		fprintf(out, "x%-3u 0x%016llx  %s  0x%016llx", r, (unsigned long long)args->x[r],
			exp, (unsigned long long)after->x[r]);
		scn_decode(fid, r, e->set && !e->any ? e->value : 0, e->set ? e->value : 0, dec_e,
			   sizeof(dec_e));
		scn_decode(fid, r, after->x[r], after->x[0], dec_a, sizeof(dec_a));
		if (!e->set || e->any)
			dec_e[0] = '\0';
		if (e->set && e->mask != UINT64_MAX)
			fprintf(out, "  mask 0x%llx", (unsigned long long)e->mask);
		if (dec_e[0] != '\0' || dec_a[0] != '\0')
			fprintf(out, "  (%s / %s)", dec_e[0] ? dec_e : "-", dec_a[0] ? dec_a : "-");
		if ((bad >> r) & 1u)
			fprintf(out, "  <- differs");
		fputc('\n', out);
	}
}

bool scn_session_call(struct scn_session *s, const struct scn_call *c, struct ffa_value *after,
		      bool *stopped, FILE *report)
{
	struct sim *sim = s->sim;

	*stopped = false;
	*after = c->args;
	if (c->from_host) {
		struct emu_cpu *cpu = &sim->host;
		struct emu_call call = {.conduit = c->conduit, .args = c->args};
		struct emu_dispatched out = {.answer = NULL};

		emu_call_decode(&call);
		if (emu_cpu_routed(cpu, c->conduit).fn == NULL) {
			fprintf(report, "nothing handles the host's %s\n",
				c->conduit == FFA_CONDUIT_HVC ? "HVC" : "SMC");
			return false;
		}
		/* Through the host's routes, as the guest's own call would go. */
		if (!sim_dispatch(cpu, NULL, &call, NULL, &out)) {
			*stopped = true;
			/* The run would end here; clear it so that later steps can go on. */
			memset(&cpu->stop, 0, sizeof(cpu->stop));
			return true;
		}
		*after = call.args;
		return true;
	}
	/* From an SPMC endpoint: the SPMC answers it directly. */
	struct sim_endpoint_caller ec = {
		.spmc = &sim->spmc,
		.ep = sim->spmc_enabled ? spmc_find_endpoint(&sim->spmc, c->from_id) : NULL,
	};
	struct emu_call_target t = sim_endpoint_target(&ec);

	if (ec.ep == NULL) {
		fprintf(report, "no endpoint 0x%04x in the SPMC\n", c->from_id);
		return false;
	}
	return sim_dispatch_regs(&t, c->conduit, after, NULL, NULL);
}

static bool scn_exec_call(struct scn_session *s, const struct scn_step *st, FILE *report)
{
	struct scn_call resolved = st->u.call;
	const struct scn_call *c = &resolved;
	struct ffa_value after;
	uint32_t bad = 0;
	bool stopped;

	/* Lengths and handles that come from earlier steps. */
	if (!scn_call_resolve(s, st, &resolved, report) ||
	    !scn_session_call(s, c, &after, &stopped, report))
		return false;
	if (stopped || c->expect_stop) {
		if (stopped && c->expect_stop)
			return true;
		fprintf(report, "%s, line %u: %s\n", st->label, st->line,
			stopped ? "the call ended the run (expect stop: true for that)"
				: "expected the call to end the run; it was answered");
		if (!stopped)
			scn_call_report(st, &c->args, &after, 0, report);
		return false;
	}
	for (unsigned r = 0; r < FFA_REG_COUNT; r++) {
		const struct scn_reg_expect *e = &c->expect[r];

		if (e->set && !e->any && (after.x[r] & e->mask) != e->value)
			bad |= UINT32_C(1) << r;
		if (((c->unchanged >> r) & 1u) && after.x[r] != c->args.x[r])
			bad |= UINT32_C(1) << r;
	}
	/* A handle is saved even when a register differs, so that later steps can name it. */
	if (bad == 0)
		return scn_call_handle(s, st, &after, report);
	scn_call_report(st, &c->args, &after, bad, report);
	scn_call_handle(s, st, &after, report);
	return false;
}

/* The host view of guest memory for a step: non-secure RAM only. */
static uint8_t *scn_mem(struct scn_session *s, const struct scn_step *st, size_t size, FILE *report)
{
	uint8_t *p = emu_memory_ptr(&s->sim->memory, st->u.mem.address, size, false);

	if (p == NULL)
		fprintf(report, "%s, line %u: [0x%llx, +%zu) is not in non-secure RAM\n", st->label,
			st->line, (unsigned long long)st->u.mem.address, size);
	return p;
}

static void scn_hexdump(const char *what, const uint8_t *b, size_t size, FILE *out)
{
	fprintf(out, "%-9s", what);
	for (size_t i = 0; i < size && i < 64; i++)
		fprintf(out, " %02x", b[i]);
	fprintf(out, size > 64 ? " ...\n" : "\n");
}

static bool scn_exec_check(struct scn_session *s, const struct scn_step *st, FILE *report)
{
	const struct scn_memory *m = &st->u.mem;
	size_t dsize = ffa_partinfo_size(m->layout);
	const uint8_t *p;
	bool ok = true;

	if (m->descriptor_count == 0) {
		p = scn_mem(s, st, m->size, report);
		if (p == NULL)
			return false;
		if (memcmp(p, m->bytes, m->size) == 0)
			return true;
		for (size_t i = 0; i < m->size; i++) {
			if (p[i] != m->bytes[i]) {
				fprintf(report,
					"%s, line %u: first difference at byte %zu (0x%llx)\n",
					st->label, st->line, i,
					(unsigned long long)(m->address + i));
				break;
			}
		}
		scn_hexdump("expected", m->bytes, m->size, report);
		scn_hexdump("actual", p, m->size, report);
		return false;
	}
	p = scn_mem(s, st, dsize * m->descriptor_count, report);
	if (p == NULL)
		return false;
	for (unsigned i = 0; i < m->descriptor_count; i++) {
		const struct scn_descriptor *d = &m->descriptors[i];
		struct ffa_partinfo info;
		char ue[FFA_UUID_TEXT_SIZE], ua[FFA_UUID_TEXT_SIZE];

		ffa_partinfo_read(p + i * dsize, m->layout, &info);
		if (info.id != d->id ||
		    (d->exec_ctx_set && info.exec_ctx_count != d->exec_ctx_count) ||
		    (d->props_set && info.props != d->props) ||
		    (d->uuid_set && !ffa_uuid_equal(info.uuid, d->uuid))) {
			if (ok)
				fprintf(report, "%s, line %u\n", st->label, st->line);
			ok = false;
			fprintf(report,
				"descriptor %u: expected id 0x%04x contexts %s%u properties %s0x%x "
				"uuid %s\n",
				i, d->id, d->exec_ctx_set ? "" : "any/", d->exec_ctx_count,
				d->props_set ? "" : "any/", d->props,
				d->uuid_set ? ffa_uuid_format(d->uuid, ue, sizeof(ue)) : "any");
			fprintf(report,
				"descriptor %u: actual   id 0x%04x contexts %u properties 0x%x "
				"uuid %s\n",
				i, info.id, info.exec_ctx_count, info.props,
				ffa_uuid_format(info.uuid, ua, sizeof(ua)));
		}
	}
	return ok;
}

/* Runs a guest in a simulation of its own, of the same system, and checks its outcome. */
static bool scn_exec_run(struct scn_session *s, const struct scn_step *st, FILE *report)
{
	const struct scn_run *r = st->u.run;
	struct hyp_pkvm_config hyp;
	struct sim *sim = calloc(1, sizeof(*sim));
	char *console = NULL, *notes = NULL;
	size_t csize = 0, nsize = 0;
	FILE *cout = open_memstream(&console, &csize);
	FILE *nout = open_memstream(&notes, &nsize);
	struct sim_config cfg;
	struct diag d = {0};
	char msg[DIAG_FILE_MAX + DIAG_MSG_MAX + 32];
	bool ok = false;
	int status = -1;

	if (sim == NULL || cout == NULL || nout == NULL) {
		fprintf(report, "out of memory\n");
		goto out;
	}
	if (!scn_system_config(s->scn->system, &s->scn->opts, &cfg, &hyp, &d)) {
		fprintf(report, "%s, line %u: %s\n", st->label, st->line,
			diag_format(&d, msg, sizeof(msg)));
		goto out;
	}
	cfg.guest_path = r->image;
	cfg.console_out = cout;
	cfg.notes = nout;
	if (!sim_open(sim, &cfg, &d)) {
		fprintf(report, "%s, line %u: %s\n", st->label, st->line,
			diag_format(&d, msg, sizeof(msg)));
		sim_close(sim);
		goto out;
	}
	status = sim_run(sim);
	sim_close(sim);
	fflush(cout);
	fflush(nout);
	ok = !r->status_set || status == r->status;
	if (!ok)
		fprintf(report, "%s, line %u: exit status %d, expected %d\n", st->label, st->line,
			status, r->status);
	/* Each expected line is found in a console line, in order. */
	const char *at = console != NULL ? console : "";
	for (unsigned i = 0; i < r->console_count; i++) {
		const char *hit = strstr(at, r->console[i]);

		if (hit == NULL) {
			if (ok)
				fprintf(report, "%s, line %u\n", st->label, st->line);
			fprintf(report, "console line not found (in order): \"%s\"\n",
				r->console[i]);
			ok = false;
			break;
		}
		at = strchr(hit, '\n') != NULL ? strchr(hit, '\n') + 1 : hit + strlen(hit);
	}
	if (!ok && console != NULL) {
		fprintf(report, "console of the run:\n");
		for (const char *l = console; *l != '\0';) {
			const char *e = strchr(l, '\n');
			int n = e != NULL ? (int)(e - l) : (int)strlen(l);

			fprintf(report, "  %.*s\n", n, l);
			l += n + (e != NULL);
		}
	}
out:
	if (cout != NULL)
		fclose(cout);
	if (nout != NULL)
		fclose(nout);
	free(console);
	free(notes);
	free(sim);
	return ok;
}

static bool scn_exec_event(struct scn_session *s, const struct scn_step *st, FILE *report)
{
	bool done;

	if (!s->sim->hyp_enabled) {
		fprintf(report, "%s, line %u: the simulation has no hypervisor\n", st->label,
			st->line);
		return false;
	}
	done = sim_finalise_pkvm(&s->sim->host, &s->sim->hyp);
	if (!st->u.event.expect_set || done == st->u.event.expect)
		return true;
	fprintf(report, "%s, line %u: expected %s, the proxy %s (state %s)\n", st->label, st->line,
		st->u.event.expect ? "a finalisation" : "a refusal",
		done ? "was finalised now" : "was finalised before or failed",
		hyp_pkvm_state_name(s->sim->hyp.state));
	return false;
}

static bool scn_exec_switch(struct scn_session *s, const struct scn_step *st, FILE *report)
{
	const struct scn_switch *sw = &st->u.sw;

	if (sw->hyp_count > 0 && !s->sim->hyp_enabled) {
		fprintf(report, "%s, line %u: the simulation has no hypervisor\n", st->label,
			st->line);
		return false;
	}
	for (unsigned i = 0; i < sw->hyp_count; i++)
		s->sim->hyp.cfg.sw[sw->hyp[i].sw] = sw->hyp[i].value;
	if (sw->personality != NULL) {
		if (!s->sim->spmc_enabled) {
			fprintf(report, "%s, line %u: the simulation has no SPMC\n", st->label,
				st->line);
			return false;
		}
		s->sim->spmc.cfg.personality = sw->personality;
	}
	return true;
}

bool scn_step_execute(struct scn_session *s, unsigned i, FILE *report)
{
	const struct scn_step *st = &s->scn->steps[i];
	uint8_t *p;

	switch (st->kind) {
	case SCN_STEP_CALL:
		return scn_exec_call(s, st, report);
	case SCN_STEP_WRITE:
		if (st->u.mem.desc != NULL)
			return scn_exec_memdesc_write(s, st, report);
		if (st->u.mem.msg != NULL)
			return scn_exec_msg_write(s, st, report);
		p = scn_mem(s, st, st->u.mem.size, report);
		if (p != NULL)
			memcpy(p, st->u.mem.bytes, st->u.mem.size);
		return p != NULL;
	case SCN_STEP_CHECK:
		if (st->u.mem.desc != NULL)
			return scn_exec_memdesc_check(s, st, report);
		if (st->u.mem.msg != NULL)
			return scn_exec_msg_check(s, st, report);
		return scn_exec_check(s, st, report);
	case SCN_STEP_RUN:
		return scn_exec_run(s, st, report);
	case SCN_STEP_EVENT:
		return scn_exec_event(s, st, report);
	case SCN_STEP_SWITCH:
		return scn_exec_switch(s, st, report);
	case SCN_STEP_ACCESS:
		return scn_exec_access(s, st, report);
	}
	return false;
}
