/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The console of emu/console.c (line buffering, prefixes, the --until-console watch, scripted
 * and interactive input) driven directly into a memory stream, and the PL011 that serves it to
 * guests, through the input_echo and hello test guests.
 */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emu/console.h"
#include "helpers.h"

struct fixture {
	struct emu_console con;
	char *text;
	size_t len;
	FILE *out;
};

/* A fresh console writing into a memory stream. */
static void setup(struct fixture *f)
{
	memset(f, 0, sizeof(*f));
	f->out = open_memstream(&f->text, &f->len);
	cr_assert_not_null(f->out);
	emu_console_init(&f->con, f->out);
}

/* What the console printed so far (the stream is flushed first). */
static const char *output(struct fixture *f)
{
	fflush(f->out);
	return f->text;
}

static void teardown(struct fixture *f)
{
	emu_console_fini(&f->con);
	fclose(f->out);
	free(f->text);
}

static void put(struct emu_console_line *line, const char *s)
{
	while (*s)
		emu_console_putc(line, (uint8_t)*s++);
}

/* A complete line is printed with the writer's name as prefix. */
Test(console, line_gets_prefix)
{
	struct fixture f;
	struct emu_console_line a;

	setup(&f);
	emu_console_line_init(&a, &f.con, "host");
	put(&a, "hello\nworld\n");
	cr_assert_str_eq(output(&f), "[host] hello\n[host] world\n");
	teardown(&f);
}

/* Nothing is printed until the line ends. */
Test(console, partial_line_is_held)
{
	struct fixture f;
	struct emu_console_line a;

	setup(&f);
	emu_console_line_init(&a, &f.con, "host");
	put(&a, "no newline yet");
	cr_assert_str_eq(output(&f), "");
	emu_console_putc(&a, '\n');
	cr_assert_str_eq(output(&f), "[host] no newline yet\n");
	teardown(&f);
}

/* Two writers interleaving characters keep their own lines. */
Test(console, interleaved_writers_keep_lines)
{
	struct fixture f;
	struct emu_console_line a, b;
	const char *sa = "alpha\n", *sb = "beta\n";
	size_t la = strlen(sa), lb = strlen(sb);

	setup(&f);
	emu_console_line_init(&a, &f.con, "host");
	emu_console_line_init(&b, &f.con, "sp1");
	for (size_t i = 0; i < la || i < lb; i++) {
		if (i < lb)
			emu_console_putc(&b, (uint8_t)sb[i]);
		if (i < la)
			emu_console_putc(&a, (uint8_t)sa[i]);
	}
	cr_assert_str_eq(output(&f), "[sp1] beta\n[host] alpha\n");
	teardown(&f);
}

/* Carriage returns are dropped: "\r\n" ends a line once. */
Test(console, carriage_return_dropped)
{
	struct fixture f;
	struct emu_console_line a;

	setup(&f);
	emu_console_line_init(&a, &f.con, "host");
	put(&a, "a\rb\r\n");
	cr_assert_str_eq(output(&f), "[host] ab\n");
	teardown(&f);
}

/* Flushing prints a pending partial line; an empty one prints nothing. */
Test(console, flush_prints_partial_line)
{
	struct fixture f;
	struct emu_console_line a;

	setup(&f);
	emu_console_line_init(&a, &f.con, "host");
	emu_console_line_flush(&a);
	cr_assert_str_eq(output(&f), "");
	put(&a, "> ");
	emu_console_line_flush(&a);
	cr_assert_str_eq(output(&f), "[host] > \n");
	emu_console_line_flush(&a);
	cr_assert_str_eq(output(&f), "[host] > \n", "flushing twice prints once");
	teardown(&f);
}

