/* Shell completions from the command table: `prepdeck help --bash` and
 * `--zsh` write the scripts at build time (subcommands, options, the
 * words an option takes), and the hidden `prepdeck complete KIND PREFIX`
 * lists the deck, story, map and card ids they complete from the
 * database. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_complete.h"
#include "ids.h"
#include "util.h"

static const char *const kind_names[ARG__COUNT] = {
	[ARG_NONE] = "none",   [ARG_FILE] = "file", [ARG_DECK] = "deck",
	[ARG_STORY] = "story", [ARG_MAP] = "map",   [ARG_CARD] = "card",
};

/* ---- prepdeck complete KIND [PREFIX] ---------------------------------- */

static int
cmd_complete(struct cmd *c)
{
	static const struct {
		const char *name;
		enum ids_kind kind;
	} kinds[] = {
		{ "deck", IDS_DECK },
		{ "story", IDS_STORY },
		{ "map", IDS_MAP },
		{ "card", IDS_CARD },
	};
	size_t k = 0;
	while (k < sizeof kinds / sizeof kinds[0] && strcmp(kinds[k].name, c->argv[0]) != 0)
		k++;
	if (k == sizeof kinds / sizeof kinds[0])
		return cli_usage(c, "complete: KIND is deck, story, map or card, not '%s'",
		                 c->argv[0]);
	/* Never makes a database: a Tab before the first start lists nothing. */
	char *cause = NULL;
	struct db *db = cli_lookup_db(c, &cause);
	free(cause);
	if (db == NULL)
		return EXIT_OK;
	size_t n;
	char **ids = ids_list(db, kinds[k].kind, c->argc > 1 ? c->argv[1] : "", 5000, &n);
	for (size_t i = 0; i < n; i++)
		printf("%s\n", ids[i]);
	ids_free(ids, n);
	return EXIT_OK;
}

/* clang-format off */
const struct cmd_entry cmd_complete_entry = {
	.name = "complete", .args = "deck|story|map|card [PREFIX]",
	.summary = "list ids for the shell completions",
	.help = "Prints the ids of one kind that start with PREFIX, one a line, from an "
	"existing database (read-only; nothing is created).",
	.min = 1, .max = 2, .exec = cmd_complete, .flags = CMD_HIDDEN | CMD_OPERANDS,
};
/* clang-format on */

/* ---- the scripts ------------------------------------------------------ */

/* What one command path (e.g. "gapmap show") completes: space-separated
 * words, named as the scripts' variables. */
enum { SUBS, OPTS, VALOPTS, KINDS, NSPEC };
static const char *const spec_names[NSPEC] = { "subs", "opts", "valopts", "kinds" };

struct spec {
	struct sbuf w[NSPEC]; /* subcommand names, option names, the
	                              options that take a value, what each
	                              operand is ("*" when the last repeats) */
};

static void
spec_init(struct spec *s)
{
	for (int i = 0; i < NSPEC; i++) {
		sbuf_init(&s->w[i]);
		sbuf_add(&s->w[i], "");
	}
}

static void
spec_free(struct spec *s)
{
	for (int i = 0; i < NSPEC; i++)
		sbuf_free(&s->w[i]);
}

static void
word(struct sbuf *b, const char *w)
{
	if (b->len)
		sbuf_add(b, " ");
	sbuf_add(b, w);
}

static void
spec_of(const struct cmd_entry *e, struct spec *s)
{
	spec_init(s);
	for (const struct cmd_entry *const *sub = e->subs; sub && *sub; sub++) {
		if ((*sub)->flags & CMD_HIDDEN)
			continue;
		word(&s->w[SUBS], (*sub)->name);
		if ((*sub)->alias && (*sub)->alias[0] != '-')
			word(&s->w[SUBS], (*sub)->alias);
	}
	if (e->subs && !e->exec)
		return; /* only its subcommands take options and operands */
	for (const struct cmd_opt *o = e->opts; o && o->name; o++) {
		word(&s->w[OPTS], o->name);
		if (o->alias)
			word(&s->w[OPTS], o->alias);
		if (o->type != OPT_FLAG) {
			word(&s->w[VALOPTS], o->name);
			if (o->alias)
				word(&s->w[VALOPTS], o->alias);
		}
	}
	word(&s->w[OPTS], "--help");
	int n = 3;
	while (n > 0 && e->operand[n - 1] == ARG_NONE)
		n--;
	for (int i = 0; i < n; i++)
		word(&s->w[KINDS], kind_names[e->operand[i]]);
	if (n > 0 && e->max < 0)
		sbuf_add(&s->w[KINDS], "*");
}

/* What the value of option o completes: a kind, or "=WORDS". */
static const char *
value_of(const struct cmd_opt *o, char *buf, size_t n)
{
	if (o->words) {
		snprintf(buf, n, "=%s", o->words);
		return buf;
	}
	return o->kind != ARG_NONE ? kind_names[o->kind] : NULL;
}

