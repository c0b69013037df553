/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ffa-sim command line (tools/ffa-sim.c), run as a separate process: help texts, option
 * checking and its usage errors, the demo guest, the dtb command, and the exit statuses a run
 * ends with.
 */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../emu/internal.h"
#include "helpers.h"
#include "spmc/spmc.h"

#define DTS_MAX (64 * 1024)

static void expect_in(const char *haystack, const char *needle, const char *where)
{
	cr_assert_not_null(strstr(haystack, needle), "%s lacks \"%s\":\n%s", where, needle,
			   haystack);
}

/* A usage error: status 2, nothing on stdout, the message and a pointer to --help on stderr. */
static void expect_usage_error(const struct run_result *r, const char *msg, const char *hint)
{
	cr_assert_eq(r->status, EMU_STATUS_USAGE, "status %d, stderr: %s", r->status, r->notes);
	cr_assert_str_eq(r->console, "");
	expect_in(r->notes, msg, "stderr");
	if (hint != NULL)
		expect_in(r->notes, hint, "stderr");
}

/* Decompiles a .dtb with dtc into out; returns dtc's exit status. */
static int dtc_decompile(const char *path, char *out, size_t size)
{
	char cmd[1200];
	size_t n = 0, got;
	FILE *p;
	int ws;

	snprintf(cmd, sizeof(cmd), "dtc -I dtb -O dts '%s' 2>&1", path);
	p = popen(cmd, "r");
	cr_assert_not_null(p);
	while (n + 1 < size && (got = fread(out + n, 1, size - n - 1, p)) > 0)
		n += got;
	out[n] = '\0';
	ws = pclose(p);
	return WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
}

/* --help lists the commands and the exit statuses on stdout, status 0. */
Test(cli, main_help)
{
	struct run_result r;

	run_cli(&r, "--help", NULL);
	cr_assert_eq(r.status, 0);
	cr_assert_str_eq(r.notes, "");
	expect_in(r.console, "usage: ffa-sim ", "--help");
	expect_in(r.console, "\n  run ", "--help");
	expect_in(r.console, "\n  dtb ", "--help");
	expect_in(r.console, "\n  help ", "--help");
	expect_in(r.console, "Exit status:", "--help");
	expect_in(r.console, "2 for usage and input errors", "--help");
	expect_in(r.console, "3 for guest faults", "--help");
	expect_in(r.console, "4 for internal errors", "--help");
	run_result_free(&r);
}

/* -h, `help` and --help print the same text. */
Test(cli, main_help_spellings_agree)
{
	struct run_result a, b, c;

	run_cli(&a, "--help", NULL);
	run_cli(&b, "-h", NULL);
	run_cli(&c, "help", NULL);
	cr_assert_eq(b.status, 0);
	cr_assert_eq(c.status, 0);
	cr_assert_str_eq(b.console, a.console);
	cr_assert_str_eq(c.console, a.console);
	run_result_free(&a);
	run_result_free(&b);
	run_result_free(&c);
}

/* --version prints one line "ffa-sim MAJOR.MINOR.PATCH". */
Test(cli, version)
{
	struct run_result r;
	unsigned major, minor, patch;
	char nl = 0;

	run_cli(&r, "--version", NULL);
	cr_assert_eq(r.status, 0);
	cr_assert_str_eq(r.notes, "");
	cr_assert_eq(sscanf(r.console, "ffa-sim %u.%u.%u%c", &major, &minor, &patch, &nl), 4, "%s",
		     r.console);
	cr_assert_eq(nl, '\n');
	cr_assert_eq(strchr(r.console, '\n'), r.console + strlen(r.console) - 1, "one line");
	run_result_free(&r);
}

/* `help run` and `run --help` print the same run usage, which lists every option. */
Test(cli, run_help)
{
	static const char *const options[] = {"--guest",      "--load-addr",     "--entry",
					      "--platform",   "--dtb",           "--el",
					      "--smccc",      "--console",       "--input ",
					      "--input-text", "--until-console", "--max-insns",
					      "--timeslice",  "--halt",          "--stats",
					      "--quiet",      "--help",          "--trace"};
	struct run_result a, b;

	run_cli(&a, "help", "run", NULL);
	run_cli(&b, "run", "--help", NULL);
	cr_assert_eq(a.status, 0);
	cr_assert_eq(b.status, 0);
	cr_assert_str_eq(a.console, b.console);
	cr_assert_eq(strncmp(a.console, "usage: ffa-sim run ", 19), 0, "%s", a.console);
	for (unsigned i = 0; i < sizeof(options) / sizeof(options[0]); i++)
		expect_in(a.console, options[i], "run --help");
	run_result_free(&a);
	run_result_free(&b);
}

/* The personalities the help and `list personalities` offer are the table's, every one. */
Test(cli, personalities_from_the_table)
{
	struct run_result help, list;
	char line[64];

	run_cli(&help, "run", "--help", NULL);
	run_cli(&list, "list", "personalities", NULL);
	cr_assert_eq(list.status, 0);
	for (size_t i = 0; spmc_personality_at(i) != NULL; i++) {
		const char *name = spmc_personality_at(i)->name;

		expect_in(help.console, name, "run --help");
		snprintf(line, sizeof(line), "%s\n", name);
		expect_in(list.console, line, "list personalities");
	}
	expect_in(list.console, "none\n", "list personalities");
	run_result_free(&help);
	run_result_free(&list);
}

/* `help dtb` and `dtb --help` print the same dtb usage. */
Test(cli, dtb_help)
{
	struct run_result a, b;

	run_cli(&a, "help", "dtb", NULL);
	run_cli(&b, "dtb", "--help", NULL);
	cr_assert_eq(a.status, 0);
	cr_assert_eq(b.status, 0);
	cr_assert_str_eq(a.console, b.console);
	cr_assert_eq(strncmp(a.console, "usage: ffa-sim dtb ", 19), 0, "%s", a.console);
	expect_in(a.console, "--platform", "dtb --help");
	expect_in(a.console, "--output", "dtb --help");
	run_result_free(&a);
	run_result_free(&b);
}

/* Help for a command that does not exist is a usage error. */
Test(cli, help_unknown_command)
{
	struct run_result r;

	run_cli(&r, "help", "frobnicate", NULL);
	expect_usage_error(&r, "no help for \"frobnicate\"", "Try 'ffa-sim --help'.");
	run_result_free(&r);
}

/* An unknown command: status 2, the command named, a pointer to --help. */
Test(cli, unknown_command)
{
	struct run_result r;

	run_cli(&r, "frobnicate", NULL);
	cr_assert_eq(r.status, 2);
	cr_assert_str_eq(r.console, "");
	cr_assert_str_eq(r.notes,
			 "ffa-sim: unknown command \"frobnicate\"\nTry 'ffa-sim --help'.\n");
	run_result_free(&r);
}

/* An unknown run option is named in the error. */
Test(cli, unknown_option)
{
	struct run_result r;

	run_cli(&r, "run", "--frobnicate", NULL);
	cr_assert_eq(r.status, 2);
	cr_assert_str_eq(r.console, "");
	cr_assert_str_eq(r.notes,
			 "ffa-sim run: unknown option --frobnicate\nTry 'ffa-sim run --help'.\n");
	run_result_free(&r);
}

/* An option given without its value. */
Test(cli, option_needs_value)
{
	struct run_result r;

	run_cli(&r, "run", "--max-insns", NULL);
	expect_usage_error(&r, "option --max-insns needs a value", "Try 'ffa-sim run --help'.");
	run_result_free(&r);
}

/* --exceptions takes auto, deliver or report; anything else is a usage error naming it. */
Test(cli, exceptions_policy_value)
{
	struct run_result r;

	run_cli(&r, "run", "--exceptions", "sometimes", guest_path("hello.elf"), NULL);
	expect_usage_error(&r, "--exceptions: \"sometimes\": choose auto, deliver or report",
			   "Try 'ffa-sim run --help'.");
	run_result_free(&r);
	/* report: the guest's own vectors are not used, its SVC is a fault report. */
	run_cli(&r, "run", "--exceptions", "report", guest_path("exc_el1.elf"), NULL);
	cr_assert_eq(r.status, 3, "%s", r.notes);
	cr_assert_not_null(strstr(r.notes, "supervisor call (SVC) with no handler"), "%s", r.notes);
	run_result_free(&r);
}

