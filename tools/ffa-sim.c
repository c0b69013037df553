/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ffa-sim command: subcommands in the style of git (`ffa-sim run`, `ffa-sim dtb`), each
 * with --help; `replay` and `matrix` are in scenario_commands.c, `check` and
 * `import-manifest` in file_commands.c. Exit statuses: the guest's own status; 2 for usage and
 * input errors; 3 for guest faults; 4 for internal errors; 5 for conformance under --strict; 6
 * for a partition that failed to boot in a run that otherwise ended with 0.
 */
#include <getopt.h>
#include <malloc.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cli.h"
#include "abi/ids.h"
#include "emu/dtb.h"
#include "sim/gdb.h"
#include "sim/sim.h"
#include "sim/system.h"
#include "sim/trace.h"

#include "obs_outputs.h"

/* Fills what the binary carries. */
static void builtins_init(struct builtins *b)
{
	builtin_partition_images(b->images);
	b->systems[0] = (struct scn_builtin_system){"default", ffa_sim_default_system,
						    ffa_sim_default_system_size};
	b->systems[1] =
		(struct scn_builtin_system){"demo", ffa_sim_demo_system, ffa_sim_demo_system_size};
}

#define FFA_SIM_VERSION "0.1.0"

static const char usage_main[] =
	"usage: ffa-sim [--version] [--help] <command> [<args>]\n"
	"\n"
	"An FF-A ABI emulator: runs AArch64 guest binaries and traps their SMC and HVC calls\n"
	"into simulated firmware.\n"
	"\n"
	"Commands:\n"
	"  run              run a system or a guest (with no arguments: the built-in demo:\n"
	"                   the demo guest with an echo partition and three partition binaries)\n"
	"  replay           replay FF-A scenarios, TAP or JUnit output\n"
	"  matrix           run a scenario under every combination of versions and behaviours\n"
	"  check            validate system files, partition manifests and platform files\n"
	"  import-manifest  turn a device-tree partition manifest into the YAML form\n"
	"  dtb              write the device tree a run would pass to the guest\n"
	"  list             print the names ffa-sim accepts (personalities, switches, ...)\n"
	"  help             show help for a command: ffa-sim help run\n"
	"\n"
	"With no command at all, ffa-sim runs the demo (as `ffa-sim run`).\n"
	"\n"
	"Exit status: the guest's own status (semihosting exit, or 0 for PSCI SYSTEM_OFF, a halt,\n"
	"--until-console or used-up input); 2 for usage and input errors; 3 for guest faults\n"
	"(a report goes to stderr); 4 for internal errors; 5 for a conformance violation, a\n"
	"partition that failed to boot or a partition aborted for breaking the FF-A rules under\n"
	"--strict; 6 when a partition failed to boot and the run otherwise ended with 0; 7 when\n"
	"a debugger attached with --gdb killed the run.\n";

