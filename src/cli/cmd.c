#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "parse.h"
#include "util.h"

/* ---- reporting -------------------------------------------------------- */

static void __attribute__((format(printf, 1, 0))) vmessage(const char *fmt, va_list ap)
{
	fputs("prepdeck: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int
cli_usage(const struct cmd *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
	if (c != NULL)
		fprintf(stderr, "(see prepdeck help %s)\n", c->top->name);
	else
		fprintf(stderr, "(see prepdeck --help)\n");
	return EXIT_USAGE;
}

int
cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
	return EXIT_USER;
}

int
cli_cause(char *cause)
{
	int rc = cli_error("%s", cause ? cause : "failed");
	free(cause);
	return rc;
}

/* A parser's message as a usage error; returns -1 (0 when rc is 0). */
static int
parse_usage(const struct cmd *c, int rc, char *cause)
{
	if (rc == 0)
		return 0;
	cli_usage(c, "%s", cause ? cause : "bad value");
	free(cause);
	return -1;
}

int
cli_int(const struct cmd *c, const char *what, const char *s, int64_t min, int64_t max,
        int64_t *out)
{
	char *cause = NULL;
	int rc = parse_int(what, s, min, max, out, &cause);
	return parse_usage(c, rc, cause);
}

int
cli_day(const struct cmd *c, const char *what, const char *s, int64_t *day)
{
	char *cause = NULL;
	int rc = parse_day(what, s, day, &cause);
	return parse_usage(c, rc, cause);
}

/* Opens the store of this run unless it is open; exits when it cannot. */
static struct db *
open_store(struct cli *cli)
{
	if (cli->store != NULL)
		return store_db(cli->store);
	struct store_request req = {
		.path = cli->dbflag,
		.access = STORE_WRITE,
		.lock = cli->lock,
	};
	char *cause = NULL;
	cli->store = store_open(&req, &cause);
	if (cli->store == NULL)
		die(EXIT_USER, "%s", cause);
	return store_db(cli->store);
}

struct db *
cli_db(struct cmd *c)
{
	return open_store(c->cli);
}

void
cli_screen_store(struct cli *cli)
{
	cli->lock = 1;
	open_store(cli);
}

struct db *
cli_lookup_db(struct cmd *c, char **cause)
{
	struct store_request req = { .path = c->cli->dbflag, .access = STORE_READ };
	c->cli->store = store_open(&req, cause);
	return c->cli->store ? store_db(c->cli->store) : NULL;
}

struct db *
cli_screen_db(struct cmd *c)
{
	c->cli->lock = 1;
	return cli_db(c);
}

void
cli_start(struct cmd *c, enum start_screen s)
{
	c->cli->lock = 1;
	c->cli->start.screen = s;
}

/* ---- option values ---------------------------------------------------- */

static size_t
opt_index(const struct cmd *c, const char *name)
{
	const struct cmd_opt *o = c->entry->opts;
	for (size_t i = 0; o && o[i].name; i++)
		if (strcmp(o[i].name, name) == 0)
			return i;
	/* A handler asking for an option its template lacks. */
	die(70, "internal error: '%s' has no option %s", c->name, name);
	return 0;
}

int
arg_flag(const struct cmd *c, const char *name)
{
	return c->vals[opt_index(c, name)].set;
}

const char *
arg_str(const struct cmd *c, const char *name)
{
	const struct cmd_val *v = &c->vals[opt_index(c, name)];
	return v->set ? v->s : NULL;
}

int64_t
arg_int(const struct cmd *c, const char *name, int64_t dflt)
{
	const struct cmd_val *v = &c->vals[opt_index(c, name)];
	return v->set ? v->i : dflt;
}

double
arg_real(const struct cmd *c, const char *name, double dflt)
{
	const struct cmd_val *v = &c->vals[opt_index(c, name)];
	return v->set ? v->r : dflt;
}

const char **
arg_list(const struct cmd *c, const char *name, size_t *n)
{
	const struct cmd_val *v = &c->vals[opt_index(c, name)];
	*n = v->n;
	return v->list;
}

/* ---- the parser ------------------------------------------------------- */

/* An option is "-x" or "--name"; "-", "-5" and "-.5" are operands (a
 * number of days may be negative). */
static int
looks_like_option(const char *a)
{
	return a[0] == '-' && a[1] != '\0' && !(a[1] >= '0' && a[1] <= '9') && a[1] != '.';
}

static const struct cmd_entry *
find_sub(const struct cmd_entry *const *subs, const char *name)
{
	for (; *subs; subs++)
		if (strcmp((*subs)->name, name) == 0 ||
		    ((*subs)->alias && strcmp((*subs)->alias, name) == 0))
			return *subs;
	return NULL;
}

/* "a, b or c" from a list of names (sub-entries or words). */
static void
list_names(struct sbuf *b, const char *const *names, size_t n, const char *last)
{
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			sbuf_add(b, i + 1 == n ? last : ", ");
		sbuf_add(b, names[i]);
	}
}

