/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Matrices (docs/scenarios.md, "Matrix"): one scenario run under every combination of values
 * of some system keys (`--vary spmc.personality=hafnium,tf-a,optee --vary spmc.version=1.1,1.2`),
 * with the outcome of every step in a table: one row per step, one column per combination, as
 * aligned text, Markdown or CSV.
 *
 * A combination is a list of `--set` overrides (one KEY=VALUE per varied key) given to
 * scn_load() after the scenario's own `set:` list and the caller's. Combinations come in the
 * order of the --vary options and of their values, the first --vary varying slowest. A
 * combination whose system does not load or whose simulation does not open is an outcome of
 * the matrix ("error: message"), not a failure of the run.
 */
#ifndef SCENARIOS_MATRIX_H
#define SCENARIOS_MATRIX_H

#include <stdbool.h>
#include <stdio.h>

#include "common/diag.h"
#include "scenarios/scenario.h"

#define SCN_MATRIX_MAX_KEYS 8           /* --vary options of one matrix */
#define SCN_MATRIX_MAX_VALUES 16        /* values of one --vary */
#define SCN_MATRIX_MAX_COMBINATIONS 256 /* columns: the product of the value counts */
#define SCN_MATRIX_NAME_MAX 256         /* a combination's name: its values joined by '/' */
#define SCN_MATRIX_SUMMARY_MAX 64       /* a cell: "pass", "fail: FFA_ERROR NOT_SUPPORTED" */
#define SCN_MATRIX_ERROR_MAX (DIAG_FILE_MAX + DIAG_MSG_MAX + 32)

enum scn_matrix_format {
	SCN_MATRIX_TEXT,     /* columns aligned with spaces */
	SCN_MATRIX_MARKDOWN, /* a GitHub-flavoured Markdown table */
	SCN_MATRIX_CSV       /* RFC 4180 quoting; each row a line ended by LF */
};

/* One --vary: a key path (as --set takes it) and its values, in the order given. */
struct scn_matrix_vary {
	char key[SCN_SET_TEXT_MAX];
	char values[SCN_MATRIX_MAX_VALUES][SCN_SET_TEXT_MAX];
	unsigned value_count;
};

/* A matrix's choices. */
struct scn_matrix_options {
	/* Overrides of every combination (--set), built-ins; the varied keys come after. */
	struct scn_options scn;
	struct scn_matrix_vary vary[SCN_MATRIX_MAX_KEYS];
	unsigned vary_count;
	enum scn_matrix_format format;
};

/* The outcome of one step under one combination. */
struct scn_matrix_cell {
	bool pass;
	char text[SCN_MATRIX_SUMMARY_MAX]; /* "pass", or "fail: " and a short summary */
};

/* One combination: its overrides and, unless its system failed, one cell per step. */
struct scn_matrix_column {
	char name[SCN_MATRIX_NAME_MAX];                   /* "hafnium/1.2" */
	char sets[SCN_MATRIX_MAX_KEYS][SCN_SET_TEXT_MAX]; /* "spmc.personality=hafnium", ... */
	bool error;                                       /* the system did not load or open */
	char error_text[SCN_MATRIX_ERROR_MAX]; /* then why: "spmc.version=1.7: spmc.version: ..." */
	struct scn_matrix_cell *cells;         /* row_count of them; NULL on error */
	unsigned passed;
};

/* One step of the scenario: a row. */
struct scn_matrix_row {
	unsigned line;
	char label[SCN_LABEL_MAX];
};

/* The outcomes of a matrix run. */
struct scn_matrix {
	char file[DIAG_FILE_MAX];
	char description[SIM_DESCRIPTION_MAX];
	char keys[SCN_MATRIX_NAME_MAX]; /* the varied keys joined by '/', naming the columns */
	struct scn_matrix_row *rows;
	unsigned row_count;
	struct scn_matrix_column *columns;
	unsigned column_count;
};

/*
 * Parses one --vary "KEY=V1,V2,..." and appends it to opts->vary. Values are split at commas
 * outside brackets, braces and quotes (a value is YAML, as in --set, so `[a, b]` is one value)
 * and trimmed of spaces. Returns false with *err ("--vary SPEC: why", no file) when there is
 * no '=', the key is not a key path or is varied already, a value is empty or repeated,
 * brackets or quotes do not close, or a limit is passed.
 */
bool scn_matrix_vary_parse(const char *spec, struct scn_matrix_options *opts, struct diag *err);

/* Parses "text", "markdown" or "csv". False with *err ("--format NAME: ...") otherwise. */
bool scn_matrix_format_parse(const char *name, enum scn_matrix_format *format, struct diag *err);

/*
 * Loads file as it is (with opts->scn's overrides) for its steps, then loads and replays it
 * under every combination, filling *m. Returns SCN_STATUS_PASS when the matrix was made,
 * whatever the outcomes; SCN_STATUS_USAGE with *err when there is no --vary, the combinations
 * are too many, the file does not load as it is, or memory runs out. Release *m with
 * scn_matrix_free() in either case.
 */
int scn_matrix_collect(const char *file, const struct scn_matrix_options *opts,
		       struct scn_matrix *m, struct diag *err);

/*
 * Writes m as a table in format to out: a heading naming the file, its description and the
 * varied keys (text, Markdown), the header row (line, step, one column per combination), one
 * row per step, a "passed" row counting each column's passed steps, then (text, Markdown) why
 * each failed combination failed. A failed combination's cells read "error" (text, Markdown)
 * or "error: message" (CSV, which has no notes).
 */
void scn_matrix_write(const struct scn_matrix *m, enum scn_matrix_format format, FILE *out);

/* Releases what scn_matrix_collect() allocated. Harmless on a zeroed matrix. */
void scn_matrix_free(struct scn_matrix *m);

/*
 * scn_matrix_collect() then scn_matrix_write() in opts->format. Returns SCN_STATUS_PASS when
 * the table was written (outcomes are data: a failed step is not a failure of the run), or
 * SCN_STATUS_USAGE with *err.
 */
int scn_matrix_run(const char *file, const struct scn_matrix_options *opts, FILE *out,
		   struct diag *err);

#endif