static const char usage_run[] =
	"usage: ffa-sim run [options] [SYSTEM.yaml] [GUEST]\n"
	"\n"
	"Runs a system (docs/system.md): a platform, an SPMC, an optional hypervisor, secure\n"
	"partitions and the normal-world guest. GUEST (an ELF64 AArch64 executable, or a raw\n"
	"binary with --load-addr, or an arm64 Linux Image or vmlinux, placed as the arm64 boot\n"
	"protocol says) replaces the system's normal-world image. Without SYSTEM.yaml\n"
	"it runs a built-in system: with GUEST, systems/default.yaml (virt, hafnium 1.2, one echo\n"
	"partition); with neither, the demo, systems/demo.yaml (the same plus three partition\n"
	"binaries, and the demo guest). The guest is entered non-secure with the MMU off and\n"
	"x0 = the device tree's address. Options override the system file.\n"
	"\n"
	"Options:\n"
	"  --set KEY=VALUE       override a setting of the system file by its path\n"
	"                        (spmc.version=1.1, partitions[0].ffa-version=1.1); repeatable\n"
	"  --hypervisor pkvm[:PROFILE]  run the host behind the pKVM-style FF-A proxy\n"
	"                        (docs/hypervisor.md; profiles: current, req2-forwarding,\n"
	"                        ffa-1.2, pre-1.2, ffa-1.1-rc, forwarding)\n"
	"  --hypervisor forwarding  run the guest as VM 1 behind a forwarding hypervisor that\n"
	"                        makes its FF-A calls with the VM's ID, as Hafnium's does\n"
	"                        (same as pkvm:forwarding; docs/hypervisor.md)\n"
	"  --hyp-set SWITCH=VALUE  one proxy behaviour switch (renegotiation=return-hyp-version,\n"
	"                        ...), or vm-id=N (the VM's ID, 1-0x7fff); repeatable\n"
	"  --guest FILE          the guest image (same as the GUEST argument)\n"
	"  --load-addr ADDR      load a raw binary at ADDR (RAM or flash); entry defaults to "
	"ADDR;\n"
	"                        an arm64 Image goes there (text_offset above a 2 MiB boundary)\n"
	"                        instead of where its header says (docs/linux.md)\n"
	"  --append TEXT         the kernel command line: /chosen/bootargs of the generated\n"
	"                        device tree (at most 2047 bytes)\n"
	"  --initrd FILE         put FILE in RAM, page-aligned past the image and the device\n"
	"                        tree, and name it in /chosen (linux,initrd-start/-end)\n"
	"  --entry ADDR          start at ADDR instead of the image's entry point\n"
	"  --platform FILE       the platform (memory map) in YAML; default: the system's (virt)\n"
	"  --dtb FILE            pass FILE (a .dtb) to the guest instead of the generated tree\n"
	"  --el N                enter at EL1 or EL2 (default: the platform's entry-el); with\n"
	"                        --hypervisor the host runs at EL1 and --el 2 is refused\n"
	"  --smccc VERSION       the firmware's SMCCC version: 1.0 to 1.5 (default 1.5, as\n"
	"                        TF-A v2.15 reports; 1.0 and 1.1 return results in x0-x3)\n"
	"  --spmc NAME[:VER]     the SPMC behind the firmware: hafnium (FF-A 1.0-1.3, default\n"
	"                        1.3), tf-a or optee (1.0-1.2, default 1.2); without it the\n"
	"                        system's (default hafnium:1.2); none: firmware without FF-A\n"
	"                        (FF-A calls are unknown SMCs), refused with a system file\n"
	"                        that declares partitions\n"
	"  --spmc-id ID          the SPMC's endpoint ID (default 0x8000; bit 15 set, not\n"
	"                        0xffff, no partition's: the rules of spmc.id)\n"
	"  --spmc-set SWITCH=VALUE  one SPMC behaviour switch (version-lock=any-call,\n"
	"                        partition-props-mask=none, version-path=direct;\n"
	"                        docs/ffa-support.md); repeatable\n"
	"  --console FILE        write console output to FILE instead of stdout\n"
	"  --input FILE          feed FILE to the UART's receive side (- reads stdin to its end)\n"
	"  --input-text TEXT     feed TEXT to the UART (escapes: \\n \\r \\t \\\\ \\xHH)\n"
	"  --until-console TEXT  end the run (status 0) once the console prints TEXT\n"
	"  --max-insns N         end the run as a fault after N instructions (default 2000000000)\n"
	"  --timeslice N         preempt a partition after N virtual nanoseconds (instructions\n"
	"                        times the platform's cycles-per-instruction) of running for its\n"
	"                        caller, which gets FFA_INTERRUPT and resumes it with FFA_RUN\n"
	"                        (default: no limit)\n"
	"  --cpus N              normal-world CPUs, 1 to 8 (default: the platform's, 1 on virt);\n"
	"                        CPU 0 boots, the others wait for PSCI CPU_ON\n"
	"  --quantum NS          run each CPU at most NS nanoseconds of virtual time (an\n"
	"                        instruction takes the platform's cycles-per-instruction, 1 by\n"
	"                        default) before the scheduler picks the CPU furthest behind\n"
	"                        (default 10000; docs/platform.md)\n"
	"  --halt exit|fault     a branch-to-self, wfe idle loop (1: wfe; b 1b) or wfi that\n"
	"                        nothing can wake (no interrupt asserted, no timer armed) ends\n"
	"                        the run with status 0 (exit, the default) or is reported as a\n"
	"                        fault (status 3)\n"
	"  --exceptions auto|deliver|report\n"
	"                        a synchronous exception the guest causes at EL1 or EL2 (SVC,\n"
	"                        BRK, undefined instruction, abort, and HVC or trapped SMC to a\n"
	"                        guest entered at EL2) is taken to its own vectors (deliver),\n"
	"                        reported as a fault, status 3 (report), or delivered when\n"
	"                        the guest set VBAR_ELx of that EL (auto, the default)\n"
	"  --record FILE.yaml    write the run's FF-A conversation as a scenario that\n"
	"                        `ffa-sim replay` passes without the guest\n"
	"  --trace FILE          write every call of the host to FILE (- for stderr): a line\n"
	"                        per call with its answer, and for memory calls the handle\n"
	"                        and the descriptors in the TX and RX buffers\n"
	"  --trace ffa[=FILE]    write the FF-A trace to FILE (default stderr): every FF-A\n"
	"                        call of every endpoint, nested as calls nest, with its virtual\n"
	"                        start and end, caller -> callee, decoded arguments and\n"
	"                        answer, time per component and the checker's verdict\n"
	"  --trace insn[=ENDPOINT][:LOW-HIGH]  write each instruction the engines of ENDPOINT\n"
	"                        (0: the normal world; default all) execute at LOW-HIGH to\n"
	"                        stderr, disassembled, with the registers it changed\n"
	"  --trace-json FILE     the FF-A trace as JSON Lines (docs/observability.md)\n"
	"  --timeline FILE.json  the calls as Chrome trace-event JSON (ui.perfetto.dev): a\n"
	"                        track per endpoint and per CPU, on the virtual clock\n"
	"  --sequence FILE.mmd|FILE.svg  the calls as a sequence diagram: Mermaid text, or\n"
	"                        an SVG drawing, chosen by the extension\n"
	"  --strict              end the run at the first conformance violation (status 5),\n"
	"                        a partition aborted for breaking the FF-A rules included;\n"
	"                        known deviations of the personality's firmware are reported\n"
	"                        but pass\n"
	"  --strict-known        as --strict, and known deviations end the run too\n"
	"  --no-check            do not check answers against the register rules\n"
	"  --no-idle-skip        emulate every pass of a loop that waits on the counter instead\n"
	"                        of moving virtual time on to its exit (same output and counts,\n"
	"                        slower; docs/guest-abi.md)\n"
	"  --stats[=text|json]   print the instruction and call counts at the end (stderr),\n"
	"                        and per endpoint its instructions, cycles and FF-A calls\n"
	"                        by function with their cycles; json: those as one object\n"
	"  --gdb PORT            serve the GDB remote protocol on 127.0.0.1:PORT (0: a free\n"
	"                        port, printed in a note on stderr); the run starts at once\n"
	"                        and gdb-multiarch may attach (target remote :PORT) or\n"
	"                        interrupt it later; every engine is a thread\n"
	"                        (docs/observability.md, \"Debugging with gdb\")\n"
	"  --gdb-wait            with --gdb: wait for gdb and stop before the normal world's\n"
	"                        first instruction until it continues\n"
	"  -q, --quiet           no notes on stderr (fault reports are still printed)\n"
	"  -h, --help            this help\n"
	"\n"
	"Console input: scripted input (--input, --input-text) comes first; then, when stdin is\n"
	"a terminal, what is typed there (a line at a time). When no input can arrive any more "
	"and\n"
	"the guest keeps polling for more, the run ends with status 0 and a note.\n"
	"\n"
	"Every answer a guest gets is checked against the SMCCC and FF-A register rules\n"
	"(reserved registers zero, preserved registers unchanged, valid error codes and\n"
	"versions); a violation is printed as a warning naming the rule and its spec section.\n"
	"\n"
	"Numbers are decimal or 0x hexadecimal.\n";

static const char usage_dtb[] =
	"usage: ffa-sim dtb [--platform FILE] [--spmc NAME[:VER]|none]\n"
	"                   [--hypervisor pkvm|forwarding] [--append TEXT] [--initrd FILE]\n"
	"                   -o FILE.dtb\n"
	"\n"
	"Writes the device tree that `ffa-sim run` generates for the platform (default: virt)\n"
	"and SPMC (default hafnium:1.2; its partitions appear under /firmware/ffa).\n"
	"Read it with: dtc -I dtb -O dts FILE.dtb\n"
	"\n"
	"Options:\n"
	"  --platform FILE   the platform in YAML\n"
	"  --spmc NAME[:VER] the SPMC, as for run; none: no FF-A node\n"
	"  --hypervisor pkvm[:PROFILE]  with the pKVM-style proxy: its reserved RAM is a\n"
	"                    /reserved-memory no-map node (docs/device-tree.md); forwarding\n"
	"                    for the forwarding hypervisor, which reserves the same\n"
	"  --append TEXT     /chosen/bootargs, as run's --append\n"
	"  --initrd FILE     /chosen/linux,initrd-start and -end for FILE where a run without\n"
	"                    an image would put it (RAM base + 64 KiB; docs/linux.md)\n"
	"  -o, --output FILE where to write the tree (- for stdout, refused on a terminal)\n"
	"  -h, --help        this help\n";

int usage_error(const char *cmd, const char *fmt, const char *arg)
{
	fprintf(stderr, "ffa-sim%s%s: ", cmd[0] ? " " : "", cmd);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'ffa-sim %s%s--help'.\n", cmd, cmd[0] ? " " : "");
	return EMU_STATUS_USAGE;
}

