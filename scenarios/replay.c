/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Replaying scenario files: shard selection, loading every file before anything runs, one
 * simulation per file, TAP on the output (TAP 13: the plan, one test point per step,
 * diagnostics as "# " lines), JUnit XML on request and a progress bar on a terminal.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "sim/obs.h"

/* Files at or above which a terminal gets a progress bar. */
#define SCN_PROGRESS_MIN_FILES 2
#define SCN_PROGRESS_WIDTH 30

bool scn_shard_parse(const char *text, unsigned *index, unsigned *count, struct diag *err)
{
	const char *slash = text != NULL ? strchr(text, '/') : NULL;
	char *end;
	unsigned long k, n;

	if (slash == NULL || slash == text)
		goto bad;
	errno = 0;
	k = strtoul(text, &end, 10);
	if (errno != 0 || end != slash || text[0] == '-' || text[0] == '+')
		goto bad;
	n = strtoul(slash + 1, &end, 10);
	if (errno != 0 || *end != '\0' || slash[1] == '\0' || slash[1] == '-' || slash[1] == '+')
		goto bad;
	if (n == 0 || k == 0 || k > n || n > 100000) {
		diag_set(err, NULL, 0, 0, "--shard %s: K must be from 1 to N (N at least 1)", text);
		return false;
	}
	*index = (unsigned)k;
	*count = (unsigned)n;
	return true;
bad:
	diag_set(err, NULL, 0, 0, "--shard %s: expected K/N, as in 2/4", text != NULL ? text : "");
	return false;
}

void scn_shard_assign(const unsigned *steps, unsigned count, unsigned shard_count,
		      unsigned *shard_of)
{
	unsigned *order = calloc(count + 1, sizeof(*order));
	unsigned long long *load = calloc(shard_count + 1, sizeof(*load));

	if (shard_count <= 1 || order == NULL || load == NULL) {
		/* One shard, or no memory to balance with: file i goes to shard i mod N. */
		for (unsigned i = 0; i < count; i++)
			shard_of[i] = shard_count <= 1 ? 1 : i % shard_count + 1;
		free(order);
		free(load);
		return;
	}
	/*
	 * Longest first, each to the shard with the fewest steps so far (ties: the lowest shard;
	 * equal files: the earlier one first). Insertion sort keeps it stable and needs no
	 * comparison context; corpora are thousands of files, not millions.
	 */
	for (unsigned i = 0; i < count; i++) {
		unsigned j = i;

		while (j > 0 && steps[order[j - 1]] < steps[i]) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = i;
	}
	for (unsigned i = 0; i < count; i++) {
		unsigned best = 0;

		for (unsigned k = 1; k < shard_count; k++) {
			if (load[k] < load[best])
				best = k;
		}
		shard_of[order[i]] = best + 1;
		load[best] += steps[order[i]] > 0 ? steps[order[i]] : 1;
	}
	free(order);
	free(load);
}

bool scn_shard_plan(const char *const *files, unsigned count, const struct scn_options *opts,
		    unsigned shard_count, unsigned *shard_of, unsigned *steps, struct diag *err)
{
	(void)opts;
	for (unsigned i = 0; i < count; i++) {
		if (!scn_count_steps(files[i], &steps[i], err))
			return false;
	}
	scn_shard_assign(steps, count, shard_count, shard_of);
	return true;
}

int scn_replay_list(const char *const *files, unsigned count, const struct scn_replay_options *opts,
		    FILE *out)
{
	FILE *errors = opts->errors != NULL ? opts->errors : stderr;
	unsigned n = opts->shard_count > 0 ? opts->shard_count : 1;
	unsigned *shard_of = calloc(count + 1, sizeof(*shard_of));
	unsigned *steps = calloc(count + 1, sizeof(*steps));
	char msg[DIAG_FILE_MAX + DIAG_MSG_MAX + 32];
	struct diag d = {0};
	int status = SCN_STATUS_PASS;

	if (shard_of == NULL || steps == NULL) {
		fprintf(errors, "ffa-sim: out of memory\n");
		status = SCN_STATUS_USAGE;
		goto out;
	}
	if (!scn_shard_plan(files, count, &opts->scn, n, shard_of, steps, &d)) {
		fprintf(errors, "ffa-sim: %s\n", diag_format(&d, msg, sizeof(msg)));
		status = SCN_STATUS_USAGE;
		goto out;
	}
	for (unsigned i = 0; i < count; i++) {
		if (opts->shard_count == 0 || shard_of[i] == opts->shard_index)
			fprintf(out, "%u/%u\t%u\t%s\n", shard_of[i], n, steps[i], files[i]);
	}
	for (unsigned k = 1; k <= n; k++) {
		unsigned f = 0, st = 0;

		for (unsigned i = 0; i < count; i++) {
			if (shard_of[i] == k) {
				f++;
				st += steps[i];
			}
		}
		fprintf(out, "# shard %u/%u: %u file(s), %u step(s)\n", k, n, f, st);
	}
out:
	free(shard_of);
	free(steps);
	return status;
}

