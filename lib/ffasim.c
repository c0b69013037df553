/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libffasim's public interface (include/ffa-sim/ffasim.h) over the scenario engine: a
 * simulation is a scenario session with no steps, whose calls come from the embedding program.
 */
#include "ffa-sim/ffasim.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "abi/ffa.h"
#include "scenarios/scenario.h"
#include "sim/system.h"

#define FFASIM_TEXT_MAX 16384

struct ffasim {
	struct scn_scenario scn; /* no steps: the system and the options */
	struct scn_session session;
	bool session_open;
	bool has_guest;
	bool ran;
	struct ffasim_call_record *log;
	size_t log_count;
	size_t log_cap;
	bool log_failed;
	char *empty; /* "" for console/notes that were not kept */
};

const char *ffasim_version(void)
{
	return FFASIM_VERSION_TEXT;
}

static void ffasim_err(char *err, size_t size, const struct diag *d)
{
	char buf[DIAG_FILE_MAX + DIAG_MSG_MAX + 32];

	if (err != NULL && size > 0)
		snprintf(err, size, "%s", diag_format(d, buf, sizeof(buf)));
}

static void ffasim_log(struct ffasim *sim, uint32_t from, enum ffa_conduit conduit,
		       const struct ffa_value *before, const struct ffa_value *after)
{
	struct ffasim_call_record *rec;

	if (sim->log_count == sim->log_cap) {
		size_t cap = sim->log_cap ? sim->log_cap * 2 : 64;
		struct ffasim_call_record *l = realloc(sim->log, cap * sizeof(*l));

		if (l == NULL) {
			sim->log_failed = true;
			return;
		}
		sim->log = l;
		sim->log_cap = cap;
	}
	rec = &sim->log[sim->log_count++];
	rec->from = from;
	rec->conduit = conduit == FFA_CONDUIT_HVC ? FFASIM_HVC : FFASIM_SMC;
	memcpy(rec->before.x, before->x, sizeof(rec->before.x));
	memcpy(rec->after.x, after->x, sizeof(rec->after.x));
}

/* Opens the session of a loaded system (sys is taken over, freed on failure). */
static int ffasim_open_system(struct ffasim **out, const char *name, struct sim_system *sys,
			      const struct ffasim_options *opts, char *err, size_t err_size)
{
	struct ffasim *sim = calloc(1, sizeof(*sim));
	struct scn_session_options so = {0};
	struct diag d = {0};

	*out = NULL;
	if (sim == NULL) {
		free(sys);
		return FFASIM_ERR_INTERNAL;
	}
	snprintf(sim->scn.file, sizeof(sim->scn.file), "%s", name);
	sim->scn.system = sys;
	so.guest_path = opts != NULL ? opts->guest_path : NULL;
	so.system_guest = true;
	so.console = opts != NULL ? opts->console : NULL;
	so.notes = opts != NULL ? opts->notes : NULL;
	so.check = opts != NULL && opts->check != 0;
	sim->has_guest = so.guest_path != NULL || sys->normal_world.image[0] != '\0';
	if (!scn_session_open_with(&sim->session, &sim->scn, &so, &d)) {
		scn_session_close(&sim->session);
		scn_free(&sim->scn);
		free(sim);
		ffasim_err(err, err_size, &d);
		return FFASIM_ERR_INPUT;
	}
	sim->session_open = true;
	*out = sim;
	return FFASIM_OK;
}

int ffasim_open_file(struct ffasim **out, const char *system_path,
		     const struct ffasim_options *opts, char *err, size_t err_size)
{
	struct sim_system *sys = calloc(1, sizeof(*sys));
	struct diag d = {0};

	*out = NULL;
	if (sys == NULL)
		return FFASIM_ERR_INTERNAL;
	if (!sim_system_load(system_path, opts != NULL ? opts->sets : NULL,
			     opts != NULL ? opts->set_count : 0, sys, &d)) {
		free(sys);
		ffasim_err(err, err_size, &d);
		return FFASIM_ERR_INPUT;
	}
	return ffasim_open_system(out, system_path, sys, opts, err, err_size);
}