/* `run OPTION bad` and `run OPTION 0` are usage errors naming the option and the value. */
static void expect_positive_only(const char *option, const char *bad)
{
	struct run_result r;
	char msg[128];

	run_cli(&r, "run", option, bad, NULL);
	snprintf(msg, sizeof(msg), "%s: \"%s\" is not a positive number", option, bad);
	expect_usage_error(&r, msg, NULL);
	run_result_free(&r);
	run_cli(&r, "run", option, "0", NULL);
	snprintf(msg, sizeof(msg), "%s: \"0\" is not a positive number", option);
	expect_usage_error(&r, msg, NULL);
	run_result_free(&r);
}

/* --max-insns takes a positive number only. */
Test(cli, max_insns_not_a_number)
{
	expect_positive_only("--max-insns", "abc");
}

/* --timeslice takes a positive number only. */
Test(cli, timeslice_not_a_number)
{
	expect_positive_only("--timeslice", "5us");
}

/* The entry exception level is 1 or 2. */
Test(cli, el_3_refused)
{
	struct run_result r;

	run_cli(&r, "run", "--el", "3", NULL);
	expect_usage_error(&r, "--el: \"3\": the entry level is 1 or 2", NULL);
	run_result_free(&r);
}

/* --halt takes exit or fault. */
Test(cli, halt_bad_value)
{
	struct run_result r;

	run_cli(&r, "run", "--halt", "maybe", NULL);
	expect_usage_error(&r, "--halt: \"maybe\": choose exit or fault", NULL);
	run_result_free(&r);
}

/* --smccc takes the versions firmware reports, 1.0 to 1.5. */
Test(cli, smccc_bad_version)
{
	struct run_result r;

	run_cli(&r, "run", "--smccc", "2.0", NULL);
	expect_usage_error(&r, "--smccc: \"2.0\": choose 1.0, 1.1, 1.2, 1.3, 1.4 or 1.5", NULL);
	run_result_free(&r);
}

/* Runs the demo with --smccc version; it must see that version and print `also`. */
static void expect_demo_smccc(const char *version, const char *also)
{
	struct run_result r;
	char line[64];

	run_cli(&r, "run", "--smccc", version, NULL);
	cr_assert_eq(r.status, 0, "stderr: %s", r.notes);
	snprintf(line, sizeof(line), "[host] SMCCC_VERSION: %s\n", version);
	expect_in(r.console, line, "demo");
	expect_in(r.console, also, "demo");
	run_result_free(&r);
}

/* run --smccc 1.3: the demo sees SMCCC 1.3 and still gets its x4-x17 results (1.2's rule). */
Test(cli, demo_smccc_1_3)
{
	expect_demo_smccc("1.3", "echoed 0x100..0x10d");
}

/* --load-addr must be a number. */
Test(cli, load_addr_not_a_number)
{
	struct run_result r;

	run_cli(&r, "run", "--load-addr", "0xzz", guest_path("hello.bin"), NULL);
	expect_usage_error(&r, "--load-addr: \"0xzz\" is not an address", NULL);
	run_result_free(&r);
}

/* Two guests on one command line are refused. */
Test(cli, one_guest_only)
{
	struct run_result r;

	run_cli(&r, "run", guest_path("hello.elf"), guest_path("exit42.elf"), NULL);
	expect_usage_error(&r, "one guest only", NULL);
	run_result_free(&r);
}

/* A guest file that does not exist: status 2 and the path in the error. */
Test(cli, missing_guest_file)
{
	const char *path = "/tmp/ffa-sim-test-no-such-dir/guest.elf";
	struct run_result r;

	run_cli(&r, "run", path, NULL);
	expect_usage_error(&r, path, "cannot open: No such file or directory");
	run_result_free(&r);
}

/* A raw image without --load-addr: the error says what is missing. */
Test(cli, raw_needs_load_addr)
{
	struct run_result r;

	run_cli(&r, "run", guest_path("hello.bin"), NULL);
	expect_usage_error(&r, "not an ELF file: a raw binary needs --load-addr ADDR",
			   guest_path("hello.bin"));
	run_result_free(&r);
}

/* A raw image with --load-addr runs from that address. */
Test(cli, raw_with_load_addr_runs)
{
	struct run_result r;

	run_cli(&r, "run", "-q", "--load-addr", "0x40200000", guest_path("hello.bin"), NULL);
	cr_assert_eq(r.status, 0, "stderr: %s", r.notes);
	cr_assert_str_eq(r.console, "[host] hello from guest\n");
	run_result_free(&r);
}

/* An unknown escape in --input-text is a usage error. */
Test(cli, input_text_bad_escape)
{
	struct run_result r;

	run_cli(&r, "run", "--input-text", "a\\q", NULL);
	expect_usage_error(&r, "--input-text: bad escape in \"a\\q\"", NULL);
	run_result_free(&r);
	run_cli(&r, "run", "--input-text", "a\\x4", NULL);
	expect_usage_error(&r, "--input-text: bad escape", NULL);
	run_result_free(&r);
}

/* --input-text escapes (\xHH, \r, \n) reach the guest as bytes. */
Test(cli, input_text_escapes_expanded)
{
	struct run_result r;

	run_cli(&r, "run", "-q", "--input-text", "hi\\x21\\r\\nquit\\n",
		guest_path("input_echo.elf"), NULL);
	cr_assert_eq(r.status, 5, "stderr: %s", r.notes);
	cr_assert_str_eq(r.console, "[host] > got: hi!\n[host] > got: quit\n[host] bye\n");
	run_result_free(&r);
}

/* No arguments at all run the built-in demo guest, which powers off with status 0. */
Test(cli, no_arguments_runs_demo)
{
	struct run_result r;

	run_cli(&r, NULL);
	cr_assert_eq(r.status, 0, "stderr: %s", r.notes);
	/* The demo system's partition binaries boot first and say so. */
	cr_assert_eq(strncmp(r.console, "[echo2] echo2: ready, two services\n", 35), 0, "%s",
		     r.console);
	expect_in(r.console, "[host] ffa-sim demo guest\n", "demo");
	expect_in(r.console, "[host] SMCCC_VERSION: 1.5\n", "demo");
	expect_in(r.console, "[host] PSCI_VERSION: 1.1\n", "demo");
	expect_in(r.console, "[host] powering off\n", "demo");
	expect_in(r.notes, "ffa-sim: note: host: exit: PSCI SYSTEM_OFF", "stderr");
	run_result_free(&r);
}

/* `run` without a guest is the same demo. */
Test(cli, run_without_guest_is_demo)
{
	struct run_result a, b;

	run_cli(&a, NULL);
	run_cli(&b, "run", NULL);
	cr_assert_eq(b.status, 0);
	cr_assert_str_eq(b.console, a.console);
	run_result_free(&a);
	run_result_free(&b);
}

/* run --smccc 1.1: the demo sees SMCCC 1.1. */
Test(cli, demo_smccc_1_1)
{
	expect_demo_smccc("1.1", "[host] PSCI_VERSION: 1.1\n");
}

/* --load-addr makes no sense for the demo, which is an ELF image. */
Test(cli, demo_refuses_load_addr)
{
	struct run_result r;

	run_cli(&r, "run", "--load-addr", "0x40000000", NULL);
	expect_usage_error(&r, "--load-addr: the demo guest is an ELF image", NULL);
	run_result_free(&r);
}

/* --stats prints the instruction and call counts on stderr, not stdout. */
Test(cli, stats_on_stderr)
{
	struct run_result r;

	run_cli(&r, "run", "--stats", guest_path("hello.elf"), NULL);
	cr_assert_eq(r.status, 0, "stderr: %s", r.notes);
	cr_assert_str_eq(r.console, "[host] hello from guest\n");
	expect_in(r.notes, "ffa-sim: stats: host: instructions ", "stderr");
	expect_in(r.notes, ", calls 0, conformance violations 0, exit status 0\n", "stderr");
	run_result_free(&r);
}

/* systems/preempt.yaml's run.timeslice preempts the looping partition; --timeslice overrides
 * it (a slice longer than the request: no preemption, the same answer). */