/* The outcome of one step, kept for the JUnit file. */
struct scn_outcome {
	bool pass;
	char *report; /* malloc'd, NULL when it passed */
};

/* Writes a report as TAP diagnostics: each line prefixed with "# ". */
static void scn_tap_diag(FILE *out, const char *text)
{
	while (*text != '\0') {
		const char *e = strchr(text, '\n');
		int n = e != NULL ? (int)(e - text) : (int)strlen(text);

		fprintf(out, "#   %.*s\n", n, text);
		text += n + (e != NULL);
	}
}

static void scn_progress(FILE *tty, unsigned done, unsigned total, unsigned failed)
{
	unsigned fill = total ? done * SCN_PROGRESS_WIDTH / total : SCN_PROGRESS_WIDTH;

	fprintf(tty, "\r[");
	for (unsigned i = 0; i < SCN_PROGRESS_WIDTH; i++)
		fputc(i < fill ? '#' : ' ', tty);
	fprintf(tty, "] %u/%u files, %u failed step(s)", done, total, failed);
	if (done == total)
		fputc('\n', tty);
	fflush(tty);
}

static bool scn_write_junit(const char *path, struct scn_scenario *scns, unsigned count,
			    struct scn_outcome *const *outcomes, FILE *errors)
{
	FILE *f = fopen(path, "w");
	unsigned tests = 0, failures = 0;

	if (f == NULL) {
		fprintf(errors, "ffa-sim: %s: cannot write the JUnit file: %s\n", path,
			strerror(errno));
		return false;
	}
	for (unsigned i = 0; i < count; i++) {
		for (unsigned s = 0; s < scns[i].step_count; s++) {
			tests++;
			failures += !outcomes[i][s].pass;
		}
	}
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(f, "<testsuites name=\"ffa-sim replay\" tests=\"%u\" failures=\"%u\">\n", tests,
		failures);
	for (unsigned i = 0; i < count; i++) {
		unsigned fails = 0;

		for (unsigned s = 0; s < scns[i].step_count; s++)
			fails += !outcomes[i][s].pass;
		fprintf(f, "  <testsuite name=\"");
		sim_xml_text(f, scns[i].file);
		fprintf(f, "\" tests=\"%u\" failures=\"%u\" errors=\"0\">\n", scns[i].step_count,
			fails);
		for (unsigned s = 0; s < scns[i].step_count; s++) {
			const struct scn_step *st = &scns[i].steps[s];
			char name[SCN_LABEL_MAX + 32];

			snprintf(name, sizeof(name), "%u: line %u: %s", s + 1, st->line, st->label);
			fprintf(f, "    <testcase classname=\"");
			sim_xml_text(f, scns[i].file);
			fprintf(f, "\" name=\"");
			sim_xml_text(f, name);
			if (outcomes[i][s].pass) {
				fprintf(f, "\"/>\n");
				continue;
			}
			fprintf(f, "\">\n      <failure message=\"");
			sim_xml_text(f, st->label);
			fprintf(f, " failed\">");
			sim_xml_text(f, outcomes[i][s].report != NULL ? outcomes[i][s].report : "");
			fprintf(f, "</failure>\n    </testcase>\n");
		}
		fprintf(f, "  </testsuite>\n");
	}
	fprintf(f, "</testsuites>\n");
	if (fclose(f) != 0) {
		fprintf(errors, "ffa-sim: %s: cannot write the JUnit file\n", path);
		return false;
	}
	return true;
}