int ffasim_open_text(struct ffasim **out, const char *name, const char *yaml, size_t size,
		     const struct ffasim_options *opts, char *err, size_t err_size)
{
	struct sim_system *sys = calloc(1, sizeof(*sys));
	struct diag d = {0};

	*out = NULL;
	if (sys == NULL)
		return FFASIM_ERR_INTERNAL;
	if (!sim_system_load_buffer(name, yaml, size, opts != NULL ? opts->sets : NULL,
				    opts != NULL ? opts->set_count : 0, sys, &d)) {
		free(sys);
		ffasim_err(err, err_size, &d);
		return FFASIM_ERR_INPUT;
	}
	return ffasim_open_system(out, name, sys, opts, err, err_size);
}

/* Appends printf output to a bounded text; false once it no longer fits. */
static bool ffasim_put(char *buf, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf + *len, FFASIM_TEXT_MAX - *len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= FFASIM_TEXT_MAX - *len)
		return false;
	*len += (size_t)n;
	return true;
}

/* A YAML double-quoted scalar of text (NULL: ""), or false when it does not fit. */
static bool ffasim_put_str(char *buf, size_t *len, const char *text)
{
	if (!ffasim_put(buf, len, "\""))
		return false;
	for (const char *c = text != NULL ? text : ""; *c != '\0'; c++) {
		if ((unsigned char)*c < 0x20)
			return false;
		if ((*c == '"' || *c == '\\') && !ffasim_put(buf, len, "\\"))
			return false;
		if (!ffasim_put(buf, len, "%c", *c))
			return false;
	}
	return ffasim_put(buf, len, "\"");
}

int ffasim_open_desc(struct ffasim **out, const struct ffasim_system_desc *desc,
		     const struct ffasim_options *opts, char *err, size_t err_size)
{
	char *text = malloc(FFASIM_TEXT_MAX);
	const char *spmc = desc->spmc != NULL ? desc->spmc : "hafnium";
	const char *colon = strchr(spmc, ':');
	size_t len = 0;
	bool ok;
	int status;

	*out = NULL;
	if (text == NULL)
		return FFASIM_ERR_INTERNAL;
	/* The structs become a system file's text, so every check of system files applies. */
	ok = ffasim_put(text, &len, "platform: ") &&
	     ffasim_put_str(text, &len, desc->platform != NULL ? desc->platform : "virt") &&
	     ffasim_put(text, &len, "\n");
	if (strcmp(spmc, "none") == 0) {
		ok = ok && ffasim_put(text, &len, "spmc: none\n");
	} else {
		ok = ok &&
		     ffasim_put(text, &len, "spmc:\n  personality: \"%.*s\"\n",
				(int)(colon != NULL ? colon - spmc : (long)strlen(spmc)), spmc);
		if (colon != NULL)
			ok = ok && ffasim_put(text, &len, "  version: ") &&
			     ffasim_put_str(text, &len, colon + 1) && ffasim_put(text, &len, "\n");
	}
	if (desc->hypervisor != NULL) {
		const char *hc = strchr(desc->hypervisor, ':');

		ok = ok && ffasim_put(text, &len, "hypervisor:\n  model: \"%.*s\"\n",
				      (int)(hc != NULL ? hc - desc->hypervisor
						       : (long)strlen(desc->hypervisor)),
				      desc->hypervisor);
		if (hc != NULL)
			ok = ok && ffasim_put(text, &len, "  profile: ") &&
			     ffasim_put_str(text, &len, hc + 1) && ffasim_put(text, &len, "\n");
	}
	if (desc->partition_count > 0)
		ok = ok && ffasim_put(text, &len, "partitions:\n");
	for (unsigned i = 0; ok && i < desc->partition_count; i++) {
		const struct ffasim_partition_desc *p = &desc->partitions[i];

		ok = ffasim_put(text, &len, "  - name: ") && ffasim_put_str(text, &len, p->name) &&
		     ffasim_put(text, &len, "\n    id: 0x%04x\n    uuid: ", p->id) &&
		     ffasim_put_str(text, &len, p->uuid) &&
		     ffasim_put(text, &len, "\n    ffa-version: ") &&
		     ffasim_put_str(text, &len, p->ffa_version != NULL ? p->ffa_version : "1.2") &&
		     ffasim_put(text, &len,
				"\n    messaging-method: [direct-req-recv, "
				"direct-req2-recv]\n");
		if (ok && p->image != NULL)
			ok = ffasim_put(text, &len, "    image: ") &&
			     ffasim_put_str(text, &len, p->image) &&
			     ffasim_put(text, &len,
					"\n    load-address: 0x%llx\n    memory-size: 0x%llx\n",
					(unsigned long long)p->load_address,
					(unsigned long long)(p->memory_size ? p->memory_size
									    : 0x100000));
		else if (ok)
			ok = ffasim_put(text, &len, "    model: ") &&
			     ffasim_put_str(text, &len, p->model != NULL ? p->model : "echo") &&
			     ffasim_put(text, &len, "\n");
	}
	if (!ok) {
		free(text);
		if (err != NULL && err_size > 0)
			snprintf(err, err_size,
				 "the system description is too long or holds a "
				 "control character");
		return FFASIM_ERR_INPUT;
	}
	status = ffasim_open_text(out, "<ffasim_system_desc>", text, len, opts, err, err_size);
	free(text);
	return status;
}

