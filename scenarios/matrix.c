/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Scenario matrices: a scenario replayed under every combination of --vary values, the outcome
 * of each step collected and written as a table (rows: steps, columns: combinations). Steps
 * have long labels and a scenario has tens of them, while combinations have short names and
 * are what a reader compares, so they are the columns, as in a compatibility table; a matrix
 * too wide for a terminal reads well as CSV in a spreadsheet.
 */
#include <stdlib.h>
#include <string.h>

#include "abi/ffa.h"
#include "abi/ids.h"
#include "common/yaml_set.h"
#include "internal.h"
#include "scenarios/matrix.h"

/* Space between the columns of a text table. */
#define SCN_MATRIX_GAP "  "

static void scn_trim(const char *s, size_t len, char *out, size_t size)
{
	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	snprintf(out, size, "%.*s", (int)len, s);
}

/*
 * Splits the values of a --vary at commas outside brackets, braces and quotes, so that a YAML
 * flow list or a quoted string with a comma stays one value.
 */
static bool scn_vary_split(const char *spec, const char *list, struct scn_matrix_vary *v,
			   struct diag *err)
{
	const char *start = list;
	unsigned depth = 0;
	char quote = '\0';

	for (const char *p = list;; p++) {
		if (*p == '\0' && (quote != '\0' || depth != 0)) {
			diag_set(err, NULL, 0, 0, "--vary %s: %s does not close", spec,
				 quote != '\0' ? "a quote" : "a bracket or brace");
			return false;
		}
		if (quote != '\0') {
			if (*p == '\\' && quote == '"' && p[1] != '\0')
				p++;
			else if (*p == quote)
				quote = '\0';
			continue;
		}
		if (*p == '"' || *p == '\'') {
			quote = *p;
		} else if (*p == '[' || *p == '{') {
			depth++;
		} else if ((*p == ']' || *p == '}') && depth > 0) {
			depth--;
		} else if ((*p == ',' && depth == 0) || *p == '\0') {
			char *val;

			if (v->value_count == SCN_MATRIX_MAX_VALUES) {
				diag_set(err, NULL, 0, 0, "--vary %s: at most %d values", spec,
					 SCN_MATRIX_MAX_VALUES);
				return false;
			}
			val = v->values[v->value_count];
			scn_trim(start, (size_t)(p - start), val, sizeof(v->values[0]));
			if (val[0] == '\0') {
				diag_set(err, NULL, 0, 0, "--vary %s: value %u is empty", spec,
					 v->value_count + 1);
				return false;
			}
			for (unsigned i = 0; i < v->value_count; i++) {
				if (strcmp(v->values[i], val) == 0) {
					diag_set(err, NULL, 0, 0,
						 "--vary %s: the value \"%s\" is given twice", spec,
						 val);
					return false;
				}
			}
			v->value_count++;
			if (*p == '\0')
				return true;
			start = p + 1;
		}
	}
}

bool scn_matrix_vary_parse(const char *spec, struct scn_matrix_options *opts, struct diag *err)
{
	const char *eq = spec != NULL ? strchr(spec, '=') : NULL;
	struct scn_matrix_vary *v;
	struct cfg_set set;
	struct diag ignored;
	char text[SCN_SET_TEXT_MAX + 2];

	if (spec == NULL || eq == NULL) {
		diag_set(err, NULL, 0, 0, "--vary %s: expected KEY=VALUE1,VALUE2,...",
			 spec != NULL ? spec : "");
		return false;
	}
	if (strlen(spec) >= SCN_SET_TEXT_MAX) {
		diag_set(err, NULL, 0, 0, "--vary %.40s...: longer than %u characters", spec,
			 SCN_SET_TEXT_MAX - 1);
		return false;
	}
	if (eq == spec) {
		diag_set(err, NULL, 0, 0, "--vary %s: the key is empty; expected KEY=VALUE1,...",
			 spec);
		return false;
	}
	if (opts->vary_count == SCN_MATRIX_MAX_KEYS) {
		diag_set(err, NULL, 0, 0, "--vary %s: at most %d --vary options", spec,
			 SCN_MATRIX_MAX_KEYS);
		return false;
	}
	/* The key is checked as --set checks it; written back in its one spelling. */
	snprintf(text, sizeof(text), "%.*s=x", (int)(eq - spec), spec);
	if (!cfg_set_parse(text, &set, &ignored)) {
		diag_set(err, NULL, 0, 0,
			 "--vary %s: \"%.*s\" is not a key path (key names joined by '.', list "
			 "items as [N])",
			 spec, (int)(eq - spec), spec);
		return false;
	}
	v = &opts->vary[opts->vary_count];
	memset(v, 0, sizeof(*v));
	cfg_set_path(&set, set.seg_count, v->key, sizeof(v->key));
	for (unsigned i = 0; i < opts->vary_count; i++) {
		if (strcmp(opts->vary[i].key, v->key) == 0) {
			diag_set(err, NULL, 0, 0, "--vary %s: %s is varied already", spec, v->key);
			return false;
		}
	}
	if (!scn_vary_split(spec, eq + 1, v, err))
		return false;
	opts->vary_count++;
	return true;
}