/* Runs one scenario's steps; fills outcomes and writes the test points. */
static unsigned scn_replay_one(const struct scn_scenario *scn, struct scn_outcome *outcomes,
			       unsigned *point, const struct scn_replay_options *opts, FILE *out)
{
	struct scn_session s;
	struct scn_session_options so = {.obs = opts != NULL ? opts->obs : NULL};
	struct diag d = {0};
	char msg[DIAG_FILE_MAX + DIAG_MSG_MAX + 32];
	unsigned failed = 0;
	bool open = scn_session_open_with(&s, scn, &so, &d);

	fprintf(out, "# %s%s%s\n", scn->file, scn->description[0] ? ": " : "", scn->description);
	for (unsigned i = 0; i < scn->step_count; i++) {
		const struct scn_step *st = &scn->steps[i];
		char *text = NULL;
		size_t size = 0;
		FILE *report = open_memstream(&text, &size);
		bool pass = false;

		if (report == NULL) {
			pass = false;
		} else if (!open) {
			fprintf(report, "the simulation did not open: %s\n",
				diag_format(&d, msg, sizeof(msg)));
		} else {
			pass = scn_step_execute(&s, i, report);
		}
		if (report != NULL)
			fclose(report);
		fprintf(out, "%s %u - %s:%u: %s\n", pass ? "ok" : "not ok", ++*point, scn->file,
			st->line, st->label);
		if (!pass) {
			failed++;
			scn_tap_diag(out, text != NULL ? text : "out of memory\n");
			outcomes[i].report = text;
		} else {
			free(text);
		}
		outcomes[i].pass = pass;
	}
	if (open && opts != NULL && opts->scenario_done != NULL)
		opts->scenario_done(opts->done_ctx, &s);
	/* A session that failed to open may hold part of what it built: close it either way. */
	scn_session_close(&s);
	fflush(out);
	return failed;
}

int scn_replay(const char *const *files, unsigned count, const struct scn_replay_options *opts,
	       FILE *out)
{
	static const struct scn_replay_options none;
	const struct scn_replay_options *o = opts != NULL ? opts : &none;
	FILE *errors = o->errors != NULL ? o->errors : stderr;
	FILE *tty = o->progress != NULL && isatty(fileno(o->progress)) ? o->progress : NULL;
	struct scn_scenario *scns = calloc(count + 1, sizeof(*scns));
	struct scn_outcome **outcomes = calloc(count + 1, sizeof(*outcomes));
	unsigned *shard_of = calloc(count + 1, sizeof(*shard_of));
	unsigned *file_steps = calloc(count + 1, sizeof(*file_steps));
	unsigned selected = 0, steps = 0, point = 0, failed = 0;
	char msg[DIAG_FILE_MAX + DIAG_MSG_MAX + 32];
	int status = SCN_STATUS_PASS;

	if (scns == NULL || outcomes == NULL || shard_of == NULL || file_steps == NULL) {
		free(scns);
		free(outcomes);
		free(shard_of);
		free(file_steps);
		fprintf(errors, "ffa-sim: out of memory\n");
		return SCN_STATUS_USAGE;
	}
	/*
	 * Shards are balanced by step count, so every shard reads every file to plan the split
	 * (an input error anywhere stops every shard, before anything runs).
	 */
	if (o->shard_count > 1) {
		struct diag d = {0};

		if (!scn_shard_plan(files, count, &o->scn, o->shard_count, shard_of, file_steps,
				    &d)) {
			fprintf(errors, "ffa-sim: %s\n", diag_format(&d, msg, sizeof(msg)));
			status = SCN_STATUS_USAGE;
			goto out;
		}
	}
	/* Every selected file is read before anything runs: an input error stops the replay. */
	for (unsigned i = 0; i < count; i++) {
		struct diag d = {0};

		if (o->shard_count > 1 && shard_of[i] != o->shard_index)
			continue;
		if (!scn_load(files[i], &o->scn, &scns[selected], &d)) {
			fprintf(errors, "ffa-sim: %s\n", diag_format(&d, msg, sizeof(msg)));
			status = SCN_STATUS_USAGE;
			goto out;
		}
		outcomes[selected] = calloc(scns[selected].step_count, sizeof(**outcomes));
		if (outcomes[selected] == NULL) {
			scn_free(&scns[selected]);
			fprintf(errors, "ffa-sim: out of memory\n");
			status = SCN_STATUS_USAGE;
			goto out;
		}
		steps += scns[selected].step_count;
		selected++;
	}
	fprintf(out, "TAP version 13\n1..%u\n", steps);
	if (selected == 0)
		fprintf(out, "# no scenario in this shard\n");
	for (unsigned i = 0; i < selected; i++) {
		failed += scn_replay_one(&scns[i], outcomes[i], &point, opts, out);
		if (tty != NULL && selected >= SCN_PROGRESS_MIN_FILES)
			scn_progress(tty, i + 1, selected, failed);
	}
	fprintf(out, "# %u step(s) in %u file(s), %u failed\n", steps, selected, failed);
	if (failed > 0)
		status = SCN_STATUS_FAIL;
	if (o->junit_path != NULL &&
	    !scn_write_junit(o->junit_path, scns, selected, outcomes, errors))
		status = SCN_STATUS_FAIL;
out:
	for (unsigned i = 0; i < selected; i++) {
		for (unsigned s = 0; s < scns[i].step_count; s++)
			free(outcomes[i][s].report);
		free(outcomes[i]);
		scn_free(&scns[i]);
	}
	free(outcomes);
	free(scns);
	free(shard_of);
	free(file_steps);
	fflush(out);
	return status;
}
