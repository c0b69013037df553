/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ffa-sim command: subcommands in the style of git (`ffa-sim run`, `ffa-sim dtb`), each
 * with --help; `replay` and `matrix` are in scenario_commands.c, `check` and
 * `import-manifest` in file_commands.c. Exit statuses: the guest's own status; 2 for usage and
 * input errors; 3 for guest faults; 4 for internal errors; 5 for conformance under --strict; 6
 * for a partition that failed to boot in a run that otherwise ended with 0.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "abi/ids.h"
#include "emu/dtb.h"
#include "sim/sim.h"
#include "sim/system.h"

extern const unsigned char ffa_sim_demo_guest[];
extern const size_t ffa_sim_demo_guest_size;
extern const unsigned char ffa_sim_default_system[];
extern const size_t ffa_sim_default_system_size;
extern const unsigned char ffa_sim_demo_system[];
extern const size_t ffa_sim_demo_system_size;

extern const unsigned char ffa_sim_image_sp_echo2[], ffa_sim_image_sp_forward[],
	ffa_sim_image_sp_logger[];
extern const size_t ffa_sim_image_sp_echo2_size, ffa_sim_image_sp_forward_size,
	ffa_sim_image_sp_logger_size;

/* Fills what the binary carries. */
static void builtins_init(struct builtins *b)
{
	b->images[0] = (struct sim_builtin_image){"sp_echo2", ffa_sim_image_sp_echo2,
						  ffa_sim_image_sp_echo2_size};
	b->images[1] = (struct sim_builtin_image){"sp_forward", ffa_sim_image_sp_forward,
						  ffa_sim_image_sp_forward_size};
	b->images[2] = (struct sim_builtin_image){"sp_logger", ffa_sim_image_sp_logger,
						  ffa_sim_image_sp_logger_size};
	b->systems[0] = (struct scn_builtin_system){"default", ffa_sim_default_system,
						    ffa_sim_default_system_size};
	b->systems[1] = (struct scn_builtin_system){"demo", ffa_sim_demo_system,
						    ffa_sim_demo_system_size};
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
	"--strict; 6 when a partition failed to boot and the run otherwise ended with 0.\n";

static const char usage_run[] =
	"usage: ffa-sim run [options] [SYSTEM.yaml] [GUEST]\n"
	"\n"
	"Runs a system (docs/system.md): a platform, an SPMC, an optional hypervisor, secure\n"
	"partitions and the normal-world guest. GUEST (an ELF64 AArch64 executable, or a raw\n"
	"binary with --load-addr) replaces the system's normal-world image. Without SYSTEM.yaml\n"
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
	"                        ffa-1.2, pre-1.2)\n"
	"  --hyp-set SWITCH=VALUE  one proxy behaviour switch (renegotiation=return-hyp-version,\n"
	"                        ...); repeatable\n"
	"  --guest FILE          the guest image (same as the GUEST argument)\n"
	"  --load-addr ADDR      load a raw binary at ADDR (RAM or flash); entry defaults to ADDR\n"
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
	"  --halt exit|fault     a branch-to-self or wfi halt ends the run with status 0 (exit,\n"
	"                        the default) or is reported as a fault (status 3)\n"
	"  --record FILE.yaml    write the run's FF-A conversation as a scenario that\n"
	"                        `ffa-sim replay` passes without the guest\n"
	"  --strict              end the run at the first conformance violation (status 5),\n"
	"                        a partition aborted for breaking the FF-A rules included;\n"
	"                        known deviations of the personality's firmware are reported\n"
	"                        but pass\n"
	"  --strict-known        as --strict, and known deviations end the run too\n"
	"  --no-check            do not check answers against the register rules\n"
	"  --stats               print the instruction and call counts at the end (stderr)\n"
	"  -q, --quiet           no notes on stderr (fault reports are still printed)\n"
	"  -h, --help            this help\n"
	"\n"
	"Console input: scripted input (--input, --input-text) comes first; then, when stdin is\n"
	"a terminal, what is typed there (a line at a time). When no input can arrive any more and\n"
	"the guest keeps polling for more, the run ends with status 0 and a note.\n"
	"\n"
	"Every answer a guest gets is checked against the SMCCC and FF-A register rules\n"
	"(reserved registers zero, preserved registers unchanged, valid error codes and\n"
	"versions); a violation is printed as a warning naming the rule and its spec section.\n"
	"\n"
	"Numbers are decimal or 0x hexadecimal.\n";

static const char usage_dtb[] =
	"usage: ffa-sim dtb [--platform FILE] [--spmc NAME[:VER]|none] [--hypervisor pkvm]\n"
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
	"                    /reserved-memory no-map node (docs/device-tree.md)\n"
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
	OPT_HALT,
	OPT_STATS,
	OPT_STRICT,
	OPT_STRICT_KNOWN,
	OPT_NO_CHECK,
	OPT_SET,
	OPT_HYPERVISOR,
	OPT_HYP_SET,
	OPT_SPMC_SET,
	OPT_RECORD
};