int input_error(const struct diag *err)
{
	char buf[DIAG_FILE_MAX + DIAG_MSG_MAX + 32];

	fprintf(stderr, "ffa-sim: %s\n", diag_format(err, buf, sizeof(buf)));
	return EMU_STATUS_USAGE;
}

/* Expands \n \r \t \\ \xHH in --input-text. Returns NULL on a bad escape. */
static char *unescape(const char *text)
{
	char *out = malloc(strlen(text) + 1), *o = out;

	if (out == NULL)
		return NULL;
	for (const char *s = text; *s; s++) {
		if (*s != '\\') {
			*o++ = *s;
			continue;
		}
		switch (*++s) {
		case 'n':
			*o++ = '\n';
			break;
		case 'r':
			*o++ = '\r';
			break;
		case 't':
			*o++ = '\t';
			break;
		case '\\':
			*o++ = '\\';
			break;
		case 'x': {
			char hex[3] = {0};
			char *end;

			if (s[1] == '\0' || s[2] == '\0') {
				free(out);
				return NULL;
			}
			hex[0] = s[1];
			hex[1] = s[2];
			*o++ = (char)strtoul(hex, &end, 16);
			if (*end != '\0') {
				free(out);
				return NULL;
			}
			s += 2;
			break;
		}
		default:
			free(out);
			return NULL;
		}
	}
	*o = '\0';
	return out;
}

enum run_option {
	OPT_GUEST = 256,
	OPT_LOAD_ADDR,
	OPT_APPEND,
	OPT_INITRD,
	OPT_ENTRY,
	OPT_PLATFORM,
	OPT_DTB,
	OPT_EL,
	OPT_SMCCC,
	OPT_SPMC,
	OPT_SPMC_ID,
	OPT_CONSOLE,
	OPT_INPUT,
	OPT_INPUT_TEXT,
	OPT_UNTIL_CONSOLE,
	OPT_MAX_INSNS,
	OPT_TIMESLICE,
	OPT_CPUS,
	OPT_QUANTUM,
	OPT_HALT,
	OPT_EXCEPTIONS,
	OPT_STATS,
	OPT_STRICT,
	OPT_STRICT_KNOWN,
	OPT_NO_CHECK,
	OPT_GDB,
	OPT_GDB_WAIT,
	OPT_NO_IDLE_SKIP,
	OPT_SET,
	OPT_HYPERVISOR,
	OPT_HYP_SET,
	OPT_SPMC_SET,
	OPT_RECORD,
	OPT_TRACE,
	OPT_TRACE_JSON,
	OPT_TIMELINE,
	OPT_SEQUENCE
};

