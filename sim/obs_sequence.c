/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Sequence diagrams of the recorded calls (`--sequence FILE.mmd|FILE.svg`): a lifeline per
 * endpoint (the proxy and the SPMC included), an arrow per call and a dashed one per answer,
 * answers after the calls nested in them. Mermaid's sequenceDiagram text, or an SVG drawn here.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "abi/ffa.h"
#include "abi/ids.h"
#include "sim/obs.h"
#include "sim/sim.h"

#define SEQ_MAX_ACTORS (SIM_OBS_MAX_EPS + 2)
#define SEQ_LABEL_MAX 96
#define SEQ_DETAIL_MAX 40 /* characters of the decoded arguments on an arrow */

struct seq_arrow {
	unsigned from, to; /* actor indices */
	bool answer;
	char label[SEQ_LABEL_MAX];
};

struct seq {
	uint32_t actors[SEQ_MAX_ACTORS];
	unsigned actor_count;
	struct seq_arrow *arrows;
	unsigned count, cap;
	bool full;
};

static unsigned seq_actor(struct seq *s, uint32_t actor)
{
	for (unsigned i = 0; i < s->actor_count; i++) {
		if (s->actors[i] == actor)
			return i;
	}
	if (s->actor_count == SEQ_MAX_ACTORS)
		return SEQ_MAX_ACTORS - 1;
	s->actors[s->actor_count] = actor;
	return s->actor_count++;
}

static void seq_add(struct seq *s, uint32_t from, uint32_t to, bool answer, const char *label)
{
	struct seq_arrow *a;

	if (s->count == s->cap) {
		unsigned cap = s->cap != 0 ? s->cap * 2 : 64;
		struct seq_arrow *more = s->full ? NULL : realloc(s->arrows, cap * sizeof(*more));

		if (more == NULL) {
			s->full = true;
			return;
		}
		s->arrows = more;
		s->cap = cap;
	}
	a = &s->arrows[s->count++];
	a->from = seq_actor(s, from);
	a->to = seq_actor(s, to);
	a->answer = answer;
	snprintf(a->label, sizeof(a->label), "%s", label);
}

/* A response (DIRECT_RESP): the call that answers the open request it is nested in. */
static bool seq_is_response(const struct sim_obs_call *c)
{
	return !sim_obs_is_request(c) && c->callee != c->caller;
}

/* The arrows of call c going out: through the proxy when it was in the path. A response is
 * drawn as the answer of the request it ends (to the proxy when the request came through it). */
static void seq_call(struct seq *s, const struct sim_obs_call *c, const struct sim_obs_call *req)
{
	char label[SEQ_LABEL_MAX], fn[48];
	bool response = req != NULL && seq_is_response(c) && c->callee == req->caller;
	size_t n;

	ffa_fid_describe(ffa_fid_strip_hint((uint32_t)c->args.x[0]), fn, sizeof(fn));
	n = strlen(c->detail);
	if (n == 0)
		snprintf(label, sizeof(label), "%s", fn);
	else
		snprintf(label, sizeof(label), "%s(%.*s%s)", fn, SEQ_DETAIL_MAX, c->detail,
			 n > SEQ_DETAIL_MAX ? "..." : "");
	if (response && req->via_proxy) {
		seq_add(s, c->caller, SIM_OBS_PROXY, true, label);
		seq_add(s, SIM_OBS_PROXY, c->callee, true, label);
	} else if (c->via_proxy && c->callee != SIM_OBS_PROXY) {
		seq_add(s, c->caller, SIM_OBS_PROXY, false, label);
		seq_add(s, SIM_OBS_PROXY, c->callee, false, label);
	} else {
		seq_add(s, c->caller, c->callee, response, label);
	}
}

/* The answer of call c coming back, unless a response nested in it was drawn as its answer
 * (answered) or c is a response itself (what it gets back is the partition's next message). */
static void seq_answer(struct seq *s, const struct sim_obs_call *c, bool answered)
{
	char label[SEQ_LABEL_MAX], fn[48];
	const char *err = NULL;

	if (answered || seq_is_response(c))
		return;
	if (!c->answered) {
		snprintf(label, sizeof(label), "(no answer)");
	} else {
		ffa_fid_describe((uint32_t)c->answer.x[0], fn, sizeof(fn));
		if ((uint32_t)c->answer.x[0] == FFA_ERROR_32)
			err = ffa_error_name((int32_t)(uint32_t)c->answer.x[2]);
		snprintf(label, sizeof(label), "%s%s%s", fn, err != NULL ? " " : "",
			 err != NULL ? err : "");
	}
	if (c->via_proxy && c->callee != SIM_OBS_PROXY) {
		seq_add(s, c->callee, SIM_OBS_PROXY, true, label);
		seq_add(s, SIM_OBS_PROXY, c->caller, true, label);
	} else {
		seq_add(s, c->callee, c->caller, true, label);
	}
}

/* The arrows in order: each call, the calls nested in it, then its answer. */
static void seq_build(const struct sim_obs *obs, struct seq *s)
{
	unsigned stack[SIM_OBS_MAX_STACK + 1], depth = 0;
	bool answered[SIM_OBS_MAX_STACK + 1];

	memset(s, 0, sizeof(*s));
	seq_actor(s, FFA_ID_NS_PHYS);
	for (unsigned i = 0; i < obs->count; i++) {
		const struct sim_obs_call *c = &obs->calls[i], *req = NULL;

		while (depth > 0 && obs->calls[stack[depth - 1]].depth >= c->depth) {
			depth--;
			seq_answer(s, &obs->calls[stack[depth]], answered[depth]);
		}
		if (depth > 0)
			req = &obs->calls[stack[depth - 1]];
		seq_call(s, c, req);
		if (req != NULL && seq_is_response(c) && c->callee == req->caller)
			answered[depth - 1] = true;
		if (depth <= SIM_OBS_MAX_STACK) {
			answered[depth] = false;
			stack[depth++] = i;
		}
	}
	while (depth > 0) {
		depth--;
		seq_answer(s, &obs->calls[stack[depth]], answered[depth]);
	}
}