static char *
sub_names(const struct cmd_entry *const *subs)
{
	const char *names[64];
	size_t n = 0;
	for (; *subs && n < 64; subs++)
		if (!((*subs)->flags & CMD_HIDDEN))
			names[n++] = (*subs)->name;
	struct sbuf b;
	sbuf_init(&b);
	sbuf_add(&b, "");
	list_names(&b, names, n, ", ");
	return sbuf_take(&b);
}

/* Whether v is one of the space-separated words; else a message. */
static int
check_words(const struct cmd *c, const struct cmd_opt *o, const char *v)
{
	const char *names[32];
	char *copy = xstrdup(o->words), *save = NULL;
	size_t n = 0;
	int found = 0;
	for (char *w = strtok_r(copy, " ", &save); w && n < 32; w = strtok_r(NULL, " ", &save)) {
		names[n++] = w;
		found |= strcmp(w, v) == 0;
	}
	if (!found) {
		struct sbuf b;
		sbuf_init(&b);
		sbuf_add(&b, "");
		list_names(&b, names, n, " or ");
		cli_usage(c, "%s must be %s, not '%s'", o->name, b.s, v);
		sbuf_free(&b);
	}
	free(copy);
	return found ? 0 : -1;
}

/* Reads the value of option o; 0, or -1 after a usage message. */
static int
take_value(struct cmd *c, const struct cmd_opt *o, struct cmd_val *v, const char *s)
{
	char *cause = NULL;
	int rc = 0;
	switch (o->type) {
	case OPT_INT:
		rc = parse_int(o->name, s, (int64_t)o->min, (int64_t)o->max, &v->i, &cause);
		break;
	case OPT_REAL:
		rc = parse_real(o->name, s, o->min, o->max, &v->r, &cause);
		break;
	case OPT_DATE:
		rc = parse_day(o->name, s, &v->i, &cause);
		break;
	default:
		if (o->words && check_words(c, o, s) != 0)
			return -1;
		break;
	}
	if (parse_usage(c, rc, cause) != 0)
		return -1;
	v->set = 1;
	v->s = s;
	if (o->many) {
		v->list = xrealloc(v->list, (v->n + 1) * sizeof *v->list);
		v->list[v->n++] = s;
	}
	return 0;
}

static const struct cmd_opt *
find_opt(const struct cmd_opt *opts, const char *name, size_t len)
{
	for (const struct cmd_opt *o = opts; o && o->name; o++) {
		if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
			return o;
		if (o->alias && strlen(o->alias) == len && strncmp(o->alias, name, len) == 0)
			return o;
	}
	return NULL;
}

/* Splits argv into option values and operands; 0, CMD_HELP, or
 * EXIT_USAGE after a message. */