bool scn_matrix_format_parse(const char *name, enum scn_matrix_format *format, struct diag *err)
{
	static const char *const names[] = {"text", "markdown", "csv"};

	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (name != NULL && strcmp(name, names[i]) == 0) {
			*format = (enum scn_matrix_format)i;
			return true;
		}
	}
	diag_set(err, NULL, 0, 0, "--format %s: expected text, markdown or csv",
		 name != NULL ? name : "");
	return false;
}

/* Copies src into dst, cut with "..." when it does not fit. */
static void scn_cell_set(char *dst, size_t size, const char *prefix, const char *src)
{
	size_t n = (size_t)snprintf(dst, size, "%s%s", prefix, src);

	if (n >= size && size > 4)
		memcpy(dst + size - 4, "...", 4);
}

/* Decodes x0 of an answer to fid: a version, an error, a function name, or the number. */
static void scn_answer_text(uint32_t fid, uint64_t x0, uint64_t x2, char *buf, size_t size)
{
	const char *name;
	char ver[16];

	if (fid == FFA_VERSION && (uint32_t)x0 == SMCCC_NOT_SUPPORTED && x0 <= UINT32_MAX) {
		snprintf(buf, size, "NOT_SUPPORTED");
	} else if (fid == FFA_VERSION && x0 <= UINT32_MAX && ffa_version_valid((uint32_t)x0)) {
		snprintf(buf, size, "version %s",
			 ffa_version_format((uint32_t)x0, ver, sizeof(ver)));
	} else if ((uint32_t)x0 == FFA_ERROR_32 && x0 <= UINT32_MAX) {
		name = ffa_error_name((int32_t)(uint32_t)x2);
		if (name != NULL)
			snprintf(buf, size, "FFA_ERROR %s", name);
		else
			snprintf(buf, size, "FFA_ERROR 0x%x", (uint32_t)x2);
	} else if (x0 <= UINT32_MAX && (name = ffa_fid_name((uint32_t)x0)) != NULL) {
		snprintf(buf, size, "%s", name);
	} else if (x0 == SMCCC_NOT_SUPPORTED || x0 == UINT64_MAX) {
		snprintf(buf, size, "NOT_SUPPORTED");
	} else {
		snprintf(buf, size, "0x%llx", (unsigned long long)x0);
	}
}

/*
 * The first field of a partition descriptor that differs, from a check's report lines
 * "descriptor N: expected id 0x8001 contexts 1 properties any/0x0 uuid ..." and "descriptor N:
 * actual   id ...": "descriptor N: uuid 00000000-...". False when the report has no such pair.
 */
