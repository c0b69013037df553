/* SPDX-License-Identifier: BSD-3-Clause */
#include "emu/console.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void emu_console_init(struct emu_console *con, FILE *out)
{
	memset(con, 0, sizeof(*con));
	con->out = out;
	con->interactive_fd = -1;
}

void emu_console_fini(struct emu_console *con)
{
	free(con->input);
	con->input = NULL;
	con->input_len = con->input_pos = 0;
}

bool emu_console_set_watch(struct emu_console *con, const char *text)
{
	size_t len = strlen(text);

	if (len == 0 || len >= sizeof(con->watch))
		return false;
	memcpy(con->watch, text, len + 1);
	con->watch_len = len;
	return true;
}

bool emu_console_add_input(struct emu_console *con, const void *data, size_t len)
{
	uint8_t *grown = realloc(con->input, con->input_len + len + 1);

	if (grown == NULL)
		return false;
	memcpy(grown + con->input_len, data, len);
	con->input = grown;
	con->input_len += len;
	con->scripted = true;
	return true;
}

void emu_console_set_interactive(struct emu_console *con, int fd)
{
	con->interactive_fd = fd;
	con->had_stream = true;
}

void emu_console_line_init(struct emu_console_line *line, struct emu_console *con, const char *name)
{
	memset(line, 0, sizeof(*line));
	line->console = con;
	snprintf(line->name, sizeof(line->name), "%s", name);
}

static void console_emit(struct emu_console_line *line)
{
	struct emu_console *con = line->console;

	fprintf(con->out, "[%s] %.*s\n", line->name, (int)line->len, line->buf);
	fflush(con->out);
	line->len = 0;
}

/*
 * Keeps the last bytes one writer printed and checks them against the watch text: each
 * writer's output is matched on its own, as it appears on its own lines.
 */
static void console_watch(struct emu_console_line *line, uint8_t c)
{
	struct emu_console *con = line->console;

	if (con->watch_len == 0 || con->watch_hit)
		return;
	if (line->tail_len == sizeof(line->tail)) {
		memmove(line->tail, line->tail + 1, sizeof(line->tail) - 1);
		line->tail_len--;
	}
	line->tail[line->tail_len++] = (char)c;
	if (line->tail_len >= con->watch_len &&
	    memcmp(line->tail + line->tail_len - con->watch_len, con->watch, con->watch_len) == 0)
		con->watch_hit = true;
}

void emu_console_putc(struct emu_console_line *line, uint8_t c)
{
	bool wrapped = line->wrapped;

	/* Carriage returns are dropped from the output, so they do not count for the watch. */
	if (c == '\r')
		return;
	console_watch(line, c);
	line->wrapped = false;
	if (c == '\n') {
		/* A line that exactly filled the buffer was printed already. */
		if (!wrapped || line->len > 0)
			console_emit(line);
		return;
	}
	line->buf[line->len++] = (char)c;
	if (line->len == sizeof(line->buf)) {
		console_emit(line);
		line->wrapped = true;
	}
}

void emu_console_line_flush(struct emu_console_line *line)
{
	if (line->len > 0)
		console_emit(line);
}

bool emu_console_input_ready(struct emu_console *con)
{
	struct pollfd pfd;

	if (con->input_pos < con->input_len)
		return true;
	if (con->interactive_fd < 0)
		return false;
	pfd.fd = con->interactive_fd;
	pfd.events = POLLIN;
	pfd.revents = 0;
	return poll(&pfd, 1, 0) > 0 && (pfd.revents & (POLLIN | POLLHUP)) != 0;
}

int emu_console_getc(struct emu_console *con)
{
	uint8_t c;
	ssize_t n;

	if (con->input_pos < con->input_len)
		return con->input[con->input_pos++];
	if (!emu_console_input_ready(con))
		return -1;
	n = read(con->interactive_fd, &c, 1);
	if (n != 1) {
		/* End of file on the terminal: no more input will come. */
		con->interactive_fd = -1;
		return -1;
	}
	return c;
}

bool emu_console_wait_input(struct emu_console *con)
{
	struct pollfd pfd;

	if (con->input_pos < con->input_len)
		return true;
	if (con->interactive_fd < 0)
		return false;
	pfd.fd = con->interactive_fd;
	pfd.events = POLLIN;
	pfd.revents = 0;
	while (poll(&pfd, 1, -1) < 0) {
		if (errno != EINTR)
			return false;
	}
	return true;
}

bool emu_console_input_exhausted(const struct emu_console *con)
{
	return con->input_pos >= con->input_len && con->interactive_fd < 0;
}