static const struct option run_options[] = {
	{"guest", required_argument, NULL, OPT_GUEST},
	{"load-addr", required_argument, NULL, OPT_LOAD_ADDR},
	{"append", required_argument, NULL, OPT_APPEND},
	{"initrd", required_argument, NULL, OPT_INITRD},
	{"entry", required_argument, NULL, OPT_ENTRY},
	{"platform", required_argument, NULL, OPT_PLATFORM},
	{"dtb", required_argument, NULL, OPT_DTB},
	{"el", required_argument, NULL, OPT_EL},
	{"smccc", required_argument, NULL, OPT_SMCCC},
	{"spmc", required_argument, NULL, OPT_SPMC},
	{"spmc-id", required_argument, NULL, OPT_SPMC_ID},
	{"console", required_argument, NULL, OPT_CONSOLE},
	{"input", required_argument, NULL, OPT_INPUT},
	{"input-text", required_argument, NULL, OPT_INPUT_TEXT},
	{"until-console", required_argument, NULL, OPT_UNTIL_CONSOLE},
	{"max-insns", required_argument, NULL, OPT_MAX_INSNS},
	{"timeslice", required_argument, NULL, OPT_TIMESLICE},
	{"cpus", required_argument, NULL, OPT_CPUS},
	{"quantum", required_argument, NULL, OPT_QUANTUM},
	{"halt", required_argument, NULL, OPT_HALT},
	{"exceptions", required_argument, NULL, OPT_EXCEPTIONS},
	{"stats", optional_argument, NULL, OPT_STATS},
	{"strict", no_argument, NULL, OPT_STRICT},
	{"strict-known", no_argument, NULL, OPT_STRICT_KNOWN},
	{"no-check", no_argument, NULL, OPT_NO_CHECK},
	{"gdb", required_argument, NULL, OPT_GDB},
	{"gdb-wait", no_argument, NULL, OPT_GDB_WAIT},
	{"no-idle-skip", no_argument, NULL, OPT_NO_IDLE_SKIP},
	{"set", required_argument, NULL, OPT_SET},
	{"hypervisor", required_argument, NULL, OPT_HYPERVISOR},
	{"hyp-set", required_argument, NULL, OPT_HYP_SET},
	{"spmc-set", required_argument, NULL, OPT_SPMC_SET},
	{"record", required_argument, NULL, OPT_RECORD},
	{"trace", required_argument, NULL, OPT_TRACE},
	{"trace-json", required_argument, NULL, OPT_TRACE_JSON},
	{"timeline", required_argument, NULL, OPT_TIMELINE},
	{"sequence", required_argument, NULL, OPT_SEQUENCE},
	{"quiet", no_argument, NULL, 'q'},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

/* A run argument naming a system file rather than a guest image. */
static bool run_is_system_file(const char *path)
{
	size_t n = strlen(path);

	return (n > 5 && strcmp(path + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(path + n - 4, ".yml") == 0);
}

/* run_parse() and the other steps return this to go on; any other value is the exit status. */
#define RUN_GO (-1)

/* What `ffa-sim run`'s command line says, each value read once. */
struct run_args {
	struct sim_config opts; /* the options that are configuration fields, typed */
	const char *system_path;
	const char *console_path;
	const char *record_path;
	const char *trace_path;     /* --trace: the call trace's file; "-" for stderr */
	const char *spmc_text;      /* --spmc as given (a recording repeats it) */
	struct spmc_config spmc;    /* ... read: personality and version */
	bool no_spmc;               /* ... none */
	const char *hyp_text;       /* --hypervisor as given */
	struct hyp_pkvm_config hyp; /* ... read: its profile */
	uint16_t spmc_id;           /* --spmc-id; 0: not given */
	const char *sets[MAX_SETS];
	unsigned set_count;
	const char *hyp_sets[MAX_SETS];
	unsigned hyp_set_count;
	const char *spmc_sets[MAX_SETS];
	unsigned spmc_set_count;
	char *input_text; /* --input-text with its escapes expanded */
	/* --trace ffa/insn, --trace-json, --timeline, --sequence, --stats, and their recorder */
	struct obs_outputs obs;
	bool gdb; /* --gdb PORT */
	unsigned gdb_port;
	bool gdb_wait; /* --gdb-wait */
};

/* Everything one run holds; run_cleanup() releases it, whichever step stopped the run. */
struct run {
	struct run_args args;
	struct sim_system *sys;
	struct spmc_config spmc;    /* the SPMC the run gets (unless cfg.no_spmc) */
	struct hyp_pkvm_config hyp; /* the proxy's configuration (when cfg.hypervisor is set) */
	struct sim_config cfg;
	struct sim *sim;
	bool recording; /* the recorder is attached */
	struct scn_recorder recorder;
	FILE *trace_out; /* --trace's file (stderr for "-"), the trace attached when set */
	struct sim_trace trace;
	struct sim_gdb *gdb; /* the GDB stub (--gdb) */
};

/* Reads one option (opt, its value arg) into *a: RUN_GO, or the exit status that ends the run. */
static int run_option(struct run_args *a, int opt, const char *arg, char **argv)
{
	struct sim_config *o = &a->opts;
	uint64_t v;

	switch (opt) {
	case OPT_GUEST:
		o->guest_path = arg;
		return RUN_GO;
	case OPT_LOAD_ADDR:
		if (!sim_parse_u64(arg, &o->load_addr))
			return usage_error("run", "--load-addr: \"%s\" is not an address", arg);
		o->load_addr_set = true;
		return RUN_GO;
	case OPT_APPEND:
		if (strlen(arg) >= EMU_DTB_BOOTARGS_MAX)
			return usage_error("run",
					   "--append: the command line is longer than the 2047 "
					   "bytes Linux takes (COMMAND_LINE_SIZE): \"%.40s...\"",
					   arg);
		o->bootargs = arg;
		return RUN_GO;
	case OPT_INITRD:
		o->initrd_path = arg;
		return RUN_GO;
	case OPT_ENTRY:
		if (!sim_parse_u64(arg, &o->entry))
			return usage_error("run", "--entry: \"%s\" is not an address", arg);
		o->entry_set = true;
		return RUN_GO;
	case OPT_PLATFORM:
		o->platform_path = arg;
		return RUN_GO;
	case OPT_DTB:
		o->dtb_path = arg;
		return RUN_GO;
	case OPT_EL:
		if (strcmp(arg, "1") != 0 && strcmp(arg, "2") != 0)
			return usage_error("run", "--el: \"%s\": the entry level is 1 or 2", arg);
		o->entry_el = (unsigned)(arg[0] - '0');
		return RUN_GO;
	case OPT_SMCCC:
		if (!ffa_smccc_version_parse(arg, &o->smccc_version))
			return usage_error("run",
					   "--smccc: \"%s\": choose 1.0, 1.1, 1.2, 1.3, "
					   "1.4 or 1.5",
					   arg);
		return RUN_GO;
	case OPT_SPMC:
		a->spmc_text = arg;
		return RUN_GO;
	case OPT_SPMC_ID:
		if (!sim_parse_u64(arg, &v) || v == 0 || v > 0xffff)
			return usage_error("run", "--spmc-id: \"%s\" is not a 16-bit ID", arg);
		a->spmc_id = (uint16_t)v;
		return RUN_GO;
	case OPT_CONSOLE:
		a->console_path = arg;
		return RUN_GO;
	case OPT_INPUT:
		o->input_path = arg;
		return RUN_GO;
	case OPT_INPUT_TEXT:
		free(a->input_text);
		a->input_text = unescape(arg);
		if (a->input_text == NULL)
			return usage_error("run", "--input-text: bad escape in \"%s\"", arg);
		return RUN_GO;
	case OPT_UNTIL_CONSOLE:
		o->until_console = arg;
		return RUN_GO;
	case OPT_MAX_INSNS:
		if (!sim_parse_u64(arg, &v) || v == 0)
			return usage_error("run", "--max-insns: \"%s\" is not a positive number",
					   arg);
		o->max_insns = v;
		return RUN_GO;
	case OPT_TIMESLICE:
		if (!sim_parse_u64(arg, &v) || v == 0)
			return usage_error("run", "--timeslice: \"%s\" is not a positive number",
					   arg);
		o->timeslice = v;
		return RUN_GO;
	case OPT_CPUS:
		if (!sim_parse_u64(arg, &v) || v == 0 || v > EMU_PLATFORM_MAX_CPUS)
			return usage_error("run", "--cpus: \"%s\" is not a number from 1 to 8",
					   arg);
		o->cpus = (unsigned)v;
		return RUN_GO;
	case OPT_QUANTUM:
		if (!sim_parse_u64(arg, &v) || v == 0)
			return usage_error("run", "--quantum: \"%s\" is not a positive number",
					   arg);
		o->quantum = v;
		return RUN_GO;
	case OPT_HALT:
		if (strcmp(arg, "exit") == 0)
			o->halt = EMU_HALT_EXIT;
		else if (strcmp(arg, "fault") == 0)
			o->halt = EMU_HALT_FAULT;
		else
			return usage_error("run", "--halt: \"%s\": choose exit or fault", arg);
		return RUN_GO;
	case OPT_EXCEPTIONS:
		if (strcmp(arg, "auto") == 0)
			o->exceptions = EMU_EXC_AUTO;
		else if (strcmp(arg, "deliver") == 0)
			o->exceptions = EMU_EXC_DELIVER;
		else if (strcmp(arg, "report") == 0)
			o->exceptions = EMU_EXC_REPORT;
		else
			return usage_error(
				"run", "--exceptions: \"%s\": choose auto, deliver or report", arg);
		return RUN_GO;
	case OPT_STATS:
	case OPT_TRACE_JSON:
	case OPT_TIMELINE:
	case OPT_SEQUENCE: {
		static const char *const names[] = {[OPT_STATS] = "stats",
						    [OPT_TRACE_JSON] = "trace-json",
						    [OPT_TIMELINE] = "timeline",
						    [OPT_SEQUENCE] = "sequence"};
		int status = obs_outputs_option(&a->obs, "run", names[opt], arg);

		o->stats = a->obs.stats == OBS_STATS_TEXT;
		return status == OBS_GO ? RUN_GO : status;
	}
	case OPT_STRICT:
		o->strict = true;
		return RUN_GO;
	case OPT_STRICT_KNOWN:
		o->strict = true;
		o->strict_known = true;
		return RUN_GO;
	case OPT_NO_IDLE_SKIP:
		o->no_idle_skip = true;
		return RUN_GO;
	case OPT_NO_CHECK:
		o->no_check = true;
		return RUN_GO;
	case OPT_GDB:
		if (!sim_parse_u64(arg, &v) || v > 65535)
			return usage_error("run", "--gdb: \"%s\" is not a TCP port (0-65535)", arg);
		a->gdb = true;
		a->gdb_port = (unsigned)v;
		/* `monitor ffa-log` prints the call record. */
		a->obs.keep_record = true;
		return RUN_GO;
	case OPT_GDB_WAIT:
		a->gdb_wait = true;
		return RUN_GO;
	case OPT_SET:
		if (a->set_count == MAX_SETS || strchr(arg, '=') == NULL)
			return usage_error("run", "--set: \"%s\" is not KEY=VALUE (at most 64)",
					   arg);
		a->sets[a->set_count++] = arg;
		return RUN_GO;
	case OPT_HYPERVISOR:
		a->hyp_text = arg;
		return RUN_GO;
	case OPT_HYP_SET:
		if (a->hyp_set_count == MAX_SETS || strchr(arg, '=') == NULL)
			return usage_error(
				"run", "--hyp-set: \"%s\" is not SWITCH=VALUE (at most 64)", arg);
		a->hyp_sets[a->hyp_set_count++] = arg;
		return RUN_GO;
	case OPT_RECORD:
		a->record_path = arg;
		return RUN_GO;
	case OPT_TRACE: {
		int status = obs_outputs_option(&a->obs, "run", "trace", arg);

		if (status == OBS_NOT_MINE)
			a->trace_path = arg;
		return status == OBS_GO || status == OBS_NOT_MINE ? RUN_GO : status;
	}
	case OPT_SPMC_SET:
		if (a->spmc_set_count == MAX_SETS || strchr(arg, '=') == NULL)
			return usage_error(
				"run", "--spmc-set: \"%s\" is not SWITCH=VALUE (at most 64)", arg);
		a->spmc_sets[a->spmc_set_count++] = arg;
		return RUN_GO;
	case 'q':
		o->quiet = true;
		return RUN_GO;
	case 'h':
		fputs(usage_run, stdout);
		return 0;
	case ':':
		return usage_error("run", "option %s needs a value", argv[optind - 1]);
	default:
		return usage_error("run", "unknown option %s", argv[optind - 1]);
	}
	return RUN_GO;
}

/* Reads the command line into run->args: options, then the system file and the guest. */
static int run_parse(struct run *run, int argc, char **argv)
{
	struct run_args *a = &run->args;
	struct sim_config *o = &a->opts;
	struct diag err = {0};
	int opt, status;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":qh", run_options, NULL)) != -1) {
		status = run_option(a, opt, optarg, argv);
		if (status != RUN_GO)
			return status;
	}
	for (; optind < argc; optind++) {
		if (run_is_system_file(argv[optind]) && a->system_path == NULL) {
			a->system_path = argv[optind];
			continue;
		}
		if (o->guest_path != NULL)
			return usage_error("run", "one guest only (extra argument \"%s\")",
					   argv[optind]);
		o->guest_path = argv[optind];
	}
	o->input_text = a->input_text;
	if (a->spmc_text != NULL && !sim_parse_spmc(a->spmc_text, &a->spmc, &a->no_spmc, &err))
		return input_error(&err);
	if (a->hyp_text != NULL && !sim_parse_hypervisor(a->hyp_text, &a->hyp, &err))
		return input_error(&err);
	if (a->gdb_wait && !a->gdb)
		return usage_error("run", "%s needs --gdb PORT", "--gdb-wait");
	return RUN_GO;
}