Test(cli, timeslice_system_and_option)
{
	const char *sys = source_path("systems/preempt.yaml");
	struct run_result r;

	run_cli(&r, "run", "-q", sys, guest_path("sp_preempt.elf"), NULL);
	cr_assert_eq(r.status, 0, "stderr: %s", r.notes);
	expect_in(r.console,
		  "[host] loop 20000 -> c4000070 x3=20000 x4=5e950516b6440710 x5=0 after 36 "
		  "interrupts\n",
		  "stdout");
	run_result_free(&r);
	run_cli(&r, "run", "-q", "--timeslice", "1000000", sys, guest_path("sp_preempt.elf"), NULL);
	cr_assert_eq(r.status, 0, "stderr: %s", r.notes);
	expect_in(r.console, "x4=5e950516b6440710 x5=0 after 0 interrupts\n", "stdout");
	run_result_free(&r);
}

/* -q silences the end-of-run note. */
Test(cli, quiet_prints_no_note)
{
	struct run_result r;

	run_cli(&r, "run", "-q", guest_path("hello.elf"), NULL);
	cr_assert_eq(r.status, 0);
	cr_assert_str_eq(r.console, "[host] hello from guest\n");
	cr_assert_str_eq(r.notes, "");
	run_result_free(&r);
	run_cli(&r, "run", guest_path("hello.elf"), NULL);
	expect_in(r.notes, "ffa-sim: note: host: exit: ", "stderr without -q");
	run_result_free(&r);
}

/* dtb -o FILE writes a tree dtc reads back, with the UART and the RAM of virt. */
Test(cli, dtb_output_decompiles)
{
	const char *path = write_temp("", 0);
	static char dts[DTS_MAX];
	struct run_result r;

	run_cli(&r, "dtb", "-o", path, NULL);
	cr_assert_eq(r.status, 0, "stderr: %s", r.notes);
	cr_assert_str_eq(r.console, "");
	cr_assert_str_eq(r.notes, "");
	cr_assert_eq(dtc_decompile(path, dts, sizeof(dts)), 0, "%s", dts);
	expect_in(dts, "arm,pl011", "dts");
	expect_in(dts, "memory@40000000", "dts");
	remove(path);
	run_result_free(&r);
}

/* With the pKVM-style proxy the tree keeps the proxy's 64 KiB at the end of RAM from the
 * guest: a /reserved-memory no-map child, read back with dtc; without it there is none. */
Test(cli, dtb_hypervisor_reserved_memory)
{
	const char *path = write_temp("", 0);
	static char dts[DTS_MAX];
	struct run_result r;

	run_cli(&r, "dtb", "--hypervisor", "pkvm", "-o", path, NULL);
	cr_assert_eq(r.status, 0, "stderr: %s", r.notes);
	cr_assert_eq(dtc_decompile(path, dts, sizeof(dts)), 0, "%s", dts);
	expect_in(dts, "reserved-memory {", "dts");
	expect_in(dts, "\t\tranges;\n", "dts");
	expect_in(dts, "\t\t#size-cells = <0x02>;\n", "dts");
	expect_in(dts, "\t\t#address-cells = <0x02>;\n", "dts");
	expect_in(dts,
		  "pkvm-ffa@7fff0000 {\n\t\t\tno-map;\n"
		  "\t\t\treg = <0x00 0x7fff0000 0x00 0x10000>;",
		  "dts");
	/* The memory node stays whole. */
	expect_in(dts, "reg = <0x00 0x40000000 0x00 0x40000000>;", "dts");
	run_result_free(&r);
	run_cli(&r, "dtb", "-o", path, NULL);
	cr_assert_eq(r.status, 0, "stderr: %s", r.notes);
	cr_assert_eq(dtc_decompile(path, dts, sizeof(dts)), 0, "%s", dts);
	cr_assert_null(strstr(dts, "reserved-memory"), "%s", dts);
	run_result_free(&r);
	run_cli(&r, "dtb", "--hypervisor", "xen", "-o", path, NULL);
	cr_assert_eq(r.status, 2);
	run_result_free(&r);
	remove(path);
}

/* dtb without -o is a usage error. */
Test(cli, dtb_needs_output)
{
	struct run_result r;

	run_cli(&r, "dtb", NULL);
	expect_usage_error(&r, "-o FILE is required", "Try 'ffa-sim dtb --help'.");
	run_result_free(&r);
}

/* dtb takes no positional argument. */
Test(cli, dtb_extra_argument)
{
	struct run_result r;

	run_cli(&r, "dtb", "-o", "/dev/null", "extra", NULL);
	expect_usage_error(&r, "unexpected argument \"extra\"", NULL);
	run_result_free(&r);
}

/* The guest's own exit status is the command's. */
Test(cli, guest_exit_status)
{
	struct run_result r;

	run_cli(&r, "run", guest_path("exit42.elf"), NULL);
	cr_assert_eq(r.status, 42, "stderr: %s", r.notes);
	cr_assert_str_eq(r.console, "[host] exiting with 42\n");
	run_result_free(&r);
}

/* A faulting guest: status 3 and a report with the PC and the registers on stderr. */
Test(cli, guest_fault_report)
{
	struct run_result r;

	run_cli(&r, "run", guest_path("fault_read.elf"), NULL);
	cr_assert_eq(r.status, 3, "stderr: %s", r.notes);
	cr_assert_str_eq(r.console, "[host] about to fault\n");
	expect_in(r.notes, "guest fault", "stderr");
	expect_in(r.notes, "0x7000000000", "stderr");
	expect_in(r.notes, "pc:", "stderr");
	expect_in(r.notes, "x30", "stderr");
	run_result_free(&r);
}

/* -q does not silence a fault report. */
Test(cli, quiet_keeps_fault_report)
{
	struct run_result r;

	run_cli(&r, "run", "-q", guest_path("fault_read.elf"), NULL);
	cr_assert_eq(r.status, 3);
	expect_in(r.notes, "guest fault", "stderr");
	run_result_free(&r);
}

/* --max-insns ends a guest that never stops as a fault. */
Test(cli, max_insns_limit)
{
	struct run_result r;

	run_cli(&r, "run", "--max-insns", "1000", guest_path("fault_runaway.elf"), NULL);
	cr_assert_eq(r.status, 3, "stderr: %s", r.notes);
	expect_in(r.notes, "instruction limit reached (--max-insns 1000)", "stderr");
	run_result_free(&r);
}

/* --until-console ends the run with status 0 once the text is printed. */
Test(cli, until_console)
{
	struct run_result r;

	run_cli(&r, "run", "--until-console", "boot complete", guest_path("until_console.elf"),
		NULL);
	cr_assert_eq(r.status, 0, "stderr: %s", r.notes);
	cr_assert_str_eq(r.console, "[host] boot complete\n");
	expect_in(r.notes, "console printed \"boot complete\"", "stderr");
	run_result_free(&r);
}

/* --halt fault turns a branch-to-self into a fault (status 3). */
Test(cli, halt_fault)
{
	struct run_result r;

	run_cli(&r, "run", "--halt", "fault", guest_path("halt_b.elf"), NULL);
	cr_assert_eq(r.status, 3, "stderr: %s", r.notes);
	cr_assert_str_eq(r.console, "[host] parking\n");
	expect_in(r.notes, "branch to self", "stderr");
	run_result_free(&r);
	run_cli(&r, "run", "--halt", "exit", guest_path("halt_b.elf"), NULL);
	cr_assert_eq(r.status, 0, "stderr: %s", r.notes);
	run_result_free(&r);
}

/* `--input -` feeds stdin (here a pipe) to the UART; its end ends a guest waiting for more. */
Test(cli, input_from_stdin_pipe)
{
	char cmd[2048];
	FILE *p;
	char out[512] = {0};
	size_t n;
	int st;

	snprintf(cmd, sizeof(cmd), "printf 'one\\nquit\\n' | '%s' run --input - '%s' 2>/dev/null",
		 getenv("FFA_SIM_BIN"), guest_path("input_echo.elf"));
	p = popen(cmd, "r");
	cr_assert_not_null(p);
	n = fread(out, 1, sizeof(out) - 1, p);
	st = pclose(p);
	out[n] = '\0';
	cr_assert_eq(WEXITSTATUS(st), 5, "%s", out);
	cr_assert_str_eq(out, "[host] > got: one\n[host] > got: quit\n[host] bye\n");
	snprintf(cmd, sizeof(cmd), "printf 'one\\n' | '%s' run --input - '%s' 2>&1 >/dev/null",
		 getenv("FFA_SIM_BIN"), guest_path("input_echo.elf"));
	p = popen(cmd, "r");
	n = fread(out, 1, sizeof(out) - 1, p);
	st = pclose(p);
	out[n] = '\0';
	cr_assert_eq(WEXITSTATUS(st), 0, "%s", out);
	cr_assert_not_null(strstr(out, "console input used up while the guest waits for more"),
			   "%s", out);
}