/* A line longer than the buffer is split into prefixed pieces, no byte lost. */
Test(console, long_line_split)
{
	struct fixture f;
	struct emu_console_line a;
	char expect[2 * EMU_CONSOLE_LINE_MAX];
	size_t n = 0;

	setup(&f);
	emu_console_line_init(&a, &f.con, "h");
	for (unsigned i = 0; i < EMU_CONSOLE_LINE_MAX + 10; i++)
		emu_console_putc(&a, (uint8_t)('a' + i % 26));
	emu_console_putc(&a, '\n');

	n += (size_t)sprintf(expect + n, "[h] ");
	for (unsigned i = 0; i < EMU_CONSOLE_LINE_MAX; i++)
		expect[n++] = (char)('a' + i % 26);
	n += (size_t)sprintf(expect + n, "\n[h] ");
	for (unsigned i = EMU_CONSOLE_LINE_MAX; i < EMU_CONSOLE_LINE_MAX + 10; i++)
		expect[n++] = (char)('a' + i % 26);
	expect[n++] = '\n';
	expect[n] = '\0';
	cr_assert_str_eq(output(&f), expect);
	teardown(&f);
}

/* The watch text is found when it is printed, not before. */
Test(console, watch_hit_on_last_byte)
{
	struct fixture f;
	struct emu_console_line a;

	setup(&f);
	cr_assert(emu_console_set_watch(&f.con, "ready"));
	emu_console_line_init(&a, &f.con, "host");
	put(&a, "read");
	cr_assert_not(f.con.watch_hit);
	put(&a, "y");
	cr_assert(f.con.watch_hit);
	teardown(&f);
}

/* The watch text printed on a later line is found: earlier lines do not hide it. */
Test(console, watch_hit_on_later_line)
{
	struct fixture f;
	struct emu_console_line a;

	setup(&f);
	cr_assert(emu_console_set_watch(&f.con, "login:"));
	emu_console_line_init(&a, &f.con, "host");
	put(&a, "booting\nlog\nmounting\n");
	cr_assert_not(f.con.watch_hit);
	put(&a, "login:");
	cr_assert(f.con.watch_hit);
	teardown(&f);
}

/* A watch text spanning a line break matches the bytes as written. */
Test(console, watch_hit_across_lines)
{
	struct fixture f;
	struct emu_console_line a;

	setup(&f);
	cr_assert(emu_console_set_watch(&f.con, "one\ntwo"));
	emu_console_line_init(&a, &f.con, "host");
	put(&a, "one\n");
	cr_assert_not(f.con.watch_hit);
	put(&a, "two");
	cr_assert(f.con.watch_hit);
	teardown(&f);
}

/* Any writer can print the watch text, not only the first one. */
Test(console, watch_hit_from_second_writer)
{
	struct fixture f;
	struct emu_console_line a, b;

	setup(&f);
	cr_assert(emu_console_set_watch(&f.con, "done"));
	emu_console_line_init(&a, &f.con, "host");
	emu_console_line_init(&b, &f.con, "sp1");
	put(&a, "waiting\n");
	cr_assert_not(f.con.watch_hit);
	put(&b, "done\n");
	cr_assert(f.con.watch_hit);
	cr_assert_str_eq(output(&f), "[host] waiting\n[sp1] done\n");
	teardown(&f);
}

/* Without a watch nothing is ever reported as hit. */
Test(console, no_watch_no_hit)
{
	struct fixture f;
	struct emu_console_line a;

	setup(&f);
	emu_console_line_init(&a, &f.con, "host");
	put(&a, "anything at all\n");
	cr_assert_not(f.con.watch_hit);
	teardown(&f);
}

/* The watch text must be 1 to EMU_CONSOLE_WATCH_MAX - 1 bytes. */
Test(console, set_watch_limits)
{
	struct fixture f;
	char text[EMU_CONSOLE_WATCH_MAX + 1];

	setup(&f);
	cr_assert_not(emu_console_set_watch(&f.con, ""));
	memset(text, 'w', EMU_CONSOLE_WATCH_MAX);
	text[EMU_CONSOLE_WATCH_MAX] = '\0';
	cr_assert_not(emu_console_set_watch(&f.con, text));
	cr_assert_eq(f.con.watch_len, 0, "a refused watch is not set");
	text[EMU_CONSOLE_WATCH_MAX - 1] = '\0';
	cr_assert(emu_console_set_watch(&f.con, text));
	cr_assert_eq(f.con.watch_len, EMU_CONSOLE_WATCH_MAX - 1);
	cr_assert_str_eq(f.con.watch, text);
	teardown(&f);
}