/* Loads the system: the file named, or the demo system for the demo, the lean default for a
 * guest. */
static int run_load(struct run *run)
{
	const struct run_args *a = &run->args;
	struct diag err = {0};
	bool ok;

	/* Not calloc: the loader clears what it uses of the 700 KiB (sim_system_load). */
	run->sys = malloc(sizeof(*run->sys));
	if (run->sys == NULL) {
		fprintf(stderr, "ffa-sim: out of memory\n");
		return EMU_STATUS_INTERNAL;
	}
	if (a->system_path != NULL)
		ok = sim_system_load(a->system_path, a->sets, a->set_count, run->sys, &err);
	else if (a->opts.guest_path == NULL)
		ok = sim_system_load_buffer("systems/demo.yaml (built in)", ffa_sim_demo_system,
					    ffa_sim_demo_system_size, a->sets, a->set_count,
					    run->sys, &err);
	else
		ok = sim_system_load_buffer("systems/default.yaml (built in)",
					    ffa_sim_default_system, ffa_sim_default_system_size,
					    a->sets, a->set_count, run->sys, &err);
	return ok ? RUN_GO : input_error(&err);
}

/*
 * The SPMC: the system's (personality, version, ID and spmc.behaviours), with --spmc's
 * personality and version, --spmc-id and then each --spmc-set over it; or none.
 */
static bool run_configure_spmc(struct run *run, struct diag *err)
{
	const struct run_args *a = &run->args;
	const struct sim_system *sys = run->sys;

	run->spmc = sys->spmc;
	run->cfg.no_spmc = a->spmc_text != NULL ? a->no_spmc : !sys->spmc_enabled;
	if (run->cfg.no_spmc) {
		if (a->spmc_set_count > 0) {
			diag_set(err, NULL, 0, 0, "--spmc-set %s: there is no SPMC (--spmc none)",
				 a->spmc_sets[0]);
			return false;
		}
		if (sys->spmc_behaviour_count > 0) {
			diag_set(err, NULL, 0, 0,
				 "spmc.behaviours.%s: there is no SPMC (--spmc none)",
				 sys->spmc_behaviours[0].name);
			return false;
		}
		run->cfg.spmc = NULL;
		return true;
	}
	if (a->spmc_text != NULL) {
		run->spmc.personality = a->spmc.personality;
		run->spmc.version = a->spmc.version;
	}
	if (a->spmc_id != 0)
		run->spmc.id = a->spmc_id;
	for (unsigned i = 0; i < a->spmc_set_count; i++) {
		if (!spmc_config_set(&run->spmc, a->spmc_sets[i], err))
			return false;
	}
	run->cfg.spmc = &run->spmc;
	return true;
}

/*
 * The hypervisor: --hypervisor's profile or the system's, the system's settings over it, then
 * each --hyp-set; none when neither names one.
 */
static bool run_configure_hypervisor(struct run *run, struct diag *err)
{
	const struct run_args *a = &run->args;
	const struct sim_system *sys = run->sys;

	run->cfg.hypervisor = NULL;
	if (a->hyp_text == NULL && !sys->hypervisor.present) {
		if (a->hyp_set_count == 0)
			return true;
		diag_set(err, NULL, 0, 0,
			 "--hyp-set %s: there is no hypervisor (--hypervisor pkvm[:PROFILE])",
			 a->hyp_sets[0]);
		return false;
	}
	if (!sys->hypervisor.present)
		run->hyp = a->hyp;
	else if (!sim_system_hypervisor(sys, a->hyp_text != NULL ? &a->hyp : NULL, &run->hyp, err))
		return false;
	for (unsigned i = 0; i < a->hyp_set_count; i++) {
		if (!hyp_pkvm_set(&run->hyp, a->hyp_sets[i], err))
			return false;
	}
	run->cfg.hypervisor = &run->hyp;
	return true;
}

/*
 * Builds the run's configuration: the system's, the command line's options over it (they
 * override the file), the binary's images, the console file and the input.
 */