enum shell { BASH, ZSH };

typedef void (*emit_fn)(FILE *fp, enum shell sh, const char *path, const struct cmd_entry *e);

/* Calls emit for e and each of its subcommands, depth first. */
static void
walk(FILE *fp, enum shell sh, const char *path, const struct cmd_entry *e, emit_fn emit)
{
	emit(fp, sh, path, e);
	for (const struct cmd_entry *const *sub = e->subs; sub && *sub; sub++) {
		if ((*sub)->flags & CMD_HIDDEN)
			continue;
		char *p = xprintf("%s %s", path, (*sub)->name);
		walk(fp, sh, p, *sub, emit);
		if ((*sub)->alias && (*sub)->alias[0] != '-') {
			char *a = xprintf("%s %s", path, (*sub)->alias);
			walk(fp, sh, a, *sub, emit);
			free(a);
		}
		free(p);
	}
}

static void
walk_table(FILE *fp, enum shell sh, const struct cmd_entry *const *table, emit_fn emit)
{
	for (const struct cmd_entry *const *e = table; *e; e++)
		if (!((*e)->flags & CMD_HIDDEN))
			walk(fp, sh, (*e)->name, *e, emit);
}

/* The top level: command names and the global options. */
static void
top_spec(const struct cmd_entry *const *table, struct spec *s)
{
	spec_init(s);
	for (const struct cmd_entry *const *e = table; *e; e++)
		if (!((*e)->flags & CMD_HIDDEN))
			word(&s->w[SUBS], (*e)->name);
	sbuf_add(&s->w[OPTS], "--db --help --version");
	sbuf_add(&s->w[VALOPTS], "--db");
}

/* name='w1 w2' for bash, name=('w1' 'w2') for zsh (quoted: "file*" must
 * not glob). */
static void
shell_words(FILE *fp, enum shell sh, const char *name, const char *words)
{
	if (sh == BASH) {
		fprintf(fp, " %s='%s'", name, words);
		return;
	}
	fprintf(fp, " %s=(", name);
	for (const char *p = words; *p;) {
		size_t n = strcspn(p, " ");
		fprintf(fp, "%s'%.*s'", p == words ? "" : " ", (int)n, p);
		p += n;
		while (*p == ' ')
			p++;
	}
	fputc(')', fp);
}

/* One line of _prepdeck_spec: what the command path completes. */
static void
spec_line(FILE *fp, enum shell sh, const char *path, const struct spec *s)
{
	fprintf(fp, "\t'%s')", path);
	for (int i = 0; i < NSPEC; i++)
		shell_words(fp, sh, spec_names[i], s->w[i].s);
	fprintf(fp, " ;;\n");
}

static void
emit_spec(FILE *fp, enum shell sh, const char *path, const struct cmd_entry *e)
{
	struct spec s;
	spec_of(e, &s);
	spec_line(fp, sh, path, &s);
	spec_free(&s);
}

/* The cases of _prepdeck_value for e's options. */
static void
emit_values(FILE *fp, enum shell sh, const char *path, const struct cmd_entry *e)
{
	char buf[256];
	for (const struct cmd_opt *o = e->opts; o && o->name; o++) {
		const char *v = o->type != OPT_FLAG ? value_of(o, buf, sizeof buf) : NULL;
		if (v)
			fprintf(fp, "\t'%s %s') echo '%s' ;;\n", path, o->name, v);
	}
}

/* The cases of _prepdeck_spec and _prepdeck_value, the same in both
 * shells. */
static void
spec_cases(FILE *fp, enum shell sh, const struct cmd_entry *const *table)
{
	struct spec top;
	top_spec(table, &top);
	fprintf(fp, "_prepdeck_spec() {\n\tcase $1 in\n");
	spec_line(fp, sh, "", &top);
	spec_free(&top);
	walk_table(fp, sh, table, emit_spec);
	fprintf(fp, "\t*)");
	for (int i = 0; i < NSPEC; i++)
		shell_words(fp, sh, spec_names[i], i == OPTS ? "--help" : "");
	fprintf(fp, " ;;\n\tesac\n}\n\n"
	            "# What the value of an option completes: a kind or =WORDS.\n"
	            "_prepdeck_value() {\n\tcase $1 in\n\t' --db') echo file ;;\n");
	walk_table(fp, sh, table, emit_values);
	fprintf(fp, "\tesac\n}\n\n");
}

/* ---- bash ---- */