/* Scripted input is read in the order it was added. */
Test(console, scripted_input_in_order)
{
	struct fixture f;

	setup(&f);
	cr_assert(emu_console_add_input(&f.con, "ab", 2));
	cr_assert(emu_console_add_input(&f.con, "c\n", 2));
	cr_assert(emu_console_input_ready(&f.con));
	cr_assert_eq(emu_console_getc(&f.con), 'a');
	cr_assert_eq(emu_console_getc(&f.con), 'b');
	cr_assert_eq(emu_console_getc(&f.con), 'c');
	cr_assert_eq(emu_console_getc(&f.con), '\n');
	cr_assert_eq(emu_console_getc(&f.con), -1);
	cr_assert_not(emu_console_input_ready(&f.con));
	teardown(&f);
}

/* With no input at all getc answers -1 and the input counts as exhausted. */
Test(console, no_input)
{
	struct fixture f;

	setup(&f);
	cr_assert_eq(emu_console_getc(&f.con), -1);
	cr_assert_not(emu_console_input_ready(&f.con));
	cr_assert(emu_console_input_exhausted(&f.con));
	cr_assert_not(f.con.scripted);
	teardown(&f);
}

/* Scripted input without a terminal is exhausted exactly when its last byte is read. */
Test(console, scripted_input_exhausted)
{
	struct fixture f;

	setup(&f);
	cr_assert(emu_console_add_input(&f.con, "xy", 2));
	cr_assert(f.con.scripted);
	cr_assert_not(emu_console_input_exhausted(&f.con));
	cr_assert_eq(emu_console_getc(&f.con), 'x');
	cr_assert_not(emu_console_input_exhausted(&f.con));
	cr_assert_eq(emu_console_getc(&f.con), 'y');
	cr_assert(emu_console_input_exhausted(&f.con));
	teardown(&f);
}

/* Interactive input comes after the scripted bytes; closing it makes the input exhausted. */
Test(console, interactive_fd_after_scripted)
{
	struct fixture f;
	int fds[2];

	setup(&f);
	cr_assert_eq(pipe(fds), 0);
	cr_assert(emu_console_add_input(&f.con, "s", 1));
	emu_console_set_interactive(&f.con, fds[0]);
	cr_assert_eq(write(fds[1], "tu", 2), 2);

	cr_assert_eq(emu_console_getc(&f.con), 's');
	cr_assert_eq(emu_console_getc(&f.con), 't');
	cr_assert_eq(emu_console_getc(&f.con), 'u');
	/* Nothing typed yet, but more may come. */
	cr_assert_not(emu_console_input_ready(&f.con));
	cr_assert_eq(emu_console_getc(&f.con), -1);
	cr_assert_not(emu_console_input_exhausted(&f.con));

	cr_assert_eq(write(fds[1], "v", 1), 1);
	cr_assert(emu_console_input_ready(&f.con));
	cr_assert_eq(emu_console_getc(&f.con), 'v');

	close(fds[1]);
	cr_assert_eq(emu_console_getc(&f.con), -1, "end of file");
	cr_assert(emu_console_input_exhausted(&f.con));
	cr_assert_eq(f.con.interactive_fd, -1);
	close(fds[0]);
	teardown(&f);
}

/* The PL011 feeds scripted input to a guest reading lines; "quit" ends it with status 5. */
Test(console, pl011_input_echo_quit)
{
	struct sim_config cfg = {.input_text = "abc\nquit\n"};
	struct run_result r;

	run_guest("input_echo.elf", &cfg, &r);
	cr_assert_eq(r.status, 5, "notes: %s", r.notes);
	cr_assert_str_eq(r.console, "[host] > got: abc\n[host] > got: quit\n[host] bye\n");
	cr_assert_eq(r.stop.kind, EMU_STOP_EXIT);
	run_result_free(&r);
}