static int run_configure(struct run *run, const struct builtins *builtins)
{
	const struct run_args *a = &run->args;
	const struct sim_config *o = &a->opts;
	struct sim_config *cfg = &run->cfg;
	struct diag err = {0};

	sim_system_config(run->sys, NULL, cfg);
	if (!run_configure_spmc(run, &err) || !run_configure_hypervisor(run, &err))
		return input_error(&err);
	/* --spmc none wins over the built-in systems' partitions (a system file's are refused). */
	if (a->system_path == NULL && cfg->no_spmc) {
		cfg->partitions = NULL;
		cfg->partition_count = 0;
	}
	if (o->platform_path != NULL)
		cfg->platform_path = o->platform_path;
	if (o->guest_path != NULL)
		cfg->guest_path = o->guest_path;
	if (o->load_addr_set) {
		cfg->load_addr_set = true;
		cfg->load_addr = o->load_addr;
	}
	if (o->entry_set) {
		cfg->entry_set = true;
		cfg->entry = o->entry;
	}
	if (o->dtb_path != NULL)
		cfg->dtb_path = o->dtb_path;
	if (o->bootargs != NULL)
		cfg->bootargs = o->bootargs;
	if (o->initrd_path != NULL)
		cfg->initrd_path = o->initrd_path;
	if (cfg->dtb_path != NULL && (cfg->bootargs != NULL || cfg->initrd_path != NULL))
		return usage_error("run", "%s",
				   "--append and --initrd go into the generated device tree, not "
				   "into one given with --dtb");
	if (o->entry_el != 0)
		cfg->entry_el = o->entry_el;
	if (o->max_insns != 0)
		cfg->max_insns = o->max_insns;
	if (o->timeslice != 0)
		cfg->timeslice = o->timeslice;
	if (o->cpus != 0)
		cfg->cpus = o->cpus;
	if (o->quantum != 0)
		cfg->quantum = o->quantum;
	cfg->smccc_version = o->smccc_version;
	cfg->halt = o->halt;
	cfg->exceptions = o->exceptions;
	cfg->until_console = o->until_console;
	cfg->input_text = o->input_text;
	cfg->quiet = o->quiet;
	cfg->stats = o->stats;
	cfg->obs = obs_outputs_recorder(&run->args.obs);
	obs_outputs_configure(&run->args.obs, cfg);
	cfg->strict = o->strict;
	cfg->strict_known = o->strict_known;
	cfg->no_check = o->no_check;
	cfg->no_idle_skip = o->no_idle_skip;
	cfg->builtin_images = builtins->images;
	cfg->builtin_image_count = BUILTIN_IMAGE_COUNT;
	if (cfg->guest_path == NULL) {
		if (cfg->load_addr_set)
			return usage_error("run", "%s: the demo guest is an ELF image",
					   "--load-addr");
		cfg->guest_data = ffa_sim_demo_guest;
		cfg->guest_size = ffa_sim_demo_guest_size;
		cfg->guest_name = "<built-in demo guest>";
	}
	/* `--input -` reads stdin itself (a pipe or a file) to its end; a terminal follows input.
	 */
	if (o->input_path != NULL && strcmp(o->input_path, "-") == 0) {
		cfg->interactive = true;
	} else {
		cfg->input_path = o->input_path;
		cfg->interactive = isatty(0);
	}
	if (a->console_path != NULL) {
		cfg->console_out = fopen(a->console_path, "w");
		if (cfg->console_out == NULL) {
			diag_set(&err, a->console_path, 0, 0, "cannot write the console file");
			return input_error(&err);
		}
	}
	return RUN_GO;
}

/* Opens the simulation, with the recorder when --record asks for it, and runs the guest. */
static int run_execute(struct run *run)
{
	struct diag err = {0};

	run->sim = malloc(sizeof(*run->sim)); /* sim_open clears what it uses */
	if (run->sim == NULL) {
		fprintf(stderr, "ffa-sim: out of memory\n");
		return EMU_STATUS_INTERNAL;
	}
	if (!sim_open(run->sim, &run->cfg, &err))
		return input_error(&err);
	if (run->args.record_path != NULL) {
		scn_recorder_attach(&run->recorder, run->sim);
		run->recording = true;
	}
	if (run->args.trace_path != NULL) {
		const char *path = run->args.trace_path;

		run->trace_out = strcmp(path, "-") == 0 ? stderr : fopen(path, "w");
		if (run->trace_out == NULL) {
			diag_set(&err, path, 0, 0, "cannot write the trace file");
			return input_error(&err);
		}
		sim_trace_attach(&run->trace, run->sim, run->trace_out);
	}
	obs_outputs_start(&run->args.obs, run->sim);
	if (run->args.gdb) {
		struct sim_gdb_config gcfg = {.port = run->args.gdb_port,
					      .wait = run->args.gdb_wait,
					      .obs = run->cfg.obs};
		int status = SIM_GDB_STATUS_KILLED;

		run->gdb = sim_gdb_open(run->sim, &gcfg, &err);
		if (run->gdb == NULL)
			return input_error(&err);
		if (sim_gdb_start(run->gdb))
			status = sim_run(run->sim);
		if (sim_gdb_killed(run->gdb))
			status = SIM_GDB_STATUS_KILLED;
		sim_gdb_finish(run->gdb, status);
		return obs_outputs_finish(&run->args.obs, status);
	}
	return obs_outputs_finish(&run->args.obs, sim_run(run->sim));
}

/*
 * The overrides that make a recording replay under the run's system: its --set, and the
 * options that have a system-file key, as the command line gave them.
 */
static unsigned run_record_sets(const struct run_args *a, char out[][SCN_SET_TEXT_MAX],
				const char **ptrs, unsigned max)
{
	unsigned n = 0;

	for (unsigned i = 0; i < a->set_count && n < max; i++)
		snprintf(out[n++], SCN_SET_TEXT_MAX, "%s", a->sets[i]);
	if (a->spmc_text != NULL && n + 2 <= max) {
		const char *colon = strchr(a->spmc_text, ':');

		if (a->no_spmc) {
			snprintf(out[n++], SCN_SET_TEXT_MAX, "spmc=none");
		} else {
			snprintf(out[n++], SCN_SET_TEXT_MAX, "spmc.personality=%s",
				 a->spmc.personality->name);
			if (colon != NULL)
				snprintf(out[n++], SCN_SET_TEXT_MAX, "spmc.version=%s", colon + 1);
		}
	}
	if (a->spmc_id != 0 && n < max)
		snprintf(out[n++], SCN_SET_TEXT_MAX, "spmc.id=0x%x", a->spmc_id);
	for (unsigned i = 0; i < a->spmc_set_count && n < max; i++)
		snprintf(out[n++], SCN_SET_TEXT_MAX, "spmc.behaviours.%s", a->spmc_sets[i]);
	if (a->hyp_text != NULL && n + 2 <= max) {
		snprintf(out[n++], SCN_SET_TEXT_MAX, "hypervisor.model=pkvm");
		if (strchr(a->hyp_text, ':') != NULL)
			snprintf(out[n++], SCN_SET_TEXT_MAX, "hypervisor.profile=%s",
				 a->hyp.profile);
	}
	for (unsigned i = 0; i < a->hyp_set_count && n < max; i++)
		snprintf(out[n++], SCN_SET_TEXT_MAX, "hypervisor.settings.%s", a->hyp_sets[i]);
	if (a->opts.platform_path != NULL && n < max)
		snprintf(out[n++], SCN_SET_TEXT_MAX, "platform=%s", a->opts.platform_path);
	for (unsigned i = 0; i < n; i++)
		ptrs[i] = out[i];
	return n;
}

