#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "util.h"
#include "yamltree.h"

void
diags_add(struct diags *d, const char *file, int line, int col, const char *fmt, ...)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = xrealloc(d->v, d->cap * sizeof *d->v);
	}
	va_list ap;
	va_start(ap, fmt);
	d->v[d->n].msg = xvprintf(fmt, ap);
	va_end(ap);
	d->v[d->n].file = xstrdup(file);
	d->v[d->n].line = line;
	d->v[d->n].col = col;
	d->n++;
}

static int
diag_cmp(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	int c = strcmp(x->file, y->file);
	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return 0;
}

void
diags_print(struct diags *d, void *fp)
{
	/* A stable sort keeps messages at one place in the order found. */
	for (size_t i = 1; i < d->n; i++) {
		struct diag t = d->v[i];
		size_t j = i;
		while (j > 0 && diag_cmp(&d->v[j - 1], &t) > 0) {
			d->v[j] = d->v[j - 1];
			j--;
		}
		d->v[j] = t;
	}
	for (size_t i = 0; i < d->n; i++)
		fprintf(fp, "%s:%d:%d: %s\n", d->v[i].file, d->v[i].line, d->v[i].col, d->v[i].msg);
}

void
diags_free(struct diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}

/* Arena: every node and string of a file, freed together. */
struct arena {
	struct arena_block *head;
};
struct arena_block {
	struct arena_block *next;
	size_t used, cap;
	char data[];
};

static void *
arena_alloc(struct arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	struct arena_block *b = a->head;
	if (b == NULL || b->used + n > b->cap) {
		size_t cap = n > 65536 ? n : 65536;
		b = xmalloc(sizeof *b + cap);
		b->next = a->head;
		b->used = 0;
		b->cap = cap;
		a->head = b;
	}
	void *p = b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

static char *
arena_strdup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static void
arena_free(struct arena *a)
{
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	free(a);
}

struct anchor {
	char *name;
	struct ynode *node;
	size_t weight; /* expanded node count of the anchored subtree */
};

struct builder {
	const char *path;
	struct diags *d;
	struct arena *arena;
	struct anchor *anchors;
	size_t nanchors, capanchors;
	size_t total; /* expanded nodes so far */
	int failed;
	struct yfile *f; /* the documents read so far */
	size_t capdocs;
	struct frame *stack; /* the collections open, innermost last */
	int depth;
	struct ynode *doc_root; /* the document being read, */
	int doc_line, doc_col;  /* and where it starts */
};

/* A growable list used while a collection is open. */
struct frame {
	struct ynode *node;
	struct ynode **kids;
	size_t n, cap;
	size_t weight;
	char *anchor;
};

static void
frame_push_kid(struct frame *f, struct ynode *k)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 8;
		f->kids = xrealloc(f->kids, f->cap * sizeof *f->kids);
	}
	f->kids[f->n++] = k;
}

static void
add_anchor(struct builder *b, const char *name, struct ynode *node, size_t w)
{
	/* A later anchor of the same name replaces the earlier one. */
	for (size_t i = 0; i < b->nanchors; i++) {
		if (strcmp(b->anchors[i].name, name) == 0) {
			b->anchors[i].node = node;
			b->anchors[i].weight = w;
			return;
		}
	}
	if (b->nanchors == b->capanchors) {
		b->capanchors = b->capanchors ? b->capanchors * 2 : 8;
		b->anchors = xrealloc(b->anchors, b->capanchors * sizeof *b->anchors);
	}
	b->anchors[b->nanchors].name = xstrdup(name);
	b->anchors[b->nanchors].node = node;
	b->anchors[b->nanchors].weight = w;
	b->nanchors++;
}

