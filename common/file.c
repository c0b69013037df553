/* SPDX-License-Identifier: BSD-3-Clause */
#include "common/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *cfg_size_text(uint64_t size, char *buf, size_t len)
{
	if (size != 0 && size % (1ull << 30) == 0)
		snprintf(buf, len, "%llu GiB", (unsigned long long)(size >> 30));
	else if (size != 0 && size % (1ull << 20) == 0)
		snprintf(buf, len, "%llu MiB", (unsigned long long)(size >> 20));
	else
		snprintf(buf, len, "%llu bytes", (unsigned long long)size);
	return buf;
}

/* What a message calls a file that is not a regular one. */
static const char *file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "a device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "not a regular file";
}

bool cfg_read_file(const char *path, uint64_t max, uint8_t **data, size_t *size, struct diag *err)
{
	/* O_NONBLOCK: opening a FIFO that has no writer must not wait for one. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	char limit[32];
	struct stat st;
	uint8_t *buf;
	size_t len = 0;

	if (fd < 0) {
		diag_set(err, path, 0, 0, "cannot open: %s", strerror(errno));
		return false;
	}
	if (fstat(fd, &st) != 0) {
		diag_set(err, path, 0, 0, "cannot read: %s", strerror(errno));
		close(fd);
		return false;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_set(err, path, 0, 0, "is %s; expected a regular file", file_kind(st.st_mode));
		close(fd);
		return false;
	}
	if ((uint64_t)st.st_size > max) {
		diag_set(err, path, 0, 0, "file is larger than %s (%llu bytes)",
			 cfg_size_text(max, limit, sizeof(limit)), (unsigned long long)st.st_size);
		close(fd);
		return false;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (buf == NULL) {
		diag_set(err, path, 0, 0, "out of memory (%llu bytes)",
			 (unsigned long long)st.st_size);
		close(fd);
		return false;
	}
	/* Up to the size fstat gave: a file growing meanwhile is read as it was. */
	while (len < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + len, (size_t)st.st_size - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			diag_set(err, path, 0, 0, "cannot read: %s", strerror(errno));
			free(buf);
			close(fd);
			return false;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	*data = buf;
	*size = len;
	return true;
}
