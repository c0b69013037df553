/* SPDX-License-Identifier: BSD-3-Clause */
#include "common/datadir.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef FFA_SIM_DATADIR
#define FFA_SIM_DATADIR "/usr/local/share/ffa-sim"
#endif

#define DATADIR_MAX_NAMES 64

bool cfg_data_is_name(const char *text)
{
	if (text == NULL || *text == '\0')
		return false;
	for (const char *c = text; *c != '\0'; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || *c == '-' || *c == '_')
			continue;
		return false;
	}
	return true;
}

static bool datadir_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* ../share/ffa-sim beside the running executable, when /proc tells where that is. */
static bool datadir_beside_exe(char *out, size_t size)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	if (n <= 0)
		return false;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (slash == NULL)
		return false;
	*slash = '\0';
	slash = strrchr(exe, '/');
	if (slash == NULL)
		return false;
	/* BINDIR/ffa-sim -> BINDIR/../share/ffa-sim, without the "..". */
	*slash = '\0';
	return (size_t)snprintf(out, size, "%s/share/ffa-sim", exe) < size;
}

bool cfg_data_dir(char *out, size_t size)
{
	const char *env = getenv(CFG_DATADIR_ENV);

	if (env != NULL && *env != '\0') {
		if ((size_t)snprintf(out, size, "%s", env) < size && datadir_is_dir(out))
			return true;
		return false; /* an explicit choice that does not exist is not replaced */
	}
	if (datadir_beside_exe(out, size) && datadir_is_dir(out))
		return true;
	return (size_t)snprintf(out, size, "%s", FFA_SIM_DATADIR) < size && datadir_is_dir(out);
}

bool cfg_data_find(const char *kind, const char *name, const char *suffix, char *out, size_t size)
{
	char dir[PATH_MAX];
	struct stat st;

	if (!cfg_data_is_name(name) || !cfg_data_dir(dir, sizeof(dir)))
		return false;
	if ((size_t)snprintf(out, size, "%s/%s/%s%s", dir, kind, name, suffix) >= size)
		return false;
	if (stat(out, &st) != 0)
		return false;
	return suffix[0] == '\0' ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode);
}

static int datadir_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void cfg_data_list(const char *kind, const char *suffix, char *out, size_t size)
{
	char dir[PATH_MAX], path[PATH_MAX];
	char *names[DATADIR_MAX_NAMES];
	size_t count = 0, slen = strlen(suffix), len = 0;
	struct dirent *e;
	DIR *d;

	if (size == 0)
		return;
	out[0] = '\0';
	if (!cfg_data_dir(dir, sizeof(dir)) ||
	    (size_t)snprintf(path, sizeof(path), "%s/%s", dir, kind) >= sizeof(path))
		return;
	d = opendir(path);
	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL && count < DATADIR_MAX_NAMES) {
		size_t n = strlen(e->d_name);
		char name[256], found[PATH_MAX];

		if (e->d_name[0] == '.')
			continue;
		if (slen > 0 && (n <= slen || strcmp(e->d_name + n - slen, suffix) != 0))
			continue;
		snprintf(name, sizeof(name), "%.*s", (int)(n - slen), e->d_name);
		if (!cfg_data_find(kind, name, suffix, found, sizeof(found)))
			continue;
		names[count] = strdup(name);
		if (names[count] != NULL)
			count++;
	}
	closedir(d);
	qsort(names, count, sizeof(names[0]), datadir_cmp);
	for (size_t i = 0; i < count; i++) {
		if (len + 1 < size)
			len += (size_t)snprintf(out + len, size - len, "%s%s", i ? ", " : "",
						names[i]);
		if (len >= size)
			len = size - 1;
		free(names[i]);
	}
}