static bool scn_descriptor_summary(const char *report, char *out, size_t size)
{
	const char *exp = NULL;

	for (const char *l = report; *l != '\0';) {
		const char *e = strchr(l, '\n');
		unsigned index;
		int used = 0;

		if (sscanf(l, "descriptor %u: expected%n", &index, &used) == 1 && used > 0) {
			exp = l + used;
		} else if (sscanf(l, "descriptor %u: actual%n", &index, &used) == 1 && used > 0 &&
			   exp != NULL) {
			const char *act = l + used;

			/* Pairs "NAME VALUE"; an expected "any/..." is not checked. */
			for (;;) {
				char en[16], ev[48], an[16], av[48];
				int eused, aused;

				if (sscanf(exp, "%15s %47s%n", en, ev, &eused) != 2 ||
				    sscanf(act, "%15s %47s%n", an, av, &aused) != 2 ||
				    strcmp(en, an) != 0)
					break;
				if (strncmp(ev, "any/", 4) != 0 && strcmp(ev, av) != 0) {
					snprintf(out, size, "descriptor %u: %s %s", index, an, av);
					return true;
				}
				exp += eused;
				act += aused;
			}
			exp = NULL;
		}
		l = e != NULL ? e + 1 : l + strlen(l);
	}
	return false;
}

/*
 * The summary of a failed step from the report scn_step_execute() wrote. A call's report has
 * a line per register ("x2   ARGUMENT  EXPECTED  ACTUAL ... <- differs"): the summary is the
 * answer's x0 decoded and, when x0 was as expected, the first register that was not. Other
 * reports give their first line, without the "LABEL, line N: " that starts it.
 */
static void scn_failure_summary(const struct scn_step *st, const char *report, char *out,
				size_t size)
{
	uint64_t actual[FFA_REG_COUNT] = {0};
	uint32_t differs = 0, seen = 0;
	char prefix[SCN_LABEL_MAX + 32], first[SCN_MATRIX_SUMMARY_MAX * 2] = "";
	size_t plen;

	for (const char *l = report; *l != '\0';) {
		const char *e = strchr(l, '\n');
		size_t n = e != NULL ? (size_t)(e - l) : strlen(l);
		unsigned reg;
		unsigned long long arg, act;
		const char *mark = strstr(l, "<- differs");
		char exp[32];

		if (sscanf(l, "x%u 0x%llx %31s 0x%llx", &reg, &arg, exp, &act) == 4 &&
		    reg < FFA_REG_COUNT) {
			actual[reg] = act;
			seen |= UINT32_C(1) << reg;
			if (mark != NULL && (e == NULL || mark < e))
				differs |= UINT32_C(1) << reg;
		}
		l += n + (e != NULL);
	}
	if (st->kind == SCN_STEP_CALL && (seen & 1u) != 0) {
		uint32_t fid = ffa_fid_strip_hint((uint32_t)st->u.call.args.x[0]);
		char text[SCN_MATRIX_SUMMARY_MAX];
		size_t len;

		scn_answer_text(fid, actual[0], actual[2], text, sizeof(text));
		len = strlen(text);
		/* x0 as expected (or an FFA_ERROR, whose code is already shown): name another. */
		if ((differs & 1u) == 0 && (uint32_t)actual[0] != FFA_ERROR_32) {
			for (unsigned r = 1; r < FFA_REG_COUNT; r++) {
				if ((differs >> r) & 1u) {
					snprintf(text + len, sizeof(text) - len, " x%u=0x%llx", r,
						 (unsigned long long)actual[r]);
					break;
				}
			}
		}
		scn_cell_set(out, size, "fail: ", text);
		return;
	}
	if (st->kind == SCN_STEP_CHECK && scn_descriptor_summary(report, first, sizeof(first))) {
		scn_cell_set(out, size, "fail: ", first);
		return;
	}
	/* Skip "LABEL, line N" (and ": "), and an empty remainder's line. */
	plen = (size_t)snprintf(prefix, sizeof(prefix), "%s, line %u", st->label, st->line);
	const char *l = report;

	if (strncmp(l, prefix, plen) == 0) {
		l += plen;
		if (strncmp(l, ": ", 2) == 0)
			l += 2;
		else if (*l == '\n')
			l++;
	}
	scn_trim(l, strcspn(l, "\n"), first, sizeof(first));
	if (first[0] == '\0')
		scn_cell_set(out, size, "", "fail");
	else
		scn_cell_set(out, size, "fail: ", first);
}

/*
 * The message of a combination's error: the diagnostic, with "--set " dropped where it names
 * one of the combination's own overrides (the user wrote them as --vary values).
 */