static void
finish_collection(struct builder *b, struct frame *f)
{
	struct ynode *n = f->node;
	if (n->type == YN_SEQ) {
		n->n = f->n;
		n->items = arena_alloc(b->arena, (f->n ? f->n : 1) * sizeof *n->items);
		if (f->n)
			memcpy(n->items, f->kids, f->n * sizeof *n->items);
	} else {
		n->n = f->n / 2;
		n->items = arena_alloc(b->arena, (n->n ? n->n : 1) * sizeof *n->items);
		n->vals = arena_alloc(b->arena, (n->n ? n->n : 1) * sizeof *n->vals);
		for (size_t i = 0; i < n->n; i++) {
			n->items[i] = f->kids[2 * i];
			n->vals[i] = f->kids[2 * i + 1];
		}
	}
	free(f->kids);
	f->kids = NULL;
}

/* The first control character in s (C0 but tab and newline, DEL, C1),
 * as a code point, or -1. s is valid UTF-8 (libyaml checked it). */
static long
control_at(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	for (size_t i = 0; i < n; i++) {
		if ((s[i] < 0x20 && s[i] != '\t' && s[i] != '\n') || s[i] == 0x7f)
			return s[i];
		if (s[i] == 0xC2 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] < 0xA0)
			return s[i + 1];
	}
	return -1;
}

static const char *
problem_text(const yaml_parser_t *p)
{
	return p->problem ? p->problem : "syntax error";
}

/* Refuses what cannot be YAML text before libyaml reads it: an empty
 * file, NUL bytes, invalid UTF-8 (at its line and column). Returns 0
 * when buf may be parsed. */
static int
check_text(const char *path, const char *buf, size_t len, struct diags *d)
{
	size_t blank = 0;
	while (blank < len && (buf[blank] == ' ' || buf[blank] == '\t' || buf[blank] == '\r' ||
	                       buf[blank] == '\n'))
		blank++;
	if (blank == len) {
		diags_add(d, path, 1, 1, "empty file");
		return -1;
	}
	if (memchr(buf, '\0', len) != NULL) {
		diags_add(d, path, 1, 1, "binary file (contains NUL bytes), not YAML text");
		return -1;
	}
	long bad = utf8_invalid_at(buf, len);
	if (bad >= 0) {
		int line = 1, col = 1;
		for (long i = 0; i < bad; i++) {
			if (buf[i] == '\n') {
				line++;
				col = 1;
			} else if (((unsigned char)buf[i] & 0xC0) != 0x80) {
				col++;
			}
		}
		diags_add(d, path, line, col, "invalid UTF-8 (byte 0x%02x)",
		          (unsigned char)buf[bad]);
		return -1;
	}
	return 0;
}

/* Reports libyaml's error where it found it, and where the construct it
 * was reading started when that is on another line. */
static void
report_parse_error(const yaml_parser_t *parser, const char *path, struct diags *d)
{
	yaml_mark_t m = parser->problem_mark;
	if (parser->error == YAML_READER_ERROR)
		m = parser->mark;
	yaml_mark_t cm = parser->context_mark;
	if (parser->context && cm.line != m.line)
		diags_add(d, path, (int)m.line + 1, (int)m.column + 1,
		          "%s %s that starts at line %d, column %d", problem_text(parser),
		          parser->context, (int)cm.line + 1, (int)cm.column + 1);
	else
		diags_add(d, path, (int)m.line + 1, (int)m.column + 1, "%s%s%s",
		          problem_text(parser), parser->context ? " " : "",
		          parser->context ? parser->context : "");
}

/* Adds the document just ended to the file (its root is NULL when the
 * document was empty). */
static void
end_document(struct builder *b)
{
	struct yfile *f = b->f;
	if (f->ndocs == b->capdocs) {
		b->capdocs = b->capdocs ? b->capdocs * 2 : 4;
		f->docs = xrealloc(f->docs, b->capdocs * sizeof *f->docs);
	}
	f->docs[f->ndocs].root = b->doc_root;
	f->docs[f->ndocs].line = b->doc_line;
	f->docs[f->ndocs].col = b->doc_col;
	f->ndocs++;
}

