/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The GDB stub's monitor commands (`monitor ...` in gdb, the qRcmd packet): help, ffa-log,
 * break-on, time, threads. Their output goes to gdb's console as O packets.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "abi/table.h"
#include "sim/gdb_internal.h"
#include "sim/obs.h"
#include "sim/sim.h"

static const char monitor_help[] =
	"ffa-sim monitor commands:\n"
	"  help              this list\n"
	"  ffa-log           the FF-A calls so far, one a line, as --trace ffa writes them\n"
	"  break-on FUNC     stop the whole system when any endpoint makes the FF-A call FUNC\n"
	"                    (a name of the function table, FFA_MSG_SEND_DIRECT_REQ2 or\n"
	"                    FFA_MSG_SEND_DIRECT_REQ2_64, or a function ID such as 0xc400008d)\n"
	"  break-on none     stop at no call\n"
	"  time              the virtual time of each CPU and the instructions of each thread\n";

/* The FF-A trace so far, as `--trace ffa` writes it at the end of the run. */
static void monitor_ffa_log(struct sim_gdb *gdb)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out;

	if (gdb->cfg.obs == NULL || !gdb->cfg.obs->record) {
		gdb_console(gdb, "ffa-sim: no FF-A call record in this run\n");
		gdb_send_str(gdb, "E01");
		return;
	}
	out = open_memstream(&text, &size);
	if (out == NULL || !sim_obs_write_text(gdb->cfg.obs, out)) {
		if (out != NULL)
			fclose(out);
		free(text);
		gdb_send_str(gdb, "E01");
		return;
	}
	fclose(out);
	gdb_console(gdb, text);
	free(text);
	gdb_send_str(gdb, "OK");
}

/* The row a name or ID names: FUNC, FUNC_32 or FUNC_64 (any case), or a number. */
static const struct ffa_func *monitor_func(const char *arg)
{
	const struct ffa_func *f = ffa_func_by_name(arg);
	char name[96];
	uint64_t id;

	if (f != NULL)
		return f;
	for (unsigned i = 0; i < 2 && f == NULL; i++) {
		snprintf(name, sizeof(name), "%s%s", arg, i == 0 ? "_64" : "_32");
		f = ffa_func_by_name(name);
	}
	if (f == NULL && sim_parse_u64(arg, &id) && id <= UINT32_MAX)
		f = ffa_func_find_any_form((uint32_t)id);
	return f;
}

static void monitor_break_on(struct sim_gdb *gdb, const char *arg)
{
	const struct ffa_func *f;
	char text[160];

	while (*arg == ' ')
		arg++;
	if (*arg == '\0') {
		gdb_console(gdb, "ffa-sim: break-on needs a function name, an ID or none\n");
		gdb_send_str(gdb, "E01");
		return;
	}
	if (strcasecmp(arg, "none") == 0) {
		gdb->break_on = 0;
		gdb_console(gdb, "ffa-sim: break-on cleared\n");
		gdb_send_str(gdb, "OK");
		return;
	}
	f = monitor_func(arg);
	if (f == NULL) {
		snprintf(text, sizeof(text), "ffa-sim: break-on: unknown FF-A function \"%s\"\n",
			 arg);
		gdb_console(gdb, text);
		gdb_send_str(gdb, "E01");
		return;
	}
	gdb->break_on = f->fid;
	snprintf(text, sizeof(text), "ffa-sim: break-on %s (0x%08x)\n", f->name, f->fid);
	gdb_console(gdb, text);
	gdb_send_str(gdb, "OK");
}

static void monitor_time(struct sim_gdb *gdb)
{
	char line[160];

	for (unsigned k = 0; k < gdb->thread_count; k++) {
		const struct gdb_thread *t = &gdb->threads[k];

		snprintf(line, sizeof(line), "%s: PE %u clock %llu ns, %llu instructions\n",
			 t->name, emu_cpu_pe(t->cpu)->index,
			 (unsigned long long)emu_cpu_now(t->cpu),
			 (unsigned long long)emu_cpu_insns(t->cpu));
		gdb_console(gdb, line);
	}
	gdb_send_str(gdb, "OK");
}

void gdb_monitor(struct sim_gdb *gdb, const char *cmd)
{
	char text[160];

	while (*cmd == ' ')
		cmd++;
	if (strcmp(cmd, "help") == 0 || *cmd == '\0') {
		gdb_console(gdb, monitor_help);
		gdb_send_str(gdb, "OK");
	} else if (strcmp(cmd, "ffa-log") == 0) {
		monitor_ffa_log(gdb);
	} else if (strncmp(cmd, "break-on", 8) == 0 && (cmd[8] == ' ' || cmd[8] == '\0')) {
		monitor_break_on(gdb, cmd + 8);
	} else if (strcmp(cmd, "time") == 0) {
		monitor_time(gdb);
	} else {
		snprintf(text, sizeof(text),
			 "ffa-sim: unknown monitor command \"%.60s\" (monitor help lists them)\n",
			 cmd);
		gdb_console(gdb, text);
		/* The message is the error; OK keeps a gdb script going, as gdbserver does. */
		gdb_send_str(gdb, "OK");
	}
}
