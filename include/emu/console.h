/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The console: where every endpoint's UART and semihosting output goes, line-buffered and
 * prefixed with the endpoint's name ("[host] hello"), and where scripted or interactive input
 * for the UARTs comes from.
 */
#ifndef EMU_CONSOLE_H
#define EMU_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "emu/platform.h"

#define EMU_CONSOLE_LINE_MAX 512
#define EMU_CONSOLE_WATCH_MAX 256

struct emu_console {
	FILE *out;
	/* --until-console: the run ends when the output contains this text. */
	char watch[EMU_CONSOLE_WATCH_MAX];
	size_t watch_len;
	bool watch_hit;
	/* Input: scripted bytes first, then the terminal when interactive. */
	uint8_t *input;
	size_t input_len;
	size_t input_pos;
	bool scripted;      /* --input or --input-text was given */
	int interactive_fd; /* stdin (a terminal, or `--input -`) until its end, else -1 */
	bool had_stream;    /* an input stream was set (it may have ended since) */
};

/* The line buffer of one writer (an endpoint's UART and semihosting output). */
struct emu_console_line {
	struct emu_console *console;
	char name[EMU_NAME_MAX];
	char buf[EMU_CONSOLE_LINE_MAX];
	size_t len;
	bool wrapped; /* the last byte filled the buffer: a newline now ends no new line */
	/* The last bytes this writer printed, for matching the watch across its lines. */
	char tail[EMU_CONSOLE_WATCH_MAX];
	size_t tail_len;
};

/* Initialises a console writing to out, with no input and no watch. */
void emu_console_init(struct emu_console *con, FILE *out);

/* Frees the scripted input. Does not close out. */
void emu_console_fini(struct emu_console *con);

/* Sets the text that ends the run once printed (--until-console). False if too long. */
bool emu_console_set_watch(struct emu_console *con, const char *text);

/* Appends scripted input bytes (--input, --input-text). */
bool emu_console_add_input(struct emu_console *con, const void *data, size_t len);

/* Reads interactive input from fd (a terminal) once the scripted input is used up. */
void emu_console_set_interactive(struct emu_console *con, int fd);

/* Binds a writer's line buffer to a console under the endpoint name. */
void emu_console_line_init(struct emu_console_line *line, struct emu_console *con,
			   const char *name);

/* Writes one byte; complete lines are printed with the prefix. */
void emu_console_putc(struct emu_console_line *line, uint8_t c);

/* Prints a pending partial line (at the end of a run: no output is lost). */
void emu_console_line_flush(struct emu_console_line *line);

/* Returns the next input byte, or -1 when none is available now. */
int emu_console_getc(struct emu_console *con);

/* True when no input can ever arrive any more: scripted input used up, no terminal. */
bool emu_console_input_exhausted(const struct emu_console *con);

/* True when some input byte is available now. */
bool emu_console_input_ready(struct emu_console *con);

/*
 * Blocks until input is ready (scripted input is at once; terminal input in real time, for a
 * guest that waits for nothing else). False when no more input can come.
 */
bool emu_console_wait_input(struct emu_console *con);

#endif