/* A scalar's node, or NULL when the text is over the limit. */
static struct ynode *
scalar_node(struct builder *b, const yaml_event_t *ev, int line, int col)
{
	if (ev->data.scalar.length > YT_MAX_SCALAR) {
		diags_add(b->d, b->path, line, col, "text too long (%zu bytes; the limit is %u)",
		          ev->data.scalar.length, YT_MAX_SCALAR);
		b->failed = 1;
		return NULL;
	}
	long ctl = control_at((const char *)ev->data.scalar.value, ev->data.scalar.length);
	/* An escape ("\e", "\x9b") can put one in any text; shown raw, it
	 * would drive the terminal. */
	if (ctl >= 0)
		diags_add(b->d, b->path, line, col,
		          "text contains the control character "
		          "U+%04lX; only tab and newline are allowed",
		          ctl);
	struct ynode *node = arena_alloc(b->arena, sizeof *node);
	node->type = YN_SCALAR;
	node->str =
	        arena_strdup(b->arena, (const char *)ev->data.scalar.value, ev->data.scalar.length);
	node->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	node->line = line;
	node->col = col;
	b->total++;
	if (ev->data.scalar.anchor)
		add_anchor(b, (const char *)ev->data.scalar.anchor, node, 1);
	return node;
}

/* Opens a sequence or mapping: its node is attached when it ends. */
static void
open_collection(struct builder *b, const yaml_event_t *ev, int line, int col)
{
	if (b->depth >= YT_MAX_DEPTH) {
		diags_add(b->d, b->path, line, col, "nested too deeply (limit %d levels)",
		          YT_MAX_DEPTH);
		b->failed = 1;
		return;
	}
	struct ynode *node = arena_alloc(b->arena, sizeof *node);
	node->type = ev->type == YAML_SEQUENCE_START_EVENT ? YN_SEQ : YN_MAP;
	node->line = line;
	node->col = col;
	struct frame *fr = &b->stack[b->depth];
	memset(fr, 0, sizeof *fr);
	fr->node = node;
	fr->weight = 1;
	const char *anchor = ev->type == YAML_SEQUENCE_START_EVENT
	                             ? (const char *)ev->data.sequence_start.anchor
	                             : (const char *)ev->data.mapping_start.anchor;
	fr->anchor = anchor ? xstrdup(anchor) : NULL;
	b->depth++;
	b->total++;
}

/* Closes the innermost collection; returns its node and sets *weight to
 * its expanded node count. */
static struct ynode *
close_collection(struct builder *b, size_t *weight)
{
	struct frame *fr = &b->stack[--b->depth];
	finish_collection(b, fr);
	*weight = fr->weight;
	if (fr->anchor) {
		add_anchor(b, fr->anchor, fr->node, fr->weight);
		free(fr->anchor);
	}
	return fr->node;
}

/* The node an alias names, with its expanded node count in *weight;
 * NULL for an unknown anchor or past the node limit. */
static struct ynode *
alias_node(struct builder *b, const yaml_event_t *ev, int line, int col, size_t *weight)
{
	const char *name = (const char *)ev->data.alias.anchor;
	struct anchor *a = NULL;
	for (size_t i = 0; i < b->nanchors; i++)
		if (strcmp(b->anchors[i].name, name) == 0)
			a = &b->anchors[i];
	if (a == NULL) {
		diags_add(b->d, b->path, line, col, "unknown alias *%s", name);
		b->failed = 1;
		return NULL;
	}
	*weight = a->weight;
	b->total += a->weight;
	if (b->total > YT_MAX_NODES) {
		diags_add(b->d, b->path, line, col,
		          "aliases expand to more than %u nodes; refusing "
		          "(an alias bomb?)",
		          YT_MAX_NODES);
		b->failed = 1;
		return NULL;
	}
	return a->node;
}

/* Puts a finished node (weight expanded nodes) into the open collection,
 * or makes it the document's root. */