/*
 * Writes the run's FF-A conversation as a scenario (--record). Returns the run's status, or the
 * usage status when the recording cannot be written.
 */
static int run_record(struct run *run, int status)
{
	const struct run_args *a = &run->args;
	char sets[SCN_MAX_SETS][SCN_SET_TEXT_MAX];
	const char *set_ptrs[SCN_MAX_SETS];
	struct scn_record_source src = {
		.system = a->system_path != NULL        ? a->system_path
			  : run->cfg.guest_data != NULL ? "builtin:demo"
							: "builtin:default",
		.guest = run->cfg.guest_path,
		.sets = set_ptrs,
	};
	struct diag err = {0};
	FILE *out;
	bool ok;

	scn_recorder_detach(&run->recorder);
	run->recording = false;
	src.set_count = run_record_sets(a, sets, set_ptrs, SCN_MAX_SETS);
	out = fopen(a->record_path, "w");
	ok = out != NULL && scn_recorder_write(&run->recorder, &src, out, &err);
	/* Closed on every path; a failed flush is a failed write. */
	if (out != NULL && fclose(out) != 0 && ok) {
		diag_set(&err, a->record_path, 0, 0, "cannot write the recording");
		ok = false;
	}
	if (ok)
		return status;
	if (err.msg[0] == '\0') {
		diag_set(&err, a->record_path, 0, 0, "cannot write the recording");
	} else if (err.file[0] == '\0') {
		char msg[DIAG_MSG_MAX];

		snprintf(msg, sizeof(msg), "%s", err.msg);
		diag_set(&err, a->record_path, 0, 0, "%s", msg);
	}
	return input_error(&err);
}

/* Releases what the steps acquired; a console file that cannot be written fails the run. */
static int run_cleanup(struct run *run, int status)
{
	const char *console_path = run->args.console_path;

	if (run->recording)
		scn_recorder_detach(&run->recorder);
	scn_recorder_free(&run->recorder);
	sim_trace_detach(&run->trace);
	sim_gdb_close(run->gdb);
	run->gdb = NULL;
	obs_outputs_free(&run->args.obs);
	if (run->trace_out != NULL && run->trace_out != stderr && fclose(run->trace_out) != 0) {
		fprintf(stderr, "ffa-sim: %s: cannot write the trace file\n", run->args.trace_path);
		status = EMU_STATUS_USAGE;
	}
	if (run->sim != NULL) {
#if defined(__SANITIZE_ADDRESS__)
		sim_close(run->sim);
		free(run->sim);
#else
		/* The process exits next, and its exit releases the engines at once. */
		sim_end(run->sim);
#endif
	}
	free(run->sys);
	free(run->args.input_text);
	if (run->cfg.console_out != NULL && fclose(run->cfg.console_out) != 0) {
		fprintf(stderr, "ffa-sim: %s: cannot write the console file\n", console_path);
		return EMU_STATUS_USAGE;
	}
	return status;
}

/* `ffa-sim run`: parse, load, configure, run and record, one cleanup for every path. */
static int cmd_run(int argc, char **argv, const struct builtins *builtins)
{
	struct run *run = calloc(1, sizeof(*run));
	int status;

	if (run == NULL) {
		fprintf(stderr, "ffa-sim: out of memory\n");
		return EMU_STATUS_INTERNAL;
	}
	status = run_parse(run, argc, argv);
	if (status == RUN_GO)
		status = run_load(run);
	if (status == RUN_GO)
		status = run_configure(run, builtins);
	if (status == RUN_GO) {
		status = run_execute(run);
		if (run->recording)
			status = run_record(run, status);
	}
	status = run_cleanup(run, status);
	free(run);
	return status;
}