/* --spmc none: firmware without FF-A, FFA_VERSION is an unknown SMC (w0 = 0xFFFFFFFF). */
Test(cli, spmc_none)
{
	struct run_result r;

	run_cli(&r, "run", "--spmc", "none", NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_assert_not_null(strstr(r.console, "FF-A not available (NOT_SUPPORTED)"), "%s",
			   r.console);
	run_result_free(&r);
}

/* --spmc with an unknown personality or version is a usage error naming the choices. */
Test(cli, spmc_bad)
{
	struct run_result r;

	run_cli(&r, "run", "--spmc", "trusty", NULL);
	cr_assert_eq(r.status, 2);
	cr_assert_not_null(strstr(r.notes, "choose hafnium, tf-a, optee or none"), "%s", r.notes);
	run_result_free(&r);
	run_cli(&r, "run", "--spmc", "tf-a:2.0", NULL);
	cr_assert_eq(r.status, 2);
	cr_assert_not_null(strstr(r.notes, "is not one tf-a offers (1.0 to 1.2)"), "%s", r.notes);
	run_result_free(&r);
}

/* --spmc-id must be a secure (bit 15) 16-bit ID. */
Test(cli, spmc_id_checked)
{
	struct run_result r;

	run_cli(&r, "run", "--spmc-id", "0x1234", NULL);
	cr_assert_eq(r.status, 2);
	cr_assert_not_null(strstr(r.notes, "--spmc-id: 0x1234 is not a secure ID"), "%s", r.notes);
	run_result_free(&r);
	run_cli(&r, "run", "--spmc-id", "0x12345", NULL);
	cr_assert_eq(r.status, 2);
	run_result_free(&r);
	run_cli(&r, "run", "--spmc-id", "0x8ffe", NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	run_result_free(&r);
}

/* --spmc-id gets the checks a system file's spmc.id gets: not the SPMD's 0xffff, not a
 * partition's ID (the built-in echo's 0x8001, or one of the system file's). */
Test(cli, spmc_id_same_rules_as_system)
{
	struct run_result r;

	run_cli(&r, "run", "--spmc-id", "0xffff", NULL);
	cr_assert_eq(r.status, 2, "%s", r.notes);
	cr_assert_not_null(strstr(r.notes, "--spmc-id: 0xffff is the SPMD's ID"), "%s", r.notes);
	run_result_free(&r);
	run_cli(&r, "run", "--spmc-id", "0x8001", NULL);
	cr_assert_eq(r.status, 2, "%s", r.notes);
	cr_assert_not_null(strstr(r.notes, "--spmc-id: 0x8001 is the ID of partition echo"), "%s",
			   r.notes);
	run_result_free(&r);
	run_cli(&r, "run", "--spmc-id", "0x8002", source_path("systems/demo.yaml"), NULL);
	cr_assert_eq(r.status, 2, "%s", r.notes);
	cr_assert_not_null(strstr(r.notes, "--spmc-id: 0x8002 is the ID of partition"), "%s",
			   r.notes);
	run_result_free(&r);
	run_cli(&r, "dtb", "--spmc-id", "0x8001", NULL);
	cr_assert_eq(r.status, 2, "%s", r.notes);
	run_result_free(&r);
}

/*
 * A partition that answers wrongly is aborted with a report naming it, the rule and its last
 * calls; it counts as a conformance violation, and under --strict the run ends on it (status 5).
 */
Test(cli, partition_breaking_rules)
{
	const char *sys = source_path("tests/data/system/liar.yaml");
	struct run_result r;

	run_cli(&r, "run", "--stats", sys, guest_path("ffa_discovery_v1_2.elf"), NULL);
	cr_assert_neq(r.status, 5, "%s", r.notes);
	cr_assert_not_null(strstr(r.notes,
				  "ffa-sim: liar: partition 0x8001 aborted: it stopped "
				  "after the SPMC refused its FFA_MSG_SEND_DIRECT_RESP_64\n"),
			   "%s", r.notes);
	cr_assert_not_null(strstr(r.notes,
				  "  rule: FFA_MSG_SEND_DIRECT_RESP_64 refused with DENIED: "
				  "a response goes to the endpoint whose request it "
				  "answers (0x0000)"),
			   "%s", r.notes);
	cr_assert_not_null(strstr(r.notes, "    FFA_MSG_SEND_DIRECT_RESP_64 x1=0x80010007 x2=0x0 "
					   "x3=0x1"),
			   "%s", r.notes);
	cr_assert_not_null(strstr(r.notes, "conformance violations 1,"), "%s", r.notes);
	run_result_free(&r);
	run_cli(&r, "run", "--strict", sys, guest_path("ffa_discovery_v1_2.elf"), NULL);
	cr_assert_eq(r.status, 5, "%s", r.notes);
	cr_assert_not_null(strstr(r.notes, "a partition broke the FF-A rules and was aborted "
					   "(--strict)"),
			   "%s", r.notes);
	run_result_free(&r);
}

/* Writes a scenario against the default system with one set: override; returns its path. */
static void spmc_id_scenario(char *path, const char *set)
{
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");

	cr_assert_not_null(f);
	fprintf(f,
		"system: %s\n"
		"set: [%s]\n"
		"steps:\n"
		"  - call: {function: FFA_SPM_ID_GET, expect: {x0: FFA_SUCCESS_32, w2: 0x8ffe}}\n",
		source_path("systems/default.yaml"), set);
	fclose(f);
}

/* A scenario's set: spmc.id goes through the same check, with the position of the value; a
 * valid one reaches FFA_SPM_ID_GET. */
Test(cli, spmc_id_scenario_set)
{
	char bad[] = "/tmp/ffa-sim-test-spmcid-XXXXXX", clash[] = "/tmp/ffa-sim-test-spmcid-XXXXXX",
	     good[] = "/tmp/ffa-sim-test-spmcid-XXXXXX";
	struct run_result r;

	spmc_id_scenario(bad, "spmc.id=0xffff");
	spmc_id_scenario(clash, "spmc.id=0x8001");
	spmc_id_scenario(good, "spmc.id=0x8ffe");
	run_cli(&r, "replay", bad, NULL);
	cr_assert_eq(r.status, 2, "%s%s", r.console, r.notes);
	cr_assert_not_null(strstr(r.notes, "0xffff is not an SPMC ID"), "%s", r.notes);
	run_result_free(&r);
	run_cli(&r, "replay", clash, NULL);
	cr_assert_eq(r.status, 2, "%s%s", r.console, r.notes);
	cr_assert_not_null(strstr(r.notes, "0x8001 is the SPMC's ID"), "%s", r.notes);
	run_result_free(&r);
	run_cli(&r, "replay", good, NULL);
	cr_assert_eq(r.status, 0, "%s%s", r.console, r.notes);
	run_result_free(&r);
	unlink(bad);
	unlink(clash);
	unlink(good);
}

/* A run recorded with --spmc-id replays (the recording carries spmc.id as a set: override). */
Test(cli, spmc_id_record_then_replay)
{
	char rec[] = "/tmp/ffa-sim-test-rec-spmcid-XXXXXX";
	struct run_result r;
	int fd = mkstemp(rec);

	cr_assert(fd >= 0);
	close(fd);
	run_cli(&r, "run", "--spmc-id", "0x8ffe", "--record", rec, "-q", NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	run_result_free(&r);
	run_cli(&r, "replay", rec, NULL);
	cr_assert_eq(r.status, 0, "%s\n%s", r.console, r.notes);
	cr_assert_null(strstr(r.console, "not ok"), "%s", r.console);
	run_result_free(&r);
	unlink(rec);
}

/* `dtb` describes the SPMC's partitions under /firmware/ffa; --spmc none leaves FF-A out. */
Test(cli, dtb_ffa_node)
{
	char path[] = "/tmp/ffa-sim-test-dtb-XXXXXX", cmd[256], out[4096] = {0};
	struct run_result r;
	FILE *p;
	int fd = mkstemp(path);

	cr_assert(fd >= 0);
	close(fd);
	run_cli(&r, "dtb", "-o", path, NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	run_result_free(&r);
	snprintf(cmd, sizeof(cmd), "dtc -q -I dtb -O dts %s", path);
	p = popen(cmd, "r");
	cr_assert_not_null(p);
	cr_assert_gt(fread(out, 1, sizeof(out) - 1, p), 0);
	cr_assert_eq(pclose(p), 0);
	cr_assert_not_null(strstr(out, "compatible = \"arm,psa-ffa\";"), "%s", out);
	cr_assert_not_null(strstr(out, "uuid = \"b1c3b4e2-5c8f-4e61-9d2a-7e0f6a3c1d45\";"), "%s",
			   out);
	run_cli(&r, "dtb", "--spmc", "none", "-o", path, NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	run_result_free(&r);
	p = popen(cmd, "r");
	memset(out, 0, sizeof(out));
	cr_assert_gt(fread(out, 1, sizeof(out) - 1, p), 0);
	pclose(p);
	cr_assert_null(strstr(out, "arm,psa-ffa"), "%s", out);
	unlink(path);
}

/* A system file runs; --set overrides its settings by path before it is read. */
Test(cli, system_file_and_set)
{
	struct run_result r;
	const char *tfa = source_path("systems/tf-a-1.1.yaml");

	run_cli(&r, "run", tfa, NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_assert_not_null(strstr(r.console, "FFA_VERSION: asked 1.1, the SPMC has 1.1"), "%s",
			   r.console);
	run_result_free(&r);
	/* The built-in default system with its SPMC switched by --set. */
	run_cli(&r, "run", "--set", "spmc.personality=optee", "--set", "spmc.version=1.1", NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_assert_not_null(strstr(r.console, "the SPMC has 1.1"), "%s", r.console);
	run_result_free(&r);
	/* A key that names nothing settable is an error naming it. */
	run_cli(&r, "run", "--set", "spmc.flavour=sweet", NULL);
	cr_assert_eq(r.status, 2);
	cr_assert_not_null(strstr(r.notes, "spmc.flavour"), "%s", r.notes);
	run_result_free(&r);
	run_cli(&r, "run", "--set", "novalue", NULL);
	cr_assert_eq(r.status, 2);
	run_result_free(&r);
}

/* `check` validates files: 0 when all are good, 2 with the position of an error. */
Test(cli, check_files)
{
	struct run_result r;

	run_cli(&r, "check", source_path("systems/default.yaml"),
		source_path("systems/partitions/echo.yaml"), source_path("platforms/virt.yaml"),
		NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_assert_not_null(strstr(r.console, "default.yaml: ok: system"), "%s", r.console);
	cr_assert_not_null(strstr(r.console, "echo.yaml: ok: partition manifest"), "%s", r.console);
	run_result_free(&r);
	run_cli(&r, "check", source_path("systems/default.yaml"),
		source_path("tests/data/platform/bad_overlap_regions.yaml"), NULL);
	cr_assert_eq(r.status, 2, "%s", r.notes);
	cr_assert_not_null(strstr(r.notes, "bad_overlap_regions.yaml:"), "%s", r.notes);
	run_result_free(&r);
	run_cli(&r, "check", NULL);
	cr_assert_eq(r.status, 2);
	run_result_free(&r);
}

/* import-manifest turns a device-tree manifest into YAML that `check` accepts. */
Test(cli, import_manifest_then_check)
{
	char out[] = "/tmp/ffa-sim-test-import-XXXXXX";
	struct run_result r;
	int fd = mkstemp(out);

	cr_assert(fd >= 0);
	close(fd);
	run_cli(&r, "import-manifest", "--image", source_path("README.md"), "-o", out,
		source_path("tests/data/import/full.dts"), NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	run_result_free(&r);
	run_cli(&r, "check", out, NULL);
	cr_assert_eq(r.status, 0, "%s\n%s", r.console, r.notes);
	cr_assert_not_null(strstr(r.console, ": ok: partition manifest"), "%s", r.console);
	run_result_free(&r);
	/* A manifest written for Hafnium (`id = <1>`): changed to 0x8001 with a note; accepted. */
	run_cli(&r, "import-manifest", "--image", source_path("README.md"), "-o", out,
		source_path("tests/data/import/hafnium_sp.dts"), NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_assert_not_null(strstr(r.notes, "ffa-sim: note: import-manifest: "), "%s", r.notes);
	cr_assert_not_null(strstr(r.notes, "id = <1> became 0x8001"), "%s", r.notes);
	run_result_free(&r);
	run_cli(&r, "check", out, NULL);
	cr_assert_eq(r.status, 0, "%s\n%s", r.console, r.notes);
	run_result_free(&r);
	run_cli(&r, "import-manifest", source_path("README.md"), NULL);
	cr_assert_eq(r.status, 2);
	run_result_free(&r);
	unlink(out);
}

/* --hypervisor puts the pKVM-style proxy between the host and the firmware. */
Test(cli, hypervisor_option)
{
	struct run_result r;

	run_cli(&r, "run", "--hypervisor", "pkvm:req2-forwarding", "--no-check", NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_assert_not_null(strstr(r.console, "DIRECT_REQ2 to 0x8001 (by UUID)"), "%s", r.console);
	run_result_free(&r);
	run_cli(&r, "run", "--hypervisor", "pkvm", "--no-check", NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_assert_not_null(strstr(r.console, "DIRECT_REQ2: ERROR NOT_SUPPORTED"), "%s", r.console);
	run_result_free(&r);
	run_cli(&r, "run", "--hypervisor", "pkvm:nonsense", NULL);
	cr_assert_eq(r.status, 2);
	cr_assert_not_null(strstr(r.notes, "unknown profile \"nonsense\""), "%s", r.notes);
	run_result_free(&r);
	run_cli(&r, "run", "--hypervisor", "pkvm", "--hyp-set", "renegotiation=maybe", NULL);
	cr_assert_eq(r.status, 2);
	run_result_free(&r);
	run_cli(&r, "run", "--hypervisor", "xen", NULL);
	cr_assert_eq(r.status, 2);
	run_result_free(&r);
}

/* --spmc-set switches an SPMC behaviour; a bad one, or one with no SPMC, is a usage error. */
Test(cli, spmc_set)
{
	struct run_result r;

	run_cli(&r, "run", "--spmc-set", "partition-props-mask=none",
		guest_path("ffa_discovery_v1_0.elf"), NULL);
	cr_assert_eq(r.status, 1, "the v1.0 guest sees unmasked properties: %s", r.console);
	run_result_free(&r);
	run_cli(&r, "run", "--spmc-set", "partition-props-mask=by-version",
		guest_path("ffa_discovery_v1_0.elf"), NULL);
	cr_assert_eq(r.status, 0, "%s", r.console);
	run_result_free(&r);
	run_cli(&r, "run", "--spmc-set", "version-lock=sometimes", NULL);
	cr_assert_eq(r.status, 2);
	cr_assert_not_null(strstr(r.notes, "version-lock"), "%s", r.notes);
	run_result_free(&r);
	run_cli(&r, "run", "--spmc", "none", "--spmc-set", "version-lock=any-call", NULL);
	cr_assert_eq(r.status, 2);
	cr_assert_not_null(strstr(r.notes, "there is no SPMC"), "%s", r.notes);
	run_result_free(&r);
	/* The same switch from the system file, by --set. */
	run_cli(&r, "run", "--set", "spmc.behaviours.partition-props-mask=none",
		guest_path("ffa_discovery_v1_0.elf"), NULL);
	cr_assert_eq(r.status, 1, "%s", r.console);
	run_result_free(&r);
}

/* run --record writes a scenario; replay passes it without the guest, TAP on stdout. */
Test(cli, record_then_replay)
{
	char rec[] = "/tmp/ffa-sim-test-rec-XXXXXX", junit[] = "/tmp/ffa-sim-test-junit-XXXXXX";
	struct run_result r;
	int fd1 = mkstemp(rec), fd2 = mkstemp(junit);
	char path[64];
	FILE *f;
	char buf[256] = {0};

	cr_assert(fd1 >= 0 && fd2 >= 0);
	close(fd1);
	close(fd2);
	/* The recording must end in .yaml to be taken for a scenario file by people; any name
	 * works for replay. */
	snprintf(path, sizeof(path), "%s", rec);
	run_cli(&r, "run", "--spmc", "tf-a:1.2", "--record", path, "-q", NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	run_result_free(&r);
	run_cli(&r, "replay", "--junit", junit, path, NULL);
	cr_assert_eq(r.status, 0, "%s\n%s", r.console, r.notes);
	cr_assert_eq(strncmp(r.console, "TAP version 13\n1..", 18), 0, "%s", r.console);
	cr_assert_null(strstr(r.console, "not ok"), "%s", r.console);
	run_result_free(&r);
	f = fopen(junit, "r");
	cr_assert_not_null(f);
	cr_assert_gt(fread(buf, 1, sizeof(buf) - 1, f), 0);
	fclose(f);
	cr_assert_not_null(strstr(buf, "<testsuites"), "%s", buf);
	unlink(rec);
	unlink(junit);
}

/* replay: a failing step gives exit 1 and "not ok"; a bad file 2; --shard picks a share. */
Test(cli, replay_statuses)
{
	struct run_result r;

	run_cli(&r, "replay", source_path("tests/data/scenarios/fail.yaml"), NULL);
	cr_assert_eq(r.status, 1, "%s", r.console);
	cr_assert_not_null(strstr(r.console, "not ok"), "%s", r.console);
	run_result_free(&r);
	run_cli(&r, "replay", source_path("README.md"), NULL);
	cr_assert_eq(r.status, 2, "%s", r.notes);
	run_result_free(&r);
	/* Shares are balanced by steps: pass.yaml, the longer file, is the first share alone. */
	run_cli(&r, "replay", "--shard", "1/2", source_path("tests/data/scenarios/fail.yaml"),
		source_path("tests/data/scenarios/pass.yaml"), NULL);
	cr_assert_eq(r.status, 0, "only pass.yaml is the first share: %s", r.console);
	run_result_free(&r);
	run_cli(&r, "replay", "--shard", "3/2", source_path("tests/data/scenarios/pass.yaml"),
		NULL);
	cr_assert_eq(r.status, 2);
	run_result_free(&r);
	run_cli(&r, "replay", NULL);
	cr_assert_eq(r.status, 2);
	run_result_free(&r);
}

/* replay --corpus NAME finds the shipped corpus; --list shows the split and runs nothing. */
Test(cli, replay_corpus_and_list)
{
	struct run_result r;

	run_cli(&r, "replay", "--corpus", "regressions", "--list", "--shard", "1/3", NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_assert_not_null(strstr(r.console, "01-pkvm-host-version-downgrade.yaml"), "%s",
			   r.console);
	cr_assert_not_null(strstr(r.console, "# shard 3/3: "), "%s", r.console);
	cr_assert_null(strstr(r.console, "TAP version"), "%s", r.console);
	run_result_free(&r);
	run_cli(&r, "replay", "--corpus", "examples", NULL);
	cr_assert_eq(r.status, 0, "%s%s", r.console, r.notes);
	cr_assert_not_null(strstr(r.console, "discovery.yaml"), "%s", r.console);
	run_result_free(&r);
	run_cli(&r, "replay", "--corpus", "nonesuch", NULL);
	cr_assert_eq(r.status, 2);
	cr_assert_not_null(strstr(r.notes, "no such corpus (shipped: conformance, examples, "
					   "regressions)"),
			   "%s", r.notes);
	run_result_free(&r);
}

/* check accepts scenario files: the system and the steps are loaded; errors give 2. */
Test(cli, check_scenarios)
{
	struct run_result r;

	run_cli(&r, "check", source_path("scenarios/examples/discovery.yaml"),
		source_path("scenarios/regressions/01-pkvm-host-version-downgrade.yaml"), NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_assert_not_null(strstr(r.console, "discovery.yaml: ok: scenario: "), "%s", r.console);
	run_result_free(&r);
	run_cli(&r, "check", source_path("tests/data/scenarios/fail.yaml"), NULL);
	cr_assert_eq(r.status, 0, "a failing step is still a valid file: %s", r.notes);
	run_result_free(&r);
	run_cli(&r, "check", source_path("tests/data/scenarios/bad-step.yaml"), NULL);
	cr_assert_eq(r.status, 2, "%s", r.console);
	cr_assert_not_null(strstr(r.notes, "bad-step.yaml:6:"), "%s", r.notes);
	run_result_free(&r);
}

/* --platform takes a shipped platform's name as well as a path. */
Test(cli, platform_by_name)
{
	struct run_result r;

	run_cli(&r, "dtb", "--platform", "fvp-base", "-o", "/dev/null", NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	run_result_free(&r);
	run_cli(&r, "dtb", "--platform", "virt", "-o", "/dev/null", NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	run_result_free(&r);
	run_cli(&r, "dtb", "--platform", "juno", "-o", "/dev/null", NULL);
	cr_assert_eq(r.status, 2);
	cr_assert_not_null(strstr(r.notes, "no platform named \"juno\" and no such file (shipped "
					   "platforms: fvp-base, virt, virt-gicv3)"),
			   "%s", r.notes);
	run_result_free(&r);
}

/* matrix: a table of outcomes per step and combination; usage errors give 2. */
Test(cli, matrix_command)
{
	struct run_result r;
	const char *file = source_path("tests/data/scenarios/matrix-version.yaml");

	run_cli(&r, "matrix", file, "--vary", "spmc.personality=hafnium,tf-a", "--vary",
		"spmc.version=1.1,1.2", "--format", "csv", NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_assert_not_null(strstr(r.console, "hafnium/1.1"), "%s", r.console);
	cr_assert_not_null(strstr(r.console, "tf-a/1.2"), "%s", r.console);
	run_result_free(&r);
	run_cli(&r, "matrix", file, NULL);
	cr_assert_eq(r.status, 2);
	run_result_free(&r);
	run_cli(&r, "matrix", file, "--vary", "spmc.version", NULL);
	cr_assert_eq(r.status, 2);
	run_result_free(&r);
	run_cli(&r, "matrix", file, "--vary", "spmc.version=1.1", "--format", "pdf", NULL);
	cr_assert_eq(r.status, 2);
	run_result_free(&r);
}

/* Writes text to a new temporary file whose name ends in .yaml (path: its name). */
static void write_temp_yaml(const char *text, char path[64])
{
	int fd;

	snprintf(path, 64, "/tmp/ffa-sim-test-XXXXXX.yaml");
	fd = mkstemps(path, 5);
	cr_assert(fd >= 0);
	cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

/* A system file loads a raw boot image at 0x0 (flash), as --load-addr 0 and QEMU's -bios do. */
Test(cli, system_load_address_in_flash)
{
	char path[64], text[1200];
	struct run_result r;

	snprintf(text, sizeof(text),
		 "platform: virt\nnormal-world:\n  image: %s\n  load-address: 0x0\n",
		 guest_path("flash_data.bin"));
	write_temp_yaml(text, path);
	run_cli(&r, "run", path, NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_assert_not_null(strstr(r.console, "byte 0x5a: unchanged"), "%s", r.console);
	run_result_free(&r);
	unlink(path);
}

/* --smccc 1.1 drops a partition's DIRECT_RESP payload in w4-w7 (the demo's partitions answer
 * there): a conformance warning naming the rule for each such register; --strict ends the run
 * on it with status 5. */
Test(cli, smccc_1_1_result_dropped)
{
	struct run_result r;

	run_cli(&r, "run", "--smccc", "1.1", NULL);
	cr_assert_not_null(strstr(r.notes, "answer: x4 = 0x"), "%s", r.notes);
	cr_assert_not_null(strstr(r.notes, "was dropped: SMCCC v1.1 returns x0-x3 only "
					   "(smccc-result-dropped: "),
			   "%s", r.notes);
	run_result_free(&r);
	run_cli(&r, "run", "--smccc", "1.1", "--strict", NULL);
	cr_assert_eq(r.status, 5, "%s", r.notes);
	cr_assert_not_null(strstr(r.notes, "smccc-result-dropped"), "%s", r.notes);
	run_result_free(&r);
}

/* Contradictions are refused with status 2: --spmc none with a system file that declares
 * partitions, and --el 2 with --hypervisor (the proxy holds EL2). --spmc none wins over the
 * built-in systems' partitions. */
Test(cli, contradictions_refused)
{
	struct run_result r;

	run_cli(&r, "run", "--spmc", "none", source_path("systems/demo.yaml"), NULL);
	cr_assert_eq(r.status, 2, "%s", r.notes);
	cr_assert_not_null(strstr(r.notes, "ffa-sim: --spmc none: the system declares 4 "
					   "partition(s) (\"echo\" first), which need an SPMC"),
			   "%s", r.notes);
	cr_assert_str_eq(r.console, "");
	run_result_free(&r);
	run_cli(&r, "run", "--el", "2", "--hypervisor", "pkvm", guest_path("hello.elf"), NULL);
	cr_assert_eq(r.status, 2, "%s", r.notes);
	cr_assert_not_null(strstr(r.notes, "--el 2 (or normal-world.entry-el: 2) and --hypervisor "
					   "contradict each other"),
			   "%s", r.notes);
	run_result_free(&r);
	run_cli(&r, "run", "--spmc", "none", guest_path("hello.elf"), NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_assert_str_eq(r.console, "[host] hello from guest\n");
	run_result_free(&r);
}

/* A platform that enters at EL2 gives way to the hypervisor: the host starts at EL1, a note
 * says so. */
Test(cli, platform_el2_under_hypervisor)
{
	char path[64];
	struct run_result r;

	write_temp_yaml(
		"name: virt-el2\nentry-el: 2\nmemory:\n"
		"  - {name: secure-ram, kind: ram, base: 0x0e000000, size: 16M, secure: true}\n"
		"  - {name: ram, kind: ram, base: 0x40000000, size: 1G}\n"
		"uarts:\n  - {name: uart0, base: 0x09000000, irq: 1}\n",
		path);
	run_cli(&r, "run", "--platform", path, "--hypervisor", "pkvm", guest_path("el_check.elf"),
		NULL);
	cr_assert_not_null(strstr(r.notes, "ffa-sim: note: host: entry: platform \"virt-el2\" "
					   "enters at EL2, but the hypervisor holds EL2: the host "
					   "starts at EL1"),
			   "%s", r.notes);
	cr_assert_str_eq(r.console, "[host] currentel=1\n[host] el1 ok\n");
	run_result_free(&r);
	unlink(path);
}

/*
 * Each step of run can fail after --input-text was read and with a console file and a
 * recording asked for: every failure is an input or usage error that leaves no recording and
 * releases what the earlier steps took (the sanitizer build's leak check fails the run
 * otherwise).
 */
Test(cli, run_error_paths_release_everything)
{
	char con[] = "/tmp/ffa-sim-test-con-XXXXXX";
	const char *rec = "/tmp/ffa-sim-test-rec-never-written.yaml";
	int fd = mkstemp(con);
	struct run_result r;

	cr_assert_geq(fd, 0);
	close(fd);
	unlink(rec);
	/* Parse: a bad option after the input text was unescaped. */
	run_cli(&r, "run", "--input-text", "a\\n", "--record", rec, "--halt", "never", NULL);
	expect_usage_error(&r, "--halt: \"never\": choose exit or fault", "--help");
	run_result_free(&r);
	/* Parse: --spmc, read where the command line is read. */
	run_cli(&r, "run", "--input-text", "a", "--record", rec, "--spmc", "trusty", NULL);
	expect_usage_error(&r, "--spmc: unknown personality \"trusty\"", NULL);
	run_result_free(&r);
	/* Load: the system file is missing. */
	run_cli(&r, "run", "--input-text", "a", "--record", rec, "/nonexistent/system.yaml", NULL);
	expect_usage_error(&r, "/nonexistent/system.yaml", NULL);
	run_result_free(&r);
	/* Configure: an SPMC switch that has no such value. */
	run_cli(&r, "run", "--input-text", "a", "--record", rec, "--spmc-set",
		"version-lock=sometimes", NULL);
	expect_usage_error(&r, "SPMC switch version-lock: \"sometimes\" is not a value", NULL);
	run_result_free(&r);
	/* Configure: the console file cannot be created. */
	run_cli(&r, "run", "--input-text", "a", "--record", rec, "--console",
		"/nonexistent/console.txt", NULL);
	expect_usage_error(&r, "/nonexistent/console.txt: cannot write the console file", NULL);
	run_result_free(&r);
	/* Run: the simulation cannot open (a bad --input file) after the console file was. */
	run_cli(&r, "run", "--input-text", "a", "--record", rec, "--console", con, "--input",
		"/nonexistent/input.txt", NULL);
	expect_usage_error(&r, "/nonexistent/input.txt", NULL);
	run_result_free(&r);
	cr_expect_neq(access(rec, F_OK), 0, "a failed run wrote %s", rec);
	/* Record: the recording's folder is missing; the run itself ended with 0. */
	run_cli(&r, "run", "-q", "--input-text", "a", "--console", con, "--record",
		"/nonexistent/rec.yaml", guest_path("ffa_before_version.elf"), NULL);
	expect_usage_error(&r, "/nonexistent/rec.yaml: cannot write the recording", NULL);
	run_result_free(&r);
	unlink(con);
}

/*
 * A recording whose buffered text fails to reach the file when it is closed (/dev/full takes
 * the open and the writes) is an input error naming the file; under memcheck, where the build
 * has it, the failure path reads nothing uninitialised.
 */
Test(cli, record_fails_on_close, .timeout = 120)
{
	const char *memcheck[] = {getenv("FFA_SIM_VALGRIND"), "-q", "--error-exitcode=99", NULL};
	struct run_result r;

	run_cli(&r, "run", "-q", "--record", "/dev/full", guest_path("ffa_before_version.elf"),
		NULL);
	cr_assert_eq(r.status, EMU_STATUS_USAGE, "%s", r.notes);
	expect_in(r.notes, "ffa-sim: /dev/full: cannot write the recording", "stderr");
	run_result_free(&r);
	/* A run with no call to record says so, naming the file too. */
	run_cli(&r, "run", "-q", "--record", "/dev/full", guest_path("hello.elf"), NULL);
	cr_assert_eq(r.status, EMU_STATUS_USAGE, "%s", r.notes);
	expect_in(r.notes, "ffa-sim: /dev/full: the run made no call to record", "stderr");
	run_result_free(&r);
	if (memcheck[0] == NULL)
		return;
	run_cli_under(&r, memcheck, "run", "-q", "--record", "/dev/full",
		      guest_path("ffa_before_version.elf"), NULL);
	cr_assert_eq(r.status, EMU_STATUS_USAGE, "memcheck: %s", r.notes);
	expect_in(r.notes, "ffa-sim: /dev/full: cannot write the recording", "stderr");
	run_result_free(&r);
}

/* --hyp-set needs a hypervisor to set (it was ignored without one), as --spmc-set an SPMC. */
Test(cli, hyp_set_without_hypervisor)
{
	struct run_result r;

	run_cli(&r, "run", "--hyp-set", "renegotiation=not-supported", NULL);
	expect_usage_error(&r,
			   "--hyp-set renegotiation=not-supported: there is no hypervisor "
			   "(--hypervisor pkvm[:PROFILE])",
			   NULL);
	run_result_free(&r);
	/* With the hypervisor from the system file, the setting applies. */
	run_cli(&r, "run", "--set", "hypervisor.model=pkvm", "--hyp-set", "direct-req2=forward",
		"--no-check", NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	expect_in(r.console, "DIRECT_REQ2 to 0x8001 (by UUID)", "stdout");
	run_result_free(&r);
}

/*
 * Options override the system file one value at a time: --spmc replaces the personality and
 * version but keeps the file's SPMC behaviours; --hypervisor's profile takes the file's
 * settings over it.
 */
Test(cli, options_override_the_system_by_value)
{
	struct run_result r;

	run_cli(&r, "run", "--set", "spmc.behaviours.partition-props-mask=none", "--spmc",
		"tf-a:1.2", guest_path("ffa_discovery_v1_0.elf"), NULL);
	cr_assert_eq(r.status, 1, "the v1.0 guest sees unmasked properties: %s", r.console);
	run_result_free(&r);
	run_cli(&r, "run", "--set", "hypervisor.model=pkvm", "--set", "hypervisor.profile=pre-1.2",
		"--set", "hypervisor.settings.direct-req2=forward", "--hypervisor", "pkvm:current",
		"--no-check", NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	expect_in(r.console, "DIRECT_REQ2 to 0x8001 (by UUID)", "stdout");
	run_result_free(&r);
	/* A bad setting in the file is reported where it was written. */
	run_cli(&r, "run", "--set", "hypervisor.model=pkvm", "--set",
		"hypervisor.settings.direct-req2=sideways", NULL);
	expect_usage_error(&r,
			   "--set hypervisor.settings.direct-req2=sideways: "
			   "hypervisor.settings.direct-req2: pKVM switch direct-req2",
			   NULL);
	run_result_free(&r);
}

/* dtb checks --hypervisor's profile as run does. */
Test(cli, dtb_hypervisor_profile_checked)
{
	struct run_result r;

	run_cli(&r, "dtb", "--hypervisor", "pkvm:nonsense", "-o", "/dev/null", NULL);
	expect_usage_error(&r, "--hypervisor: unknown profile \"nonsense\"", NULL);
	run_result_free(&r);
}

/* dtb --append and --initrd: the command line in /chosen/bootargs, and the initrd where a run
 * without an image puts it (RAM base + 64 KiB, past the tree's slot), end exclusive. */
Test(cli, dtb_append_initrd)
{
	static char initrd[5000];
	const char *path = write_temp("", 0), *rd;
	static char dts[DTS_MAX];
	struct run_result r;

	memset(initrd, 0x5a, sizeof(initrd));
	rd = write_temp(initrd, sizeof(initrd));
	run_cli(&r, "dtb", "--append", "console=ttyAMA0 rdinit=/init", "--initrd", rd, "-o", path,
		NULL);
	cr_assert_eq(r.status, 0, "stderr: %s", r.notes);
	cr_assert_eq(dtc_decompile(path, dts, sizeof(dts)), 0, "%s", dts);
	expect_in(dts, "bootargs = \"console=ttyAMA0 rdinit=/init\";", "dts");
	expect_in(dts, "linux,initrd-start = <0x00 0x40010000>;", "dts");
	expect_in(dts, "linux,initrd-end = <0x00 0x40011388>;", "dts");
	run_result_free(&r);
	remove(path);
	remove(rd);
}

/* A missing initrd names the file (status 2); an empty one too. */
Test(cli, initrd_errors)
{
	const char *empty = write_temp("", 0);
	struct run_result r;

	run_cli(&r, "dtb", "--initrd", "/nonexistent/initrd.cpio", "-o", "/dev/null", NULL);
	cr_assert_eq(r.status, EMU_STATUS_USAGE, "%s", r.notes);
	expect_in(r.notes, "/nonexistent/initrd.cpio", "stderr");
	run_result_free(&r);
	run_cli(&r, "run", "--initrd", empty, guest_path("exit42.elf"), NULL);
	cr_assert_eq(r.status, EMU_STATUS_USAGE, "%s", r.notes);
	expect_in(r.notes, "the initrd is empty", "stderr");
	run_result_free(&r);
	remove(empty);
}

/* --append longer than Linux's command line (2047 bytes) is a usage error, as is --append with
 * a tree given by --dtb (it would be ignored). */
Test(cli, append_errors)
{
	static char line[2100];
	struct run_result r;

	memset(line, 'x', 2048);
	run_cli(&r, "run", "--append", line, guest_path("exit42.elf"), NULL);
	expect_usage_error(&r, "--append: the command line is longer than the 2047 bytes", NULL);
	run_result_free(&r);
	run_cli(&r, "dtb", "--append", line, "-o", "/dev/null", NULL);
	expect_usage_error(&r, "--append: the command line is longer than the 2047 bytes", NULL);
	run_result_free(&r);
	run_cli(&r, "run", "--append", "quiet", "--dtb", "/dev/null", guest_path("exit42.elf"),
		NULL);
	expect_usage_error(&r, "--append and --initrd go into the generated device tree", NULL);
	run_result_free(&r);
}

/* A synthetic arm64 Image: code0 branches past the header to PSCI SYSTEM_OFF. */
static size_t tiny_image(uint8_t *img, size_t size, uint64_t text_offset, uint64_t image_size)
{
	static const uint32_t code[] = {0x52800100u, /* movz w0, #0x0008 */
					0x72b08000u, /* movk w0, #0x8400, lsl #16 */
					0xd4000003u /* smc #0: PSCI SYSTEM_OFF */};

	memset(img, 0, size);
	emu_le32_store(img, 0x14000010u); /* b . + 0x40 */
	for (unsigned i = 0; i < 8; i++) {
		img[8 + i] = (uint8_t)(text_offset >> (8 * i));
		img[16 + i] = (uint8_t)(image_size >> (8 * i));
	}
	emu_le32_store(img + 56, 0x644d5241u); /* "ARM\x64" */
	for (unsigned i = 0; i < 3; i++)
		emu_le32_store(img + 0x40 + 4 * i, code[i]);
	return size;
}

/* An arm64 Image runs without --load-addr (placed by its header) and with one that is
 * text_offset above 2 MiB; a misplaced --load-addr and a bad header are input errors. */
Test(cli, arm64_image_runs)
{
	static uint8_t img[0x1000];
	const char *path;
	struct run_result r;

	path = write_temp(img, tiny_image(img, sizeof(img), 0, 0x10000));
	run_cli(&r, "run", "-q", path, NULL);
	cr_assert_eq(r.status, 0, "status %d: %s", r.status, r.notes);
	run_result_free(&r);
	run_cli(&r, "run", "-q", "--load-addr", "0x40200000", path, NULL);
	cr_assert_eq(r.status, 0, "status %d: %s", r.status, r.notes);
	run_result_free(&r);
	run_cli(&r, "run", "-q", "--load-addr", "0x40201000", path, NULL);
	cr_assert_eq(r.status, EMU_STATUS_USAGE, "%s", r.notes);
	expect_in(r.notes, "text_offset (0x0) bytes above a 2 MiB-aligned address", "stderr");
	run_result_free(&r);
	remove(path);
	path = write_temp(img, tiny_image(img, sizeof(img), 0x1234, 0x10000));
	run_cli(&r, "run", "-q", path, NULL);
	cr_assert_eq(r.status, EMU_STATUS_USAGE, "%s", r.notes);
	expect_in(r.notes, "Image header: text_offset 0x1234", "stderr");
	expect_in(r.notes, path, "stderr");
	run_result_free(&r);
	remove(path);
}

/*
 * A crash inside the simulator (here a SIGSEGV sent to a running ffa-sim, as unicorn once
 * raised one) ends the run as an internal error, status 4, with a line that says so, never a
 * bare signal. Not in sanitizer builds, whose own report handles the signal.
 */
Test(cli, crash_is_an_internal_error)
{
#if defined(__SANITIZE_ADDRESS__)
	cr_skip_test("the sanitizer reports crashes itself");
#else
	char cmd[2048];
	char out[1024] = {0};
	FILE *p;
	size_t n;
	int st;

	snprintf(cmd, sizeof(cmd),
		 "{ '%s' run --max-insns 100000000000 '%s' >/dev/null 2>&3 & pid=$!; "
		 "sleep 0.5; kill -SEGV $pid; wait $pid; echo status=$?; } 3>&1",
		 getenv("FFA_SIM_BIN"), guest_path("fault_runaway.elf"));
	p = popen(cmd, "r");
	cr_assert_not_null(p);
	n = fread(out, 1, sizeof(out) - 1, p);
	st = pclose(p);
	out[n] = '\0';
	cr_assert_eq(WEXITSTATUS(st), 0, "%s", out);
	cr_assert_not_null(strstr(out, "ffa-sim: internal error: the simulator crashed"), "%s",
			   out);
	cr_assert_not_null(strstr(out, "status=4"), "%s", out);
#endif
}