static const struct option run_options[] = {
	{"guest", required_argument, NULL, OPT_GUEST},
	{"load-addr", required_argument, NULL, OPT_LOAD_ADDR},
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
	{"halt", required_argument, NULL, OPT_HALT},
	{"stats", no_argument, NULL, OPT_STATS},
	{"strict", no_argument, NULL, OPT_STRICT},
	{"strict-known", no_argument, NULL, OPT_STRICT_KNOWN},
	{"no-check", no_argument, NULL, OPT_NO_CHECK},
	{"set", required_argument, NULL, OPT_SET},
	{"hypervisor", required_argument, NULL, OPT_HYPERVISOR},
	{"hyp-set", required_argument, NULL, OPT_HYP_SET},
	{"spmc-set", required_argument, NULL, OPT_SPMC_SET},
	{"record", required_argument, NULL, OPT_RECORD},
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

/*
 * Fills the run's configuration from the system file, keeping what the command line set
 * (options override the file). hyp_settings holds the system's settings, then the command
 * line's (later ones win).
 */
static bool run_apply_system(struct sim_config *cfg, const struct sim_system *sys,
			     const char **hyp_settings, unsigned *hyp_count, struct diag *err)
{
	static char spmc_spec[64], hyp_spec[80];
	static char settings[SIM_MAX_SETTINGS][EMU_NAME_MAX + SIM_SETTING_VALUE_MAX + 2];
	const struct sim_normal_world *nw = &sys->normal_world;
	unsigned cli = *hyp_count;
	char ver[16];

	if (cfg->platform_path == NULL && sys->platform_file[0] != '\0')
		cfg->platform_path = sys->platform_file;
	if (cfg->spmc == NULL) {
		if (!sys->spmc_enabled) {
			cfg->spmc = "none";
		} else {
			snprintf(spmc_spec, sizeof(spmc_spec), "%s:%s", sys->spmc.personality->name,
				 ffa_version_format(sys->spmc.version, ver, sizeof(ver)));
			cfg->spmc = spmc_spec;
		}
	}
	if (cfg->spmc_id == 0 && sys->spmc_enabled && sys->spmc.id != FFA_ID_SPMC_DEFAULT)
		cfg->spmc_id = sys->spmc.id;
	cfg->partitions = sys->partitions;
	cfg->partition_count = sys->partition_count;
	if (cfg->guest_path == NULL && nw->image[0] != '\0')
		cfg->guest_path = nw->image;
	if (!cfg->load_addr_set && nw->load_address_set) {
		cfg->load_addr_set = true;
		cfg->load_addr = nw->load_address;
	}
	if (!cfg->entry_set && nw->entry_set) {
		cfg->entry_set = true;
		cfg->entry = nw->entry;
	}
	if (cfg->entry_el == 0)
		cfg->entry_el = nw->entry_el;
	if (cfg->dtb_path == NULL && nw->dtb[0] != '\0')
		cfg->dtb_path = nw->dtb;
	cfg->conduit = nw->conduit;
	if (cfg->max_insns == 0)
		cfg->max_insns = sys->max_insns;
	if (cfg->hypervisor == NULL && sys->hypervisor.present) {
		if (sys->hypervisor.profile[0] != '\0')
			snprintf(hyp_spec, sizeof(hyp_spec), "%s:%s", sys->hypervisor.model,
				 sys->hypervisor.profile);
		else
			snprintf(hyp_spec, sizeof(hyp_spec), "%s", sys->hypervisor.model);
		cfg->hypervisor = hyp_spec;
	}
	if (sys->hypervisor.setting_count + cli > MAX_SETS) {
		diag_set(err, NULL, 0, 0, "too many hypervisor settings");
		return false;
	}
	/* The file's settings first, then the command line's, which win. */
	memmove(hyp_settings + sys->hypervisor.setting_count, hyp_settings,
		cli * sizeof(*hyp_settings));
	for (unsigned i = 0; i < sys->hypervisor.setting_count; i++) {
		snprintf(settings[i], sizeof(settings[i]), "%s=%s", sys->hypervisor.settings[i].name,
			 sys->hypervisor.settings[i].value);
		hyp_settings[i] = settings[i];
	}
	*hyp_count = cli + sys->hypervisor.setting_count;
	cfg->hyp_settings = hyp_settings;
	cfg->hyp_setting_count = *hyp_count;
	return true;
}

/*
 * Puts the system's SPMC behaviours (spmc.behaviours) before the command line's --spmc-set
 * settings in spmc_settings (later ones win) and hands them to the run.
 */
static bool run_apply_spmc_settings(struct sim_config *cfg, const struct sim_system *sys,
				    const char **spmc_settings, unsigned *spmc_count,
				    struct diag *err)
{
	static char settings[SIM_MAX_SETTINGS][EMU_NAME_MAX + SIM_SETTING_VALUE_MAX + 2];
	unsigned cli = *spmc_count, file = sys->spmc_behaviour_count;

	if (file + cli > MAX_SETS) {
		diag_set(err, NULL, 0, 0, "too many SPMC behaviour settings");
		return false;
	}
	memmove(spmc_settings + file, spmc_settings, cli * sizeof(*spmc_settings));
	for (unsigned i = 0; i < file; i++) {
		snprintf(settings[i], sizeof(settings[i]), "%s=%s", sys->spmc_behaviours[i].name,
			 sys->spmc_behaviours[i].value);
		spmc_settings[i] = settings[i];
	}
	*spmc_count = cli + file;
	cfg->spmc_settings = spmc_settings;
	cfg->spmc_setting_count = *spmc_count;
	return true;
}

static unsigned run_record_sets(const struct sim_config *cfg, const char *const *sets,
				unsigned set_count, const char *const *hyp, unsigned hyp_count,
				char out[][SCN_SET_TEXT_MAX], const char **ptrs, unsigned max);

static int cmd_run(int argc, char **argv, const struct builtins *builtins)
{
	struct sim_config cfg;
	struct sim *sim;
	struct sim_system *sys;
	struct diag err;
	const char *console_path = NULL, *system_path = NULL, *record_path = NULL;
	const char *sets[MAX_SETS], *hyp_settings[MAX_SETS], *spmc_settings[MAX_SETS];
	unsigned set_count = 0, hyp_setting_count = 0, spmc_setting_count = 0;
	/* What the command line said, for a recording's overrides. */
	struct sim_config cli;
	const char *cli_hyp[MAX_SETS];
	unsigned cli_hyp_count;
	char record_sets[SCN_MAX_SETS][SCN_SET_TEXT_MAX];
	const char *record_ptrs[SCN_MAX_SETS];
	struct scn_recorder recorder;
	char *input_text = NULL;
	uint64_t v;
	int opt, status;

	memset(&cfg, 0, sizeof(cfg));
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":qh", run_options, NULL)) != -1) {
		switch (opt) {
		case OPT_GUEST:
			cfg.guest_path = optarg;
			break;
		case OPT_LOAD_ADDR:
			if (!sim_parse_u64(optarg, &cfg.load_addr))
				return usage_error("run", "--load-addr: \"%s\" is not an address", optarg);
			cfg.load_addr_set = true;
			break;
		case OPT_ENTRY:
			if (!sim_parse_u64(optarg, &cfg.entry))
				return usage_error("run", "--entry: \"%s\" is not an address", optarg);
			cfg.entry_set = true;
			break;
		case OPT_PLATFORM:
			cfg.platform_path = optarg;
			break;
		case OPT_DTB:
			cfg.dtb_path = optarg;
			break;
		case OPT_EL:
			if (strcmp(optarg, "1") != 0 && strcmp(optarg, "2") != 0)
				return usage_error("run", "--el: \"%s\": the entry level is 1 or 2", optarg);
			cfg.entry_el = (unsigned)(optarg[0] - '0');
			break;
		case OPT_SMCCC:
			if (!ffa_smccc_version_parse(optarg, &cfg.smccc_version))
				return usage_error("run", "--smccc: \"%s\": choose 1.0, 1.1, 1.2, 1.3, "
						   "1.4 or 1.5", optarg);
			break;
		case OPT_SPMC:
			cfg.spmc = optarg;
			break;
		case OPT_SPMC_ID:
			if (!sim_parse_u64(optarg, &v) || v == 0 || v > 0xffff)
				return usage_error("run", "--spmc-id: \"%s\" is not a 16-bit ID", optarg);
			cfg.spmc_id = (uint16_t)v;
			break;
		case OPT_CONSOLE:
			console_path = optarg;
			break;
		case OPT_INPUT:
			cfg.input_path = optarg;
			break;
		case OPT_INPUT_TEXT:
			free(input_text);
			input_text = unescape(optarg);
			if (input_text == NULL)
				return usage_error("run", "--input-text: bad escape in \"%s\"", optarg);
			cfg.input_text = input_text;
			break;
		case OPT_UNTIL_CONSOLE:
			cfg.until_console = optarg;
			break;
		case OPT_MAX_INSNS:
			if (!sim_parse_u64(optarg, &v) || v == 0)
				return usage_error("run", "--max-insns: \"%s\" is not a positive number",
						   optarg);
			cfg.max_insns = v;
			break;
		case OPT_HALT:
			if (strcmp(optarg, "exit") == 0)
				cfg.halt = EMU_HALT_EXIT;
			else if (strcmp(optarg, "fault") == 0)
				cfg.halt = EMU_HALT_FAULT;
			else
				return usage_error("run", "--halt: \"%s\": choose exit or fault", optarg);
			break;
		case OPT_STATS:
			cfg.stats = true;
			break;
		case OPT_STRICT:
			cfg.strict = true;
			break;
		case OPT_STRICT_KNOWN:
			cfg.strict = true;
			cfg.strict_known = true;
			break;
		case OPT_NO_CHECK:
			cfg.no_check = true;
			break;
		case OPT_SET:
			if (set_count == MAX_SETS || strchr(optarg, '=') == NULL)
				return usage_error("run", "--set: \"%s\" is not KEY=VALUE (at most 64)",
						   optarg);
			sets[set_count++] = optarg;
			break;
		case OPT_HYPERVISOR:
			cfg.hypervisor = optarg;
			break;
		case OPT_HYP_SET:
			if (hyp_setting_count == MAX_SETS || strchr(optarg, '=') == NULL)
				return usage_error("run",
						   "--hyp-set: \"%s\" is not SWITCH=VALUE (at most 64)",
						   optarg);
			hyp_settings[hyp_setting_count++] = optarg;
			break;
		case OPT_RECORD:
			record_path = optarg;
			break;
		case OPT_SPMC_SET:
			if (spmc_setting_count == MAX_SETS || strchr(optarg, '=') == NULL)
				return usage_error("run",
						   "--spmc-set: \"%s\" is not SWITCH=VALUE (at most 64)",
						   optarg);
			spmc_settings[spmc_setting_count++] = optarg;
			break;
		case 'q':
			cfg.quiet = true;
			break;
		case 'h':
			fputs(usage_run, stdout);
			return 0;
		case ':':
			return usage_error("run", "option %s needs a value", argv[optind - 1]);
		default:
			return usage_error("run", "unknown option %s", argv[optind - 1]);
		}
	}
	for (; optind < argc; optind++) {
		if (run_is_system_file(argv[optind]) && system_path == NULL) {
			system_path = argv[optind];
			continue;
		}
		if (cfg.guest_path != NULL)
			return usage_error("run", "one guest only (extra argument \"%s\")",
					   argv[optind]);
		cfg.guest_path = argv[optind];
	}
	cli = cfg;
	cli.spmc_settings = spmc_settings;
	cli.spmc_setting_count = spmc_setting_count;
	cli_hyp_count = hyp_setting_count;
	memcpy(cli_hyp, hyp_settings, hyp_setting_count * sizeof(*cli_hyp));
	sys = calloc(1, sizeof(*sys));
	if (sys == NULL)
		return EMU_STATUS_INTERNAL;
	/* No system file: the demo system for the demo, the lean default for a guest. */
	if (!(system_path != NULL
		      ? sim_system_load(system_path, sets, set_count, sys, &err)
	      : cfg.guest_path == NULL
		      ? sim_system_load_buffer("systems/demo.yaml (built in)", ffa_sim_demo_system,
					       ffa_sim_demo_system_size, sets, set_count, sys, &err)
		      : sim_system_load_buffer("systems/default.yaml (built in)",
					       ffa_sim_default_system, ffa_sim_default_system_size,
					       sets, set_count, sys, &err))) {
		free(sys);
		return input_error(&err);
	}
	if (!run_apply_system(&cfg, sys, hyp_settings, &hyp_setting_count, &err) ||
	    !run_apply_spmc_settings(&cfg, sys, spmc_settings, &spmc_setting_count, &err)) {
		free(sys);
		return input_error(&err);
	}
	/* --spmc none wins over the built-in systems' partitions (a system file's are refused). */
	if (system_path == NULL && cfg.spmc != NULL && strcmp(cfg.spmc, "none") == 0) {
		cfg.partitions = NULL;
		cfg.partition_count = 0;
	}
	cfg.builtin_images = builtins->images;
	cfg.builtin_image_count = BUILTIN_IMAGE_COUNT;
	if (cfg.guest_path == NULL) {
		cfg.guest_data = ffa_sim_demo_guest;
		cfg.guest_size = ffa_sim_demo_guest_size;
		cfg.guest_name = "<built-in demo guest>";
		if (cfg.load_addr_set) {
			free(sys);
			return usage_error("run", "%s: the demo guest is an ELF image", "--load-addr");
		}
	}
	/* `--input -` reads stdin itself (a pipe or a file) to its end; a terminal follows input. */
	if (cfg.input_path != NULL && strcmp(cfg.input_path, "-") == 0) {
		cfg.input_path = NULL;
		cfg.interactive = true;
	} else {
		cfg.interactive = isatty(0);
	}
	if (console_path != NULL) {
		cfg.console_out = fopen(console_path, "w");
		if (cfg.console_out == NULL) {
			diag_set(&err, console_path, 0, 0, "cannot write the console file");
			free(input_text);
			free(sys);
			return input_error(&err);
		}
	}
	sim = calloc(1, sizeof(*sim));
	if (sim == NULL) {
		free(sys);
		fprintf(stderr, "ffa-sim: out of memory\n");
		return EMU_STATUS_INTERNAL;
	}
	if (!sim_open(sim, &cfg, &err)) {
		sim_close(sim);
		free(sim);
		free(sys);
		free(input_text);
		if (cfg.console_out != NULL)
			fclose(cfg.console_out);
		return input_error(&err);
	}
	memset(&recorder, 0, sizeof(recorder));
	if (record_path != NULL)
		scn_recorder_attach(&recorder, sim);
	status = sim_run(sim);
	if (record_path != NULL) {
		struct scn_record_source src = {
			.system = system_path != NULL ? system_path
				  : cfg.guest_data != NULL ? "builtin:demo"
							   : "builtin:default",
			.guest = cfg.guest_path,
		};
		FILE *out = fopen(record_path, "w");

		scn_recorder_detach(&recorder);
		src.set_count = run_record_sets(&cli, sets, set_count, (const char *const *)cli_hyp,
						cli_hyp_count, record_sets, record_ptrs, SCN_MAX_SETS);
		src.sets = record_ptrs;
		if (out == NULL || !scn_recorder_write(&recorder, &src, out, &err) ||
		    fclose(out) != 0) {
			if (err.msg[0] == '\0' || out == NULL)
				diag_set(&err, record_path, 0, 0, "cannot write the recording");
			input_error(&err);
			status = EMU_STATUS_USAGE;
		}
		scn_recorder_free(&recorder);
	}
	sim_close(sim);
	free(sim);
	free(sys);
	free(input_text);
	if (cfg.console_out != NULL && fclose(cfg.console_out) != 0) {
		fprintf(stderr, "ffa-sim: %s: cannot write the console file\n", console_path);
		return EMU_STATUS_USAGE;
	}
	return status;
}