static const char bash_body[] =
        "# What the word at the cursor is: walks the words before it through\n"
        "# the command paths above, skipping options and their values.\n"
        "_prepdeck() {\n"
        "\tlocal cur=${COMP_WORDS[COMP_CWORD]} cpath='' w i n=0 ended=0 valopt=''\n"
        "\tlocal subs opts valopts kinds\n"
        "\tCOMPREPLY=()\n"
        "\t_prepdeck_spec ''\n"
        "\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
        "\t\tw=${COMP_WORDS[i]}\n"
        "\t\tvalopt=''\n"
        "\t\tif ((!ended)) && [[ $w == -- ]]; then ended=1; continue; fi\n"
        "\t\tif ((!ended)) && [[ $w == -?* && $w != -[0-9.]* ]]; then\n"
        "\t\t\tif [[ \" $valopts \" == *\" $w \"* ]]; then\n"
        "\t\t\t\t# --name=value arrives as three words: --name, = and value.\n"
        "\t\t\t\tif [[ ${COMP_WORDS[i+1]-} == = ]]; then\n"
        "\t\t\t\t\t((i + 1 == COMP_CWORD)) && return\n"
        "\t\t\t\t\t((i++))\n"
        "\t\t\t\tfi\n"
        "\t\t\t\tif ((i + 1 == COMP_CWORD)); then valopt=$w; break; fi\n"
        "\t\t\t\t((i++))\n"
        "\t\t\tfi\n"
        "\t\t\tcontinue\n"
        "\t\tfi\n"
        "\t\tif ((n == 0)) && [[ -n $subs && \" $subs \" == *\" $w \"* ]]; then\n"
        "\t\t\tcpath=${cpath:+$cpath }$w\n"
        "\t\t\t_prepdeck_spec \"$cpath\"\n"
        "\t\t\tcontinue\n"
        "\t\tfi\n"
        "\t\t((n++))\n"
        "\tdone\n"
        "\tif [[ -n $valopt ]]; then\n"
        "\t\t_prepdeck_complete \"$(_prepdeck_value \"$cpath $valopt\")\" \"$cur\"\n"
        "\t\treturn\n"
        "\tfi\n"
        "\tif ((!ended)) && [[ $cur == -* ]]; then\n"
        "\t\tCOMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
        "\t\treturn\n"
        "\tfi\n"
        "\tlocal k=($kinds) kind=''\n"
        "\tif ((n < ${#k[@]})); then kind=${k[n]}\n"
        "\telif ((${#k[@]})) && [[ ${k[-1]} == *\\* ]]; then kind=${k[-1]}; fi\n"
        "\tkind=${kind%\\*}\n"
        "\tif ((n == 0)) && [[ -n $subs ]]; then\n"
        "\t\tCOMPREPLY=($(compgen -W \"$subs\" -- \"$cur\"))\n"
        "\tfi\n"
        "\t_prepdeck_complete \"$kind\" \"$cur\"\n"
        "}\n"
        "\n"
        "# Adds what KIND names and starts with PREFIX to COMPREPLY.\n"
        "_prepdeck_complete() {\n"
        "\tlocal kind=$1 cur=$2 w i db=()\n"
        "\tcase $kind in\n"
        "\t'='*) COMPREPLY+=($(compgen -W \"${kind#=}\" -- \"$cur\")) ;;\n"
        "\tfile)\n"
        "\t\tcompopt -o filenames 2>/dev/null\n"
        "\t\tCOMPREPLY+=($(compgen -f -- \"$cur\")) ;;\n"
        "\tdeck|story|map|card)\n"
        "\t\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
        "\t\t\tw=${COMP_WORDS[i]}\n"
        "\t\t\tif [[ $w == --db ]]; then\n"
        "\t\t\t\tif [[ ${COMP_WORDS[i+1]-} == = ]]; then ((i++)); fi\n"
        "\t\t\t\tdb=(--db \"${COMP_WORDS[i+1]-}\")\n"
        "\t\t\tfi\n"
        "\t\tdone\n"
        "\t\tlocal IFS=$'\\n'\n"
        "\t\tCOMPREPLY+=($(\"${COMP_WORDS[0]}\" \"${db[@]}\" complete \"$kind\" \"$cur\" "
        "2>/dev/null)) ;;\n"
        "\tesac\n"
        "}\n"
        "\n"
        "complete -F _prepdeck prepdeck\n";

void
complete_bash(FILE *fp, const struct cmd_entry *const *table)
{
	fprintf(fp, "# bash completion for prepdeck, written by `prepdeck help --bash` from "
	            "the\n# command table; ids come from `prepdeck complete`.\n\n"
	            "# Sets subs, opts, valopts and kinds for a command path.\n");
	spec_cases(fp, BASH, table);
	fputs(bash_body, fp);
}

/* ---- zsh ---- */

