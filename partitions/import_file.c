/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The file side of `ffa-sim import-manifest`: reads a partition manifest from a DTB, or compiles
 * DT source (.dts) with dtc into memory first, names the partition after the file, and hands
 * the blob to part_import_dtb, writing the YAML only when the whole import succeeds.
 */
#include "partitions/import.h"

#include <errno.h>
#include <libfdt.h>
#include <spawn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/file.h"
#include "import_internal.h"

extern char **environ;

#define IMP_FILE_MAX (4u * 1024u * 1024u) /* manifests are a few KiB; this is plenty */

/* Reads a stream to its end (at most IMP_FILE_MAX bytes) into a new buffer. */
static bool imp_slurp(FILE *f, const char *path, void **data, size_t *size, struct diag *err)
{
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap), *grown;

	while (buf != NULL) {
		len += fread(buf + len, 1, cap - len, f);
		if (len < cap)
			break;
		if (cap >= IMP_FILE_MAX) {
			free(buf);
			diag_set(err, path, 0, 0, "larger than %u bytes: not a partition manifest",
				 IMP_FILE_MAX);
			return false;
		}
		cap *= 2;
		grown = realloc(buf, cap);
		if (grown == NULL)
			free(buf);
		buf = grown;
	}
	if (buf == NULL || ferror(f)) {
		diag_set(err, path, 0, 0, "cannot read: %s",
			 buf == NULL ? "out of memory" : strerror(errno));
		free(buf);
		return false;
	}
	*data = buf;
	*size = len;
	return true;
}

static bool imp_read_file(const char *path, void **data, size_t *size, struct diag *err)
{
	uint8_t *buf = NULL;

	if (!cfg_read_file(path, IMP_FILE_MAX, &buf, size, err))
		return false;
	*data = buf;
	return true;
}

/* The first line of a file's text (dtc's first message), for an error. */
static void imp_first_line(FILE *f, char *buf, size_t size)
{
	size_t n;

	buf[0] = '\0';
	rewind(f);
	if (fgets(buf, (int)size, f) == NULL)
		return;
	n = strlen(buf);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
}

/*
 * Compiles DT source with `dtc -I dts -O dtb` (from PATH) into memory. dtc's warnings are
 * dropped when it succeeds; when it fails, its first message is the error.
 */
static bool imp_compile(const char *path, void **data, size_t *size, struct diag *err)
{
	char *argv[] = {"dtc", "-I", "dts", "-O", "dtb", "--", (char *)path, NULL};
	FILE *dtb = tmpfile(), *msgs = tmpfile();
	posix_spawn_file_actions_t fa;
	char line[DIAG_MSG_MAX / 2];
	bool ok = false;
	int status, rc;
	pid_t pid;

	if (dtb == NULL || msgs == NULL) {
		diag_set(err, path, 0, 0, "cannot compile with dtc: %s", strerror(errno));
		goto out;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fileno(dtb), STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, fileno(msgs), STDERR_FILENO);
	rc = posix_spawnp(&pid, "dtc", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		diag_set(err, path, 0, 0, "cannot run dtc (install device-tree-compiler): %s",
			 strerror(rc));
		goto out;
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			diag_set(err, path, 0, 0, "dtc: %s", strerror(errno));
			goto out;
		}
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		imp_first_line(msgs, line, sizeof(line));
		diag_set(err, path, 0, 0, "dtc failed: %s", line[0] != '\0' ? line : "no message");
		goto out;
	}
	rewind(dtb);
	ok = imp_slurp(dtb, path, data, size, err);
out:
	if (dtb != NULL)
		fclose(dtb);
	if (msgs != NULL)
		fclose(msgs);
	return ok;
}

static bool imp_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The partition's name from the file's: base name, no extension, only name characters. */
static void imp_name_from_path(const char *path, char *out)
{
	const char *base = strrchr(path, '/');
	size_t len = 0;

	base = base != NULL ? base + 1 : path;
	for (; *base != '\0' && *base != '.' && len < EMU_NAME_MAX - 1; base++) {
		char c = *base;
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			  (c >= '0' && c <= '9') || c == '-' || c == '_';

		out[len++] = ok ? c : '-';
	}
	out[len] = '\0';
	if (len == 0)
		snprintf(out, EMU_NAME_MAX, "%s", IMP_DEFAULT_NAME);
}

bool part_import_manifest(const char *path, const char *image, FILE *out, FILE *notes,
			  struct diag *err)
{
	char name[EMU_NAME_MAX];
	void *data = NULL;
	size_t size = 0;
	FILE *text;
	char *buf = NULL;
	size_t len = 0;
	bool ok;

	if (imp_ends_with(path, ".dts") ? !imp_compile(path, &data, &size, err)
					: !imp_read_file(path, &data, &size, err))
		return false;
	if (size < sizeof(fdt32_t) || fdt_magic(data) != FDT_MAGIC) {
		diag_set(err, path, 0, 0,
			 "not a device tree blob (no FDT magic); DT source must end in .dts");
		free(data);
		return false;
	}
	imp_name_from_path(path, name);
	/* Written whole or not at all: the YAML goes to a buffer first. */
	text = open_memstream(&buf, &len);
	if (text == NULL) {
		free(data);
		diag_set(err, path, 0, 0, "out of memory");
		return false;
	}
	ok = part_import_dtb(data, size, path, name, image, text, notes, err);
	fclose(text);
	if (ok && fwrite(buf, 1, len, out) != len) {
		diag_set(err, path, 0, 0, "cannot write the YAML: %s", strerror(errno));
		ok = false;
	}
	free(buf);
	free(data);
	return ok;
}