static int cmd_dtb(int argc, char **argv)
{
	static const struct option options[] = {
		{"platform", required_argument, NULL, 'p'},
		{"spmc", required_argument, NULL, 's'},
		{"hypervisor", required_argument, NULL, 'y'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *out_path = NULL;
	struct sim_config cfg;
	struct diag err;
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
			cfg.spmc = optarg;
			break;
		case 'y':
			if (strncmp(optarg, "pkvm", 4) != 0 || (optarg[4] != '\0' && optarg[4] != ':'))
				return usage_error("dtb", "--hypervisor: \"%s\": the model is pkvm "
							  "(pkvm[:PROFILE])",
						   optarg);
			cfg.hypervisor = optarg;
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

/*
 * The overrides that make a recording replay under the run's system: its --set, and the
 * options that have a system-file key.
 */
static unsigned run_record_sets(const struct sim_config *cfg, const char *const *sets,
				unsigned set_count, const char *const *hyp, unsigned hyp_count,
				char out[][SCN_SET_TEXT_MAX], const char **ptrs, unsigned max)
{
	unsigned n = 0;

	for (unsigned i = 0; i < set_count && n < max; i++)
		snprintf(out[n++], SCN_SET_TEXT_MAX, "%s", sets[i]);
	if (cfg->spmc != NULL && n + 2 <= max) {
		const char *colon = strchr(cfg->spmc, ':');

		if (strcmp(cfg->spmc, "none") == 0) {
			snprintf(out[n++], SCN_SET_TEXT_MAX, "spmc=none");
		} else {
			snprintf(out[n++], SCN_SET_TEXT_MAX, "spmc.personality=%.*s",
				 colon != NULL ? (int)(colon - cfg->spmc) : (int)strlen(cfg->spmc),
				 cfg->spmc);
			if (colon != NULL)
				snprintf(out[n++], SCN_SET_TEXT_MAX, "spmc.version=%s", colon + 1);
		}
	}
	if (cfg->spmc_id != 0 && n < max)
		snprintf(out[n++], SCN_SET_TEXT_MAX, "spmc.id=0x%x", cfg->spmc_id);
	for (unsigned i = 0; i < cfg->spmc_setting_count && n < max; i++)
		snprintf(out[n++], SCN_SET_TEXT_MAX, "spmc.behaviours.%s", cfg->spmc_settings[i]);
	if (cfg->hypervisor != NULL && n + 2 <= max) {
		const char *colon = strchr(cfg->hypervisor, ':');

		snprintf(out[n++], SCN_SET_TEXT_MAX, "hypervisor.model=pkvm");
		if (colon != NULL)
			snprintf(out[n++], SCN_SET_TEXT_MAX, "hypervisor.profile=%s", colon + 1);
	}
	for (unsigned i = 0; i < hyp_count && n < max; i++)
		snprintf(out[n++], SCN_SET_TEXT_MAX, "hypervisor.settings.%s", hyp[i]);
	if (cfg->platform_path != NULL && n < max)
		snprintf(out[n++], SCN_SET_TEXT_MAX, "platform=%s", cfg->platform_path);
	for (unsigned i = 0; i < n; i++)
		ptrs[i] = out[i];
	return n;
}

int main(int argc, char **argv)
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