/* Mermaid message text: no ';' or '#' (statement and entity syntax), no angle brackets. */
static void seq_mermaid_text(FILE *out, const char *text)
{
	for (; *text != '\0'; text++) {
		char ch = *text;

		fputc(ch == ';'   ? ','
		      : ch == '#' ? ' '
		      : ch == '<' ? '('
		      : ch == '>' ? ')'
				  : ch,
		      out);
	}
}

bool sim_obs_write_mermaid(const struct sim_obs *obs, FILE *out)
{
	struct seq s;
	char id[32], name[96];

	seq_build(obs, &s);
	fputs("sequenceDiagram\n", out);
	for (unsigned i = 0; i < s.actor_count; i++) {
		fprintf(out, "    participant %s as ",
			sim_obs_actor_id(s.actors[i], id, sizeof(id)));
		seq_mermaid_text(out, sim_obs_actor(obs, s.actors[i], name, sizeof(name)));
		fputc('\n', out);
	}
	for (unsigned i = 0; i < s.count; i++) {
		const struct seq_arrow *a = &s.arrows[i];
		char to[32];

		fprintf(out, "    %s%s%s: ", sim_obs_actor_id(s.actors[a->from], id, sizeof(id)),
			a->answer ? "-->>" : "->>",
			sim_obs_actor_id(s.actors[a->to], to, sizeof(to)));
		seq_mermaid_text(out, a->label);
		fputc('\n', out);
	}
	if (s.full)
		fputs("    Note over ep_0000: out of memory: later calls are missing\n", out);
	free(s.arrows);
	return fflush(out) == 0 && !ferror(out);
}

#define SVG_COL 200  /* between lifelines */
#define SVG_LEFT 110 /* the first lifeline */
#define SVG_TOP 60   /* below the heads */
#define SVG_ROW 30   /* between arrows */

void sim_xml_text(FILE *out, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\'':
			fputs("&apos;", out);
			break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\n' || *s == '\t')
				fputc(*s, out);
			break;
		}
	}
}

bool sim_obs_write_svg(const struct sim_obs *obs, FILE *out)
{
	struct seq s;
	char name[96];
	unsigned width, height;

	seq_build(obs, &s);
	width = SVG_LEFT * 2 + (s.actor_count - 1) * SVG_COL;
	height = SVG_TOP + (s.count + 1) * SVG_ROW + 20;
	fprintf(out,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%u\" height=\"%u\" "
		"viewBox=\"0 0 %u %u\" font-family=\"monospace\" font-size=\"11\">\n"
		"<defs><marker id=\"head\" markerWidth=\"10\" markerHeight=\"8\" refX=\"9\" "
		"refY=\"4\" orient=\"auto\"><path d=\"M0,0 L10,4 L0,8 z\"/></marker></defs>\n"
		"<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
		width, height, width, height);
	for (unsigned i = 0; i < s.actor_count; i++) {
		unsigned x = SVG_LEFT + i * SVG_COL;

		fprintf(out,
			"<line x1=\"%u\" y1=\"40\" x2=\"%u\" y2=\"%u\" stroke=\"#888\" "
			"stroke-dasharray=\"4 3\"/>\n"
			"<rect x=\"%u\" y=\"10\" width=\"%u\" height=\"30\" fill=\"#eef\" "
			"stroke=\"#335\"/>\n<text x=\"%u\" y=\"29\" text-anchor=\"middle\">",
			x, x, height - 10, x - SVG_COL / 2 + 10, SVG_COL - 20, x);
		sim_xml_text(out, sim_obs_actor(obs, s.actors[i], name, sizeof(name)));
		fputs("</text>\n", out);
	}
	for (unsigned i = 0; i < s.count; i++) {
		const struct seq_arrow *a = &s.arrows[i];
		unsigned y = SVG_TOP + (i + 1) * SVG_ROW;
		unsigned x1 = SVG_LEFT + a->from * SVG_COL, x2 = SVG_LEFT + a->to * SVG_COL;

		if (a->from == a->to) {
			fprintf(out,
				"<path d=\"M%u,%u h30 v10 h-30\" fill=\"none\" stroke=\"black\" "
				"marker-end=\"url(#head)\"%s/>\n",
				x1, y - 5, a->answer ? " stroke-dasharray=\"5 3\"" : "");
		} else {
			fprintf(out,
				"<line x1=\"%u\" y1=\"%u\" x2=\"%u\" y2=\"%u\" stroke=\"black\" "
				"marker-end=\"url(#head)\"%s/>\n",
				x1, y, x2, y, a->answer ? " stroke-dasharray=\"5 3\"" : "");
		}
		fprintf(out, "<text x=\"%u\" y=\"%u\" text-anchor=\"middle\">",
			(x1 + x2) / 2 + (a->from == a->to ? 40 : 0), y - 4);
		sim_xml_text(out, a->label);
		fputs("</text>\n", out);
	}
	fputs("</svg>\n", out);
	free(s.arrows);
	return fflush(out) == 0 && !ferror(out);
}