/* A guest polling for input after the scripted input is used up ends the run with status 0. */
Test(console, pl011_input_used_up)
{
	struct sim_config cfg = {.input_text = "abc\n"};
	struct run_result r;

	run_guest("input_echo.elf", &cfg, &r);
	cr_assert_eq(r.status, 0, "notes: %s", r.notes);
	cr_assert_eq(r.stop.kind, EMU_STOP_INPUT);
	cr_assert_not_null(strstr(r.console, "[host] > got: abc\n"), "%s", r.console);
	/* The prompt left waiting is flushed at the end of the run. */
	cr_assert_not_null(strstr(r.console, "[host] > \n"), "%s", r.console);
	cr_assert_not_null(strstr(r.notes, "console input used up while the guest waits for more"),
			   "%s", r.notes);
	run_result_free(&r);
}

/* A guest waiting for input when none was given at all ends with its own note. */
Test(console, pl011_no_input_given)
{
	struct run_result r;

	run_guest("input_echo.elf", NULL, &r);
	cr_assert_eq(r.status, 0, "notes: %s", r.notes);
	cr_assert_eq(r.stop.kind, EMU_STOP_INPUT);
	cr_assert_str_eq(r.console, "[host] > \n");
	cr_assert_not_null(strstr(r.notes, "the guest waits for console input and none was given"),
			   "%s", r.notes);
	run_result_free(&r);
}

/* The UART output of the smallest guest is exactly its one prefixed line. */
Test(console, pl011_hello_exact)
{
	struct run_result r;

	run_guest("hello.elf", NULL, &r);
	cr_assert_eq(r.status, 0, "notes: %s", r.notes);
	cr_assert_str_eq(r.console, "[host] hello from guest\n");
	run_result_free(&r);
}

/* run --console FILE puts the guest's output in FILE and nothing on stdout. */
Test(console, cli_console_to_file)
{
	const char *path = write_temp("old contents\n", 13);
	struct run_result r;
	uint8_t *data;
	size_t size;
	struct diag err;

	run_cli(&r, "run", "--console", path, guest_path("hello.elf"), NULL);
	cr_assert_eq(r.status, 0, "stderr: %s", r.notes);
	cr_assert_str_eq(r.console, "");
	cr_assert(emu_read_file(path, &data, &size, &err), "%s", err.msg);
	cr_assert_eq(size, strlen("[host] hello from guest\n"));
	cr_assert_arr_eq(data, "[host] hello from guest\n", size);
	free(data);
	remove(path);
	run_result_free(&r);
}

/* A line that exactly fills the buffer, then its newline: one line printed, no empty one. */
Test(console, full_line_then_newline_prints_once)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	struct emu_console con;
	struct emu_console_line line;

	emu_console_init(&con, out);
	emu_console_line_init(&line, &con, "host");
	for (unsigned i = 0; i < EMU_CONSOLE_LINE_MAX; i++)
		emu_console_putc(&line, 'x');
	emu_console_putc(&line, '\n');
	emu_console_putc(&line, '\n');
	fclose(out);
	cr_assert_eq(len, strlen("[host] ") + EMU_CONSOLE_LINE_MAX + 1 + strlen("[host] \n"));
	cr_assert_str_eq(buf + len - strlen("\n[host] \n"), "\n[host] \n");
	free(buf);
	emu_console_fini(&con);
}

/* The watch matches each writer's own output, even when another writer interleaves. */
Test(console, watch_per_writer)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	struct emu_console con;
	struct emu_console_line a, b;
	const char *word = "done";

	emu_console_init(&con, out);
	emu_console_line_init(&a, &con, "a");
	emu_console_line_init(&b, &con, "b");
	cr_assert(emu_console_set_watch(&con, "done"));
	for (const char *c = word; *c; c++) {
		emu_console_putc(&b, (uint8_t)*c);
		emu_console_putc(&a, 'z');
	}
	cr_assert(con.watch_hit);
	fclose(out);
	free(buf);
	emu_console_fini(&con);
}

/* A carriage return, dropped from the output, does not break a watch match. */
Test(console, watch_ignores_carriage_return)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	struct emu_console con;
	struct emu_console_line a;

	emu_console_init(&con, out);
	emu_console_line_init(&a, &con, "a");
	cr_assert(emu_console_set_watch(&con, "ab"));
	emu_console_putc(&a, 'a');
	emu_console_putc(&a, '\r');
	emu_console_putc(&a, 'b');
	cr_assert(con.watch_hit);
	fclose(out);
	free(buf);
	emu_console_fini(&con);
}