static int
parse_args(struct cmd *c, int argc, char **argv)
{
	const struct cmd_entry *e = c->entry;
	int ended = 0;
	/* "CMD --help" asks for help even where options are operands. */
	if (argc > 0 && (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0))
		return CMD_HELP;
	for (int i = 0; i < argc; i++) {
		char *a = argv[i];
		if (!ended && strcmp(a, "--") == 0) {
			ended = 1;
			continue;
		}
		if (ended || (e->flags & CMD_OPERANDS) || !looks_like_option(a)) {
			c->argv[c->argc++] = a;
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			return CMD_HELP;
		const char *eq = a[1] == '-' ? strchr(a, '=') : NULL;
		size_t len = eq ? (size_t)(eq - a) : strlen(a);
		const struct cmd_opt *o = find_opt(e->opts, a, len);
		if (o == NULL)
			return cli_usage(c, "%s: unknown option '%.*s'", c->name, (int)len, a);
		struct cmd_val *v = &c->vals[o - e->opts];
		if (o->type == OPT_FLAG) {
			if (eq)
				return cli_usage(c, "%s: %s takes no value", c->name, o->name);
			v->set = 1;
			continue;
		}
		const char *val = eq ? eq + 1 : i + 1 < argc ? argv[++i] : NULL;
		if (val == NULL)
			return cli_usage(c, "%s: %s needs %s", c->name, o->name,
			                 o->need ? o->need : o->arg);
		if (take_value(c, o, v, val) != 0)
			return EXIT_USAGE;
	}
	if (c->argc < e->min)
		return cli_usage(c, "%s needs %s", c->name, e->needs ? e->needs : e->args);
	if (e->max >= 0 && c->argc > e->max)
		return cli_usage(c, "%s: unexpected argument '%s'", c->name, c->argv[e->max]);
	return 0;
}

int
cmd_run(struct cli *cli, const struct cmd_entry *top, int argc, char **argv)
{
	struct cmd c = { .top = top, .cli = cli };
	const struct cmd_entry *e = top;
	snprintf(c.name, sizeof c.name, "%s", top->name);
	while (e->subs != NULL) {
		const struct cmd_entry *s = argc > 0 ? find_sub(e->subs, argv[0]) : NULL;
		if (s != NULL) {
			argc--;
			argv++;
		} else if (argc == 0 && e->dflt != NULL) {
			s = find_sub(e->subs, e->dflt);
		} else if (e->exec != NULL) {
			break; /* the command itself takes these arguments */
		} else if (argc > 0 &&
		           (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0)) {
			return CMD_HELP;
		} else {
			c.entry = e;
			char *names = sub_names(e->subs);
			int rc;
			if (e->needs != NULL)
				rc = argc == 0 ? cli_usage(&c, "%s needs %s", c.name, e->needs)
				               : cli_usage(&c, "%s needs %s, not '%s'", c.name,
				                           e->needs, argv[0]);
			else
				rc = argc == 0 ? cli_usage(&c, "%s needs a subcommand: %s", c.name,
				                           names)
				               : cli_usage(&c, "%s: unknown subcommand '%s' (%s)",
				                           c.name, argv[0], names);
			free(names);
			return rc;
		}
		size_t len = strlen(c.name);
		snprintf(c.name + len, sizeof c.name - len, " %s", s->name);
		e = s;
	}
	c.entry = e;
	size_t nopts = 0;
	while (e->opts && e->opts[nopts].name)
		nopts++;
	c.vals = xcalloc(nopts + 1, sizeof *c.vals);
	c.argv = xcalloc((size_t)argc + 1, sizeof *c.argv);
	int rc = parse_args(&c, argc, argv);
	if (rc == 0)
		rc = e->exec(&c);
	for (size_t i = 0; i < nopts; i++)
		free(c.vals[i].list);
	free(c.vals);
	free(c.argv);
	return rc;
}

char *
cli_value(const char *v, size_t max, int *used_stdin, char **cause)
{
	if (strcmp(v, "-") != 0)
		return xstrdup(v);
	if (*used_stdin) {
		fail(cause, "only one value can come from standard input");
		return NULL;
	}
	*used_stdin = 1;
	struct sbuf b;
	sbuf_init(&b);
	sbuf_add(&b, "");
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) {
		if (memchr(buf, '\0', n) != NULL) {
			sbuf_free(&b);
			fail(cause, "standard input holds a NUL byte: it is not text");
			return NULL;
		}
		sbuf_addn(&b, buf, n);
		if (b.len > max) {
			sbuf_free(&b);
			fail(cause, "standard input is too long (a field holds at most %zu bytes)",
			     max);
			return NULL;
		}
	}
	if (b.len > 0 && b.s[b.len - 1] == '\n')
		b.s[--b.len] = '\0';
	if (b.len > 0 && b.s[b.len - 1] == '\r')
		b.s[--b.len] = '\0';
	return sbuf_take(&b);
}