static void scn_column_error(struct scn_matrix_column *col, unsigned keys, const struct diag *d)
{
	char msg[SCN_MATRIX_ERROR_MAX];

	diag_format(d, msg, sizeof(msg));
	for (unsigned k = 0; k < keys; k++) {
		size_t n = strlen(col->sets[k]);

		if (strncmp(msg, "--set ", 6) == 0 && strncmp(msg + 6, col->sets[k], n) == 0 &&
		    msg[6 + n] == ':') {
			snprintf(col->error_text, sizeof(col->error_text), "%s", msg + 6);
			col->error = true;
			return;
		}
	}
	snprintf(col->error_text, sizeof(col->error_text), "%s", msg);
	col->error = true;
}

/* Loads and replays the scenario under one combination's overrides, filling col. */
static void scn_matrix_column_run(const char *file, const struct scn_options *o,
				  const struct scn_matrix *m, unsigned keys,
				  struct scn_matrix_column *col)
{
	struct scn_scenario scn;
	struct scn_session s;
	struct diag d = {0};

	if (!scn_load(file, o, &scn, &d)) {
		scn_column_error(col, keys, &d);
		scn_free(&scn);
		return;
	}
	if (scn.step_count != m->row_count) {
		diag_set(&d, NULL, 0, 0, "%u steps instead of %u", scn.step_count, m->row_count);
		scn_column_error(col, keys, &d);
		scn_free(&scn);
		return;
	}
	if (!scn_session_open(&s, &scn, &d)) {
		scn_column_error(col, keys, &d);
		scn_session_close(&s);
		scn_free(&scn);
		return;
	}
	col->cells = calloc(m->row_count, sizeof(*col->cells));
	for (unsigned i = 0; col->cells != NULL && i < m->row_count; i++) {
		struct scn_matrix_cell *cell = &col->cells[i];
		char *text = NULL;
		size_t size = 0;
		FILE *report = open_memstream(&text, &size);

		if (report == NULL) {
			scn_cell_set(cell->text, sizeof(cell->text), "fail: ", "out of memory");
			continue;
		}
		cell->pass = scn_step_execute(&s, i, report);
		fclose(report);
		if (cell->pass) {
			snprintf(cell->text, sizeof(cell->text), "pass");
			col->passed++;
		} else {
			scn_failure_summary(&scn.steps[i], text != NULL ? text : "", cell->text,
					    sizeof(cell->text));
		}
		free(text);
	}
	if (col->cells == NULL) {
		diag_set(&d, NULL, 0, 0, "out of memory");
		scn_column_error(col, keys, &d);
	}
	scn_session_close(&s);
	scn_free(&scn);
}

/* Names the column of combination c and fills its overrides; the last key varies fastest. */
static void scn_matrix_combination(const struct scn_matrix_options *opts, unsigned c,
				   struct scn_matrix_column *col)
{
	unsigned idx[SCN_MATRIX_MAX_KEYS];
	size_t len = 0;

	for (unsigned k = opts->vary_count; k-- > 0;) {
		idx[k] = c % opts->vary[k].value_count;
		c /= opts->vary[k].value_count;
	}
	for (unsigned k = 0; k < opts->vary_count; k++) {
		const struct scn_matrix_vary *v = &opts->vary[k];

		snprintf(col->sets[k], sizeof(col->sets[k]), "%s=%s", v->key, v->values[idx[k]]);
		if (len < sizeof(col->name))
			len += (size_t)snprintf(col->name + len, sizeof(col->name) - len, "%s%s",
						k > 0 ? "/" : "", v->values[idx[k]]);
	}
}

int scn_matrix_collect(const char *file, const struct scn_matrix_options *opts,
		       struct scn_matrix *m, struct diag *err)
{
	struct scn_scenario base;
	struct scn_options o;
	const char **sets = NULL;
	unsigned combinations = 1;
	size_t len = 0;