int ffasim_call(struct ffasim *sim, uint32_t from, enum ffasim_conduit conduit,
		const struct ffasim_regs *in, struct ffasim_regs *out)
{
	struct scn_call c = {0};
	struct ffa_value after;
	bool stopped = false;
	char *text = NULL;
	size_t size = 0;
	FILE *report = open_memstream(&text, &size);
	bool ok;

	if (report == NULL)
		return FFASIM_ERR_INTERNAL;
	c.from_host = from == FFASIM_FROM_HOST;
	c.from_id = c.from_host ? 0 : (uint16_t)from;
	c.conduit = conduit == FFASIM_HVC ? FFA_CONDUIT_HVC : FFA_CONDUIT_SMC;
	memcpy(c.args.x, in->x, sizeof(c.args.x));
	ok = (c.from_host || from <= 0xffffu) &&
	     scn_session_call(&sim->session, &c, &after, &stopped, report);
	fclose(report);
	free(text);
	if (!ok)
		return FFASIM_ERR_INPUT;
	if (stopped)
		return FFASIM_ERR_STOPPED;
	memcpy(out->x, after.x, sizeof(out->x));
	ffasim_log(sim, from, c.conduit, &c.args, &after);
	return FFASIM_OK;
}

int ffasim_run(struct ffasim *sim)
{
	struct scn_recorder rec;
	int status;

	if (!sim->has_guest || sim->ran)
		return FFASIM_ERR_INPUT;
	sim->ran = true;
	scn_recorder_attach(&rec, sim->session.sim);
	status = sim_run(sim->session.sim);
	scn_recorder_detach(&rec);
	for (size_t i = 0; i < rec.count; i++)
		ffasim_log(sim, FFASIM_FROM_HOST, rec.calls[i].conduit, &rec.calls[i].before,
			   &rec.calls[i].after);
	scn_recorder_free(&rec);
	return status;
}

size_t ffasim_call_count(const struct ffasim *sim)
{
	return sim->log_count;
}

int ffasim_call_at(const struct ffasim *sim, size_t i, struct ffasim_call_record *rec)
{
	if (i >= sim->log_count)
		return FFASIM_ERR_INPUT;
	*rec = sim->log[i];
	return FFASIM_OK;
}

/* Flushes a kept stream and returns its text ("" when it was not kept). */
static const char *ffasim_kept(FILE *stream, char *const *text)
{
	if (stream == NULL || *text == NULL)
		return "";
	fflush(stream);
	return *text;
}

const char *ffasim_console(struct ffasim *sim)
{
	return ffasim_kept(sim->session.console_out, &sim->session.console);
}

const char *ffasim_notes(struct ffasim *sim)
{
	return ffasim_kept(sim->session.notes_out, &sim->session.notes);
}

void ffasim_close(struct ffasim *sim)
{
	if (sim == NULL)
		return;
	if (sim->session_open)
		scn_session_close(&sim->session);
	scn_free(&sim->scn);
	free(sim->log);
	free(sim);
}