static void
attach_node(struct builder *b, struct ynode *node, size_t weight, int line, int col)
{
	if (b->depth == 0) {
		b->doc_root = node;
		return;
	}
	struct frame *parent = &b->stack[b->depth - 1];
	parent->weight += weight;
	if (parent->weight > YT_MAX_NODES) {
		diags_add(b->d, b->path, line, col, "document expands to more than %u nodes",
		          YT_MAX_NODES);
		b->failed = 1;
	}
	frame_push_kid(parent, node);
}

/* Builds the tree by one event; returns 1 at the end of the stream. */
static int
build_event(struct builder *b, const yaml_event_t *ev)
{
	int line = (int)ev->start_mark.line + 1, col = (int)ev->start_mark.column + 1;
	struct ynode *node = NULL;
	size_t weight = 1;
	switch (ev->type) {
	case YAML_STREAM_END_EVENT:
		return 1;
	case YAML_DOCUMENT_START_EVENT:
		b->doc_root = NULL;
		b->doc_line = line;
		b->doc_col = col;
		for (size_t i = 0; i < b->nanchors; i++)
			free(b->anchors[i].name);
		b->nanchors = 0;
		break;
	case YAML_DOCUMENT_END_EVENT:
		end_document(b);
		break;
	case YAML_SCALAR_EVENT:
		node = scalar_node(b, ev, line, col);
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		open_collection(b, ev, line, col);
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		node = close_collection(b, &weight);
		break;
	case YAML_ALIAS_EVENT:
		node = alias_node(b, ev, line, col, &weight);
		break;
	default:
		break;
	}
	if (node != NULL)
		attach_node(b, node, weight, line, col);
	return 0;
}

struct yfile *
yfile_parse(const char *path, const char *buf, size_t len, struct diags *d)
{
	size_t before = d->n;
	if (check_text(path, buf, len, d) != 0)
		return NULL;

	struct yfile *f = xcalloc(1, sizeof *f);
	f->path = xstrdup(path);
	struct arena *arena = xcalloc(1, sizeof *arena);
	f->arena = arena;
	struct frame stack[YT_MAX_DEPTH + 1];
	struct builder b = { .path = path,
		             .d = d,
		             .arena = arena,
		             .f = f,
		             .stack = stack,
		             .doc_line = 1,
		             .doc_col = 1 };

	yaml_parser_t parser;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	int done = 0;
	while (!done && !b.failed) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			report_parse_error(&parser, path, d);
			b.failed = 1;
			break;
		}
		done = build_event(&b, &ev);
		yaml_event_delete(&ev);
	}
	while (b.depth > 0) {
		b.depth--;
		free(stack[b.depth].kids);
		free(stack[b.depth].anchor);
	}
	for (size_t i = 0; i < b.nanchors; i++)
		free(b.anchors[i].name);
	free(b.anchors);
	yaml_parser_delete(&parser);
	if (b.failed || d->n > before) {
		yfile_free(f);
		return NULL;
	}
	return f;
}

struct yfile *
yfile_load(const char *path, struct diags *d)
{
	char *cause = NULL;
	size_t len;
	char *buf = read_file(path, YT_MAX_FILE, &len, &cause);
	if (buf == NULL) {
		/* read_file's message starts with the path; keep only the rest */
		const char *msg = cause;
		size_t pl = strlen(path);
		if (strncmp(msg, path, pl) == 0 && msg[pl] == ':')
			msg += pl + 2;
		diags_add(d, path, 1, 1, "%s", msg);
		free(cause);
		return NULL;
	}
	struct yfile *f = yfile_parse(path, buf, len, d);
	free(buf);
	return f;
}

void
yfile_free(struct yfile *f)
{
	if (f == NULL)
		return;
	arena_free(f->arena);
	free(f->docs);
	free(f->path);
	free(f);
}

struct ynode *
ymap_get(const struct ynode *map, const char *key)
{
	if (map == NULL || map->type != YN_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (map->items[i]->type == YN_SCALAR && strcmp(map->items[i]->str, key) == 0)
			return map->vals[i];
	return NULL;
}