	memset(m, 0, sizeof(*m));
	if (opts == NULL || opts->vary_count == 0) {
		diag_set(err, NULL, 0, 0, "matrix: at least one --vary KEY=VALUE1,VALUE2,...");
		return SCN_STATUS_USAGE;
	}
	for (unsigned k = 0; k < opts->vary_count; k++) {
		combinations *= opts->vary[k].value_count;
		if (opts->vary[k].value_count == 0 || combinations > SCN_MATRIX_MAX_COMBINATIONS) {
			diag_set(err, NULL, 0, 0,
				 "matrix: %s combinations; at most %d (vary fewer values)",
				 opts->vary[k].value_count == 0 ? "no" : "too many",
				 SCN_MATRIX_MAX_COMBINATIONS);
			return SCN_STATUS_USAGE;
		}
	}
	/* The scenario as written: its steps name the rows, and an error in it is the user's. */
	if (!scn_load(file, &opts->scn, &base, err)) {
		scn_free(&base);
		return SCN_STATUS_USAGE;
	}
	/* scn_load() takes at most SCN_MAX_SETS * 2 overrides in all; none may be dropped. */
	if (base.set_count + opts->scn.set_count + opts->vary_count > SCN_MAX_SETS * 2) {
		diag_set(err, NULL, 0, 0, "matrix: more than %d overrides in all",
			 SCN_MAX_SETS * 2);
		scn_free(&base);
		return SCN_STATUS_USAGE;
	}
	snprintf(m->file, sizeof(m->file), "%s", file);
	snprintf(m->description, sizeof(m->description), "%s", base.description);
	for (unsigned k = 0; k < opts->vary_count && len < sizeof(m->keys); k++)
		len += (size_t)snprintf(m->keys + len, sizeof(m->keys) - len, "%s%s",
					k > 0 ? "/" : "", opts->vary[k].key);
	m->rows = calloc(base.step_count, sizeof(*m->rows));
	m->columns = calloc(combinations, sizeof(*m->columns));
	sets = calloc(opts->scn.set_count + opts->vary_count, sizeof(*sets));
	if (m->rows == NULL || m->columns == NULL || sets == NULL) {
		diag_set(err, NULL, 0, 0, "out of memory");
		free(sets);
		scn_free(&base);
		return SCN_STATUS_USAGE;
	}
	m->row_count = base.step_count;
	for (unsigned i = 0; i < base.step_count; i++) {
		m->rows[i].line = base.steps[i].line;
		snprintf(m->rows[i].label, sizeof(m->rows[i].label), "%s", base.steps[i].label);
	}
	scn_free(&base);
	m->column_count = combinations;
	for (unsigned i = 0; i < opts->scn.set_count; i++)
		sets[i] = opts->scn.sets[i];
	o = opts->scn;
	o.sets = sets;
	o.set_count = opts->scn.set_count + opts->vary_count;
	for (unsigned c = 0; c < combinations; c++) {
		struct scn_matrix_column *col = &m->columns[c];

		scn_matrix_combination(opts, c, col);
		for (unsigned k = 0; k < opts->vary_count; k++)
			sets[opts->scn.set_count + k] = col->sets[k];
		scn_matrix_column_run(file, &o, m, opts->vary_count, col);
	}
	free(sets);
	return SCN_STATUS_PASS;
}

void scn_matrix_free(struct scn_matrix *m)
{
	for (unsigned c = 0; m->columns != NULL && c < m->column_count; c++)
		free(m->columns[c].cells);
	free(m->columns);
	free(m->rows);
	memset(m, 0, sizeof(*m));
}

/*
 * The text of the table's cell (r, c): row 0 is the header, rows 1..row_count the steps, the
 * last the passed counts; column 0 the line, 1 the step, then the combinations.
 */
static const char *scn_matrix_cell_text(const struct scn_matrix *m, unsigned r, unsigned c,
					enum scn_matrix_format format, char *buf, size_t size)
{
	const struct scn_matrix_column *col = c >= 2 ? &m->columns[c - 2] : NULL;

	if (r == 0)
		return c == 0 ? "line" : c == 1 ? "step" : col->name;
	if (r == m->row_count + 1) {
		if (c < 2)
			return c == 0 ? "" : "passed";
		if (col->error)
			return "error";
		snprintf(buf, size, "%u/%u", col->passed, m->row_count);
		return buf;
	}
	if (c == 0) {
		snprintf(buf, size, "%u", m->rows[r - 1].line);
		return buf;
	}
	if (c == 1)
		return m->rows[r - 1].label;
	if (col->error && format == SCN_MATRIX_CSV) {
		snprintf(buf, size, "error: %s", col->error_text);
		return buf;
	}
	return col->error ? "error" : col->cells[r - 1].text;
}