/* "name:summary" pairs of the subcommands, for _describe. */
static void
zsh_desc(FILE *fp, enum shell sh, const char *path, const struct cmd_entry *e)
{
	if (e->subs == NULL)
		return;
	fprintf(fp, "\t'%s') descs=(", path);
	for (const struct cmd_entry *const *sub = e->subs; *sub; sub++) {
		if ((*sub)->flags & CMD_HIDDEN)
			continue;
		fprintf(fp, " '%s:", (*sub)->name);
		for (const char *p = (*sub)->summary ? (*sub)->summary : ""; *p; p++) {
			if (*p == '\'')
				fputs("'\\''", fp);
			else if (*p == ':')
				fputs("\\:", fp);
			else
				fputc(*p, fp);
		}
		fputc('\'', fp);
	}
	fprintf(fp, " ) ;;\n");
}

static void
zsh_top_desc(FILE *fp, const struct cmd_entry *const *table)
{
	struct cmd_entry top = { .name = "", .subs = table };
	zsh_desc(fp, ZSH, "", &top);
}

static const char zsh_body[] =
        "_prepdeck_complete() {\n"
        "\tlocal kind=$1 i db\n"
        "\tcase $kind in\n"
        "\t'='*) compadd -- ${=kind#=} ;;\n"
        "\tfile) _files ;;\n"
        "\tdeck|story|map|card)\n"
        "\t\tdb=()\n"
        "\t\tfor ((i = 2; i < CURRENT; i++)); do\n"
        "\t\t\t[[ $words[i] == --db ]] && db=(--db ${(Q)words[i+1]})\n"
        "\t\t\t[[ $words[i] == --db=* ]] && db=($words[i])\n"
        "\t\tdone\n"
        "\t\tcompadd -- ${(f)\"$(${words[1]} $db complete $kind \"$PREFIX\" 2>/dev/null)\"} ;;\n"
        "\tesac\n"
        "}\n"
        "\n"
        "_prepdeck() {\n"
        "\tlocal cpath='' w i n=0 ended=0 valopt='' kind=''\n"
        "\tlocal -a subs opts valopts kinds descs\n"
        "\t_prepdeck_spec ''\n"
        "\tfor ((i = 2; i < CURRENT; i++)); do\n"
        "\t\tw=$words[i]\n"
        "\t\tvalopt=''\n"
        "\t\tif ((!ended)) && [[ $w == -- ]]; then ended=1; continue; fi\n"
        "\t\tif ((!ended)) && [[ $w == -?* && $w != -[0-9.]* ]]; then\n"
        "\t\t\tif [[ $w != *=* ]] && ((${valopts[(Ie)$w]})); then\n"
        "\t\t\t\tif ((i + 1 == CURRENT)); then valopt=$w; break; fi\n"
        "\t\t\t\t((i++))\n"
        "\t\t\tfi\n"
        "\t\t\tcontinue\n"
        "\t\tfi\n"
        "\t\tif ((n == 0)) && ((${subs[(Ie)$w]})); then\n"
        "\t\t\tcpath=${cpath:+$cpath }$w\n"
        "\t\t\t_prepdeck_spec \"$cpath\"\n"
        "\t\t\tcontinue\n"
        "\t\tfi\n"
        "\t\t((n++))\n"
        "\tdone\n"
        "\tif [[ -n $valopt ]]; then\n"
        "\t\t_prepdeck_complete \"$(_prepdeck_value \"$cpath $valopt\")\"\n"
        "\t\treturn\n"
        "\tfi\n"
        "\tif ((!ended)) && [[ $PREFIX == -* ]]; then\n"
        "\t\tcompadd -- $opts\n"
        "\t\treturn\n"
        "\tfi\n"
        "\tif ((n < $#kinds)); then kind=$kinds[n+1]\n"
        "\telif (($#kinds)) && [[ $kinds[-1] == *\\* ]]; then kind=$kinds[-1]; fi\n"
        "\tkind=${kind%\\*}\n"
        "\tif ((n == 0)) && (($#subs)); then\n"
        "\t\t_prepdeck_desc \"$cpath\"\n"
        "\t\t_describe -t commands 'prepdeck command' descs\n"
        "\tfi\n"
        "\t[[ -n $kind ]] && _prepdeck_complete $kind\n"
        "}\n"
        "\n"
        "_prepdeck \"$@\"\n";

void
complete_zsh(FILE *fp, const struct cmd_entry *const *table)
{
	fprintf(fp, "#compdef prepdeck\n# zsh completion for prepdeck, written by `prepdeck "
	            "help --zsh` from the\n# command table; ids come from `prepdeck complete`."
	            "\n\n");
	spec_cases(fp, ZSH, table);
	fprintf(fp, "_prepdeck_desc() {\n\tcase $1 in\n");
	zsh_top_desc(fp, table);
	walk_table(fp, ZSH, table, zsh_desc);
	fprintf(fp, "\tesac\n}\n\n%s", zsh_body);
}