static int cmd_dtb(int argc, char **argv)
{
	static const struct option options[] = {
		{"platform", required_argument, NULL, 'p'},
		{"spmc", required_argument, NULL, 's'},
		{"hypervisor", required_argument, NULL, 'y'},
		{"append", required_argument, NULL, 'a'},
		{"initrd", required_argument, NULL, 'i'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *out_path = NULL, *spmc_text = NULL, *hyp_text = NULL;
	struct spmc_config spmc;
	struct hyp_pkvm_config hyp;
	struct sim_config cfg;
	struct diag err = {0};
	uint8_t *blob;
	size_t size;
	FILE *out;
	int opt;

	memset(&cfg, 0, sizeof(cfg));
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":o:h", options, NULL)) != -1) {
		switch (opt) {
		case 'p':
			cfg.platform_path = optarg;
			break;
		case 's':
			spmc_text = optarg;
			break;
		case 'y':
			if ((strncmp(optarg, "pkvm", 4) != 0 ||
			     (optarg[4] != '\0' && optarg[4] != ':')) &&
			    strcmp(optarg, HYP_FORWARDING_PROFILE) != 0)
				return usage_error("dtb",
						   "--hypervisor: \"%s\": the model is pkvm "
						   "(pkvm[:PROFILE]) or forwarding",
						   optarg);
			hyp_text = optarg;
			break;
		case 'a':
			if (strlen(optarg) >= EMU_DTB_BOOTARGS_MAX)
				return usage_error("dtb",
						   "--append: the command line is longer than the "
						   "2047 bytes Linux takes (COMMAND_LINE_SIZE): "
						   "\"%.40s...\"",
						   optarg);
			cfg.bootargs = optarg;
			break;
		case 'i':
			cfg.initrd_path = optarg;
			break;
		case 'o':
			out_path = optarg;
			break;
		case 'h':
			fputs(usage_dtb, stdout);
			return 0;
		case ':':
			return usage_error("dtb", "option %s needs a value", argv[optind - 1]);
		default:
			return usage_error("dtb", "unknown option %s", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error("dtb", "unexpected argument \"%s\"", argv[optind]);
	if (out_path == NULL)
		return usage_error("dtb", "%s", "-o FILE is required (- for stdout)");
	if (strcmp(out_path, "-") == 0 && isatty(1))
		return usage_error("dtb", "%s", "refusing to write a binary tree to a terminal");
	if (spmc_text != NULL) {
		if (!sim_parse_spmc(spmc_text, &spmc, &cfg.no_spmc, &err))
			return input_error(&err);
		cfg.spmc = cfg.no_spmc ? NULL : &spmc;
	}
	if (hyp_text != NULL) {
		if (!sim_parse_hypervisor(hyp_text, &hyp, &err))
			return input_error(&err);
		cfg.hypervisor = &hyp;
	}
	blob = malloc(EMU_DTB_MAX_SIZE);
	if (blob == NULL)
		return EMU_STATUS_INTERNAL;
	size = sim_run_dtb(&cfg, blob, EMU_DTB_MAX_SIZE, &err);
	if (size == 0) {
		free(blob);
		return input_error(&err);
	}
	out = strcmp(out_path, "-") == 0 ? stdout : fopen(out_path, "wb");
	if (out == NULL || fwrite(blob, 1, size, out) != size ||
	    (out != stdout ? fclose(out) : fflush(out)) != 0) {
		free(blob);
		diag_set(&err, out_path, 0, 0, "cannot write the device tree");
		return input_error(&err);
	}
	free(blob);
	return 0;
}

/* The heap the process starts with, asked for in transparent huge pages (tune_malloc). */
#define TOOL_HEAP_PAD (64u << 20)
#define TOOL_HUGE_PAGE (2u << 20)

/*
 * Keeps freed memory for the next simulation. Each simulation allocates a few MiB in blocks
 * above glibc's default mmap threshold (unicorn's translation-block hash table, the system's
 * structures) and frees them at its end; by default each block is a fresh mapping whose pages
 * fault in again, for every file a replay opens (docs/performance.md, "Start-up").
 *
 * The heap then grows by TOOL_HEAP_PAD at a time, and its first stretch is offered to the
 * kernel for transparent huge pages (MADV_HUGEPAGE: what a kernel in "madvise" mode waits for;
 * under "always" the heap gets them anyway, under "never" nothing changes). A replay's files
 * are many small blocks (a 10,000-step scenario's document and steps are about 35 MiB of
 * them), and faulting them in 4 KiB at a time was a third of its time; a huge page is one
 * fault for 512 of those. Untouched, the stretch costs nothing. Left to the sanitizers' own
 * allocator in their builds. Returns a block to free when the process ends (NULL: none).
 */
static void *tune_malloc(void)
{
	void *head = NULL;

	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
#if !defined(__SANITIZE_ADDRESS__)
	mallopt(M_TOP_PAD, TOOL_HEAP_PAD);
	/* A block larger than any heap at start makes glibc grow it now, by the pad. */
	void *first = malloc(TOOL_HUGE_PAGE);
	/*
	 * Growing the heap wrote glibc's headers at both ends of that block, each faulting in a
	 * 4 KiB page before the advice: the huge pages holding them can no longer be huge. The
	 * stretch starts at the first huge-page boundary past both.
	 */
	uintptr_t start =
		((uintptr_t)first + 2 * TOOL_HUGE_PAGE - 1) & ~(uintptr_t)(TOOL_HUGE_PAGE - 1);
	uintptr_t end = (uintptr_t)sbrk(0) & ~(uintptr_t)(TOOL_HUGE_PAGE - 1);

	if (first == NULL || end <= start) {
		free(first);
		return NULL;
	}
	/* Advice only: a kernel without transparent huge pages refuses it, and that is fine. */
	(void)madvise((void *)start, end - start, MADV_HUGEPAGE);
	free(first);
	/*
	 * A block over what lies below the stretch, never used, makes the process's first
	 * allocations (the simulation's structures, unicorn's) land on huge pages instead of
	 * faulting in 4 KiB at a time.
	 */
	head = malloc(start - (uintptr_t)first);
#endif
	return head;
}

/*
 * The last line of defence: a crash of the emulator (unicorn) is reported as an internal error,
 * status 4, never a bare SIGSEGV. The handler runs on its own stack (the crash may be a stack
 * overflow) and does only what a signal handler may: one write and _exit. Left to the
 * sanitizers in their builds, whose reports say more.
 */
#if !defined(__SANITIZE_ADDRESS__)
static void crash_report(int sig)
{
	static const char msg[] =
		"ffa-sim: internal error: the simulator crashed (fatal signal) while running; "
		"this is a defect of ffa-sim, not of the guest: please report it with the command "
		"line and the images\n";

	(void)sig;
	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0)
		_exit(4);
	_exit(4);
}
#endif

static void install_crash_report(void)
{
#if !defined(__SANITIZE_ADDRESS__)
	static char alt_stack[64 * 1024];
	static const int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE};
	stack_t ss = {.ss_sp = alt_stack, .ss_size = sizeof(alt_stack)};
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = crash_report;
	sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	if (sigaltstack(&ss, NULL) != 0)
		return;
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
#endif
}

static int tool_main(int argc, char **argv)
{
	struct builtins builtins;
	const char *cmd;

	builtins_init(&builtins);
	if (argc < 2)
		return cmd_run(argc, argv, &builtins);
	cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
		fputs(usage_main, stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0) {
		printf("ffa-sim %s\n", FFA_SIM_VERSION);
		return 0;
	}
	if (strcmp(cmd, "run") == 0)
		return cmd_run(argc - 1, argv + 1, &builtins);
	if (strcmp(cmd, "replay") == 0)
		return cmd_replay(argc - 1, argv + 1, &builtins);
	if (strcmp(cmd, "matrix") == 0)
		return cmd_matrix(argc - 1, argv + 1, &builtins);
	if (strcmp(cmd, "dtb") == 0)
		return cmd_dtb(argc - 1, argv + 1);
	if (strcmp(cmd, "check") == 0)
		return cmd_check(argc - 1, argv + 1, &builtins);
	if (strcmp(cmd, "import-manifest") == 0)
		return cmd_import(argc - 1, argv + 1);
	if (strcmp(cmd, "list") == 0)
		return cmd_list(argc - 1, argv + 1);
	if (strcmp(cmd, "help") == 0) {
		if (argc < 3) {
			fputs(usage_main, stdout);
			return 0;
		}
		if (strcmp(argv[2], "run") == 0) {
			fputs(usage_run, stdout);
			return 0;
		}
		if (strcmp(argv[2], "dtb") == 0) {
			fputs(usage_dtb, stdout);
			return 0;
		}
		if (strcmp(argv[2], "matrix") == 0) {
			fputs(cli_usage_matrix, stdout);
			return 0;
		}
		if (strcmp(argv[2], "replay") == 0) {
			fputs(cli_usage_replay, stdout);
			return 0;
		}
		if (strcmp(argv[2], "check") == 0) {
			fputs(cli_usage_check, stdout);
			return 0;
		}
		if (strcmp(argv[2], "import-manifest") == 0) {
			fputs(cli_usage_import, stdout);
			return 0;
		}
		if (strcmp(argv[2], "list") == 0) {
			fputs(cli_usage_list, stdout);
			return 0;
		}
		return usage_error("", "no help for \"%s\"", argv[2]);
	}
	return usage_error("", "unknown command \"%s\"", cmd);
}

int main(int argc, char **argv)
{
	void *heap_head;
	int status;

	install_crash_report();
	/* The block below the heap's first huge page (tune_malloc), kept until the end. */
	heap_head = tune_malloc();
	status = tool_main(argc, argv);
	free(heap_head);
	return status;
}