/* A CSV field (RFC 4180 §2): quoted when it holds a comma, a quote or a line break. */
static void scn_csv_field(FILE *out, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

/* A Markdown table cell: '|' escaped, line breaks as spaces. */
static void scn_markdown_field(FILE *out, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '|')
			fputs("\\|", out);
		else if (*s == '\n' || *s == '\r')
			fputc(' ', out);
		else
			fputc(*s, out);
	}
}

static void scn_matrix_notes(const struct scn_matrix *m, const char *bullet, FILE *out)
{
	bool any = false;

	for (unsigned c = 0; c < m->column_count; c++)
		any |= m->columns[c].error;
	if (!any)
		return;
	fputc('\n', out);
	for (unsigned c = 0; c < m->column_count; c++) {
		if (m->columns[c].error)
			fprintf(out, "%s%s: error: %s\n", bullet, m->columns[c].name,
				m->columns[c].error_text);
	}
}

void scn_matrix_write(const struct scn_matrix *m, enum scn_matrix_format format, FILE *out)
{
	unsigned rows = m->row_count + 2, cols = m->column_count + 2;
	char buf[SCN_MATRIX_ERROR_MAX + 16];
	size_t *width = calloc(cols, sizeof(*width));

	if (format == SCN_MATRIX_CSV) {
		for (unsigned r = 0; r < rows; r++) {
			for (unsigned c = 0; c < cols; c++) {
				if (c > 0)
					fputc(',', out);
				scn_csv_field(out, scn_matrix_cell_text(m, r, c, format, buf,
									sizeof(buf)));
			}
			fputc('\n', out);
		}
		free(width);
		return;
	}
	if (format == SCN_MATRIX_MARKDOWN) {
		fprintf(out, "`%s`%s%s\n\n", m->file, m->description[0] ? ": " : "",
			m->description);
		fprintf(out, "Columns: `%s`.\n\n", m->keys);
		for (unsigned r = 0; r < rows; r++) {
			fputc('|', out);
			for (unsigned c = 0; c < cols; c++) {
				fputc(' ', out);
				scn_markdown_field(out, scn_matrix_cell_text(m, r, c, format, buf,
									     sizeof(buf)));
				fputs(" |", out);
			}
			fputc('\n', out);
			if (r == 0) {
				fputs("|---:|", out);
				for (unsigned c = 1; c < cols; c++)
					fputs("---|", out);
				fputc('\n', out);
			}
		}
		scn_matrix_notes(m, "- ", out);
		free(width);
		return;
	}
	fprintf(out, "%s%s%s\n", m->file, m->description[0] ? ": " : "", m->description);
	fprintf(out, "columns: %s\n\n", m->keys);
	for (unsigned r = 0; width != NULL && r < rows; r++) {
		for (unsigned c = 0; c < cols; c++) {
			size_t n = strlen(scn_matrix_cell_text(m, r, c, format, buf, sizeof(buf)));

			if (n > width[c])
				width[c] = n;
		}
	}
	for (unsigned r = 0; width != NULL && r < rows; r++) {
		for (unsigned c = 0; c < cols; c++) {
			const char *s = scn_matrix_cell_text(m, r, c, format, buf, sizeof(buf));

			if (c == 0)
				fprintf(out, "%*s", (int)width[c], s); /* numbers: right */
			else if (c + 1 < cols)
				fprintf(out, SCN_MATRIX_GAP "%-*s", (int)width[c], s);
			else
				fprintf(out, SCN_MATRIX_GAP "%s", s);
		}
		fputc('\n', out);
	}
	scn_matrix_notes(m, "", out);
	free(width);
}

int scn_matrix_run(const char *file, const struct scn_matrix_options *opts, FILE *out,
		   struct diag *err)
{
	struct scn_matrix m;
	int status = scn_matrix_collect(file, opts, &m, err);

	if (status == SCN_STATUS_PASS) {
		scn_matrix_write(&m, opts->format, out);
		fflush(out);
	}
	scn_matrix_free(&m);
	return status;
}
