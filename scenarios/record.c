/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Recording a guest run as a scenario: an observer on the host CPU keeps every answered call
 * (the registers before and after), then the conversation is written as call steps whose
 * expectations are the answers. The observer slot holds one observer, so the recorder chains
 * to the one it replaces (the conformance checker).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "abi/ffa.h"
#include "internal.h"

/* Sees one answered call of the host: keeps it, then hands it to the previous observer. */
static void scn_record_call(void *ctx, struct emu_cpu *cpu, const struct emu_call *before,
			    const struct ffa_value *after, struct ffa_result_rule rule)
{
	struct scn_recorder *rec = ctx;

	if (rec->count == rec->capacity && !rec->out_of_memory) {
		size_t cap = rec->capacity ? rec->capacity * 2 : 64;
		struct scn_recorded_call *c = realloc(rec->calls, cap * sizeof(*c));

		if (c == NULL) {
			rec->out_of_memory = true;
		} else {
			rec->calls = c;
			rec->capacity = cap;
		}
	}
	if (rec->count < rec->capacity) {
		struct scn_recorded_call *c = &rec->calls[rec->count++];

		c->conduit = before->conduit;
		c->before = before->args;
		c->after = *after;
	}
	if (rec->previous.fn != NULL)
		rec->previous.fn(rec->previous.ctx, cpu, before, after, rule);
}

void scn_recorder_attach(struct scn_recorder *rec, struct sim *sim)
{
	memset(rec, 0, sizeof(*rec));
	rec->sim = sim;
	rec->previous = sim->host.observer;
	/* A recording keeps the caller's x8-x17 of 32-bit calls too. */
	emu_cpu_observe(&sim->host, (struct emu_call_observer){scn_record_call, rec, true});
}

void scn_recorder_detach(struct scn_recorder *rec)
{
	if (rec->sim != NULL && rec->sim->host.observer.ctx == rec)
		emu_cpu_observe(&rec->sim->host, rec->previous);
	rec->sim = NULL;
}

void scn_recorder_free(struct scn_recorder *rec)
{
	free(rec->calls);
	rec->calls = NULL;
	rec->count = rec->capacity = 0;
}

/* Writes a YAML double-quoted string. */
static void scn_yaml_quoted(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(out, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(out, "\\x%02x", (unsigned char)*s);
		else
			fputc(*s, out);
	}
	fputc('"', out);
}

/* A register value as the scenario writes it: x0 by name where it is a known function. */
static void scn_write_value(FILE *out, unsigned reg, uint64_t v)
{
	char name[48];

	if (reg == 0 && v <= UINT32_MAX && ffa_fid_name((uint32_t)v) != NULL)
		fprintf(out, "%s", scn_fid_text((uint32_t)v, name, sizeof(name)));
	else if (v < 10)
		fprintf(out, "%llu", (unsigned long long)v);
	else
		fprintf(out, "0x%llx", (unsigned long long)v);
}

bool scn_recorder_write(const struct scn_recorder *rec, const struct scn_record_source *src,
			FILE *out, struct diag *err)
{
	char path[PATH_MAX], fname[48];
	const char *system = src->system;

	if (rec->out_of_memory) {
		diag_set(err, NULL, 0, 0, "the recording ran out of memory");
		return false;
	}
	if (rec->count == 0) {
		diag_set(err, NULL, 0, 0, "the run made no call to record");
		return false;
	}
	/* A system file is named by its absolute path, so that the scenario can live anywhere. */
	if (system != NULL && strncmp(system, "builtin:", 8) != 0 && system[0] != '/' &&
	    realpath(system, path) != NULL)
		system = path;
	fprintf(out, "# SPDX-License-Identifier: BSD-3-Clause\n");
	fprintf(out, "# Recorded from a run%s%s: %zu call(s) of the host, each with its answer.\n",
		src->guest != NULL ? " of " : "", src->guest != NULL ? src->guest : "", rec->count);
	fprintf(out, "description: ");
	if (src->description != NULL) {
		scn_yaml_quoted(out, src->description);
	} else {
		char text[SIM_DESCRIPTION_MAX];

		snprintf(text, sizeof(text), "recorded from %s",
			 src->guest != NULL ? src->guest : "a guest run");
		scn_yaml_quoted(out, text);
	}
	fprintf(out, "\nsystem: ");
	scn_yaml_quoted(out, system != NULL ? system : "builtin:default");
	fputc('\n', out);
	if (src->set_count > 0) {
		fprintf(out, "set:\n");
		for (unsigned i = 0; i < src->set_count; i++) {
			fprintf(out, "  - ");
			scn_yaml_quoted(out, src->sets[i]);
			fputc('\n', out);
		}
	}
	fprintf(out, "steps:\n");
	for (size_t i = 0; i < rec->count; i++) {
		const struct scn_recorded_call *c = &rec->calls[i];
		uint32_t fid = ffa_fid_strip_hint((uint32_t)c->before.x[0]);

		fprintf(out, "  - call:\n      from: host\n      conduit: %s\n      function: ",
			c->conduit == FFA_CONDUIT_HVC ? "hvc" : "smc");
		/* The SVE hint bit is part of the caller's x0: keep the number then. */
		if (c->before.x[0] == fid && ffa_fid_name(fid) != NULL)
			fprintf(out, "%s\n", scn_fid_text(fid, fname, sizeof(fname)));
		else
			fprintf(out, "0x%llx\n", (unsigned long long)c->before.x[0]);
		for (unsigned r = 1; r < FFA_REG_COUNT; r++) {
			if (c->before.x[r] != 0)
				fprintf(out, "      x%u: 0x%llx\n", r,
					(unsigned long long)c->before.x[r]);
		}
		fprintf(out, "      expect:\n");
		for (unsigned r = 0; r < FFA_REG_COUNT; r++) {
			fprintf(out, "        x%u: ", r);
			scn_write_value(out, r, c->after.x[r]);
			fputc('\n', out);
		}
	}
	if (ferror(out)) {
		diag_set(err, NULL, 0, 0, "cannot write the scenario");
		return false;
	}
	return true;
}
