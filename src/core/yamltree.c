#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "util.h"
#include "yamltree.h"

void
diags_add(struct diags *d, const char *file, int line, int col,
          const char *fmt, ...)
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
		fprintf(fp, "%s:%d:%d: %s\n", d->v[i].file, d->v[i].line,
		        d->v[i].col, d->v[i].msg);
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
	size_t weight;     /* expanded node count of the anchored subtree */
};

struct builder {
	const char *path;
	struct diags *d;
	struct arena *arena;
	struct anchor *anchors;
	size_t nanchors, capanchors;
	size_t total;      /* expanded nodes so far */
	int failed;
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

struct yfile *
yfile_parse(const char *path, const char *buf, size_t len, struct diags *d)
{
	size_t before = d->n;
	size_t blank = 0;
	while (blank < len && (buf[blank] == ' ' || buf[blank] == '\t' || buf[blank] == '\r' ||
	                       buf[blank] == '\n'))
		blank++;
	if (blank == len) {
		diags_add(d, path, 1, 1, "empty file");
		return NULL;
	}
	if (memchr(buf, '\0', len) != NULL) {
		diags_add(d, path, 1, 1, "binary file (contains NUL bytes), not YAML text");
		return NULL;
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
		return NULL;
	}

	struct yfile *f = xcalloc(1, sizeof *f);
	f->path = xstrdup(path);
	struct arena *arena = xcalloc(1, sizeof *arena);
	f->arena = arena;
	struct builder b = { .path = path, .d = d, .arena = arena };

	yaml_parser_t parser;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);

	struct frame stack[YT_MAX_DEPTH + 1];
	int depth = 0;
	size_t capdocs = 0;
	int done = 0;
	struct ynode *doc_root = NULL;
	int doc_line = 1, doc_col = 1;

	while (!done && !b.failed) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			yaml_mark_t m = parser.problem_mark;
			if (parser.error == YAML_READER_ERROR)
				m = parser.mark;
			yaml_mark_t cm = parser.context_mark;
			if (parser.context && cm.line != m.line)
				diags_add(d, path, (int)m.line + 1, (int)m.column + 1,
				          "%s %s that starts at line %d, column %d",
				          problem_text(&parser), parser.context,
				          (int)cm.line + 1, (int)cm.column + 1);
			else
				diags_add(d, path, (int)m.line + 1, (int)m.column + 1, "%s%s%s",
				          problem_text(&parser), parser.context ? " " : "",
				          parser.context ? parser.context : "");
			b.failed = 1;
			break;
		}
		int line = (int)ev.start_mark.line + 1, col = (int)ev.start_mark.column + 1;
		struct ynode *node = NULL;
		size_t weight = 1;
		const char *anchor = NULL;

		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			doc_root = NULL;
			doc_line = line;
			doc_col = col;
			for (size_t i = 0; i < b.nanchors; i++)
				free(b.anchors[i].name);
			b.nanchors = 0;
			break;
		case YAML_DOCUMENT_END_EVENT:
			if (f->ndocs == capdocs) {
				capdocs = capdocs ? capdocs * 2 : 4;
				f->docs = xrealloc(f->docs, capdocs * sizeof *f->docs);
			}
			f->docs[f->ndocs].root = doc_root;
			f->docs[f->ndocs].line = doc_line;
			f->docs[f->ndocs].col = doc_col;
			f->ndocs++;
			break;
		case YAML_SCALAR_EVENT:
			if (ev.data.scalar.length > YT_MAX_SCALAR) {
				diags_add(d, path, line, col,
				          "text too long (%zu bytes; the limit is %u)",
				          ev.data.scalar.length, YT_MAX_SCALAR);
				b.failed = 1;
				break;
			}
			long ctl = control_at((const char *)ev.data.scalar.value,
			                      ev.data.scalar.length);
			/* An escape ("\e", "\x9b") can put one in any text;
			 * shown raw, it would drive the terminal. */
			if (ctl >= 0)
				diags_add(d, path, line, col, "text contains the control character "
				          "U+%04lX; only tab and newline are allowed", ctl);
			node = arena_alloc(arena, sizeof *node);
			node->type = YN_SCALAR;
			node->str = arena_strdup(arena, (const char *)ev.data.scalar.value,
			                         ev.data.scalar.length);
			node->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			anchor = (const char *)ev.data.scalar.anchor;
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (depth >= YT_MAX_DEPTH) {
				diags_add(d, path, line, col, "nested too deeply (limit %d levels)",
				          YT_MAX_DEPTH);
				b.failed = 1;
				break;
			}
			node = arena_alloc(arena, sizeof *node);
			node->type = ev.type == YAML_SEQUENCE_START_EVENT ? YN_SEQ : YN_MAP;
			node->line = line;
			node->col = col;
			memset(&stack[depth], 0, sizeof stack[depth]);
			stack[depth].node = node;
			stack[depth].weight = 1;
			anchor = ev.type == YAML_SEQUENCE_START_EVENT
			             ? (const char *)ev.data.sequence_start.anchor
			             : (const char *)ev.data.mapping_start.anchor;
			stack[depth].anchor = anchor ? xstrdup(anchor) : NULL;
			depth++;
			node = NULL; /* attached at its end event */
			b.total++;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			finish_collection(&b, &stack[depth]);
			node = stack[depth].node;
			weight = stack[depth].weight;
			if (stack[depth].anchor) {
				add_anchor(&b, stack[depth].anchor, node, weight);
				free(stack[depth].anchor);
			}
			break;
		case YAML_ALIAS_EVENT: {
			const char *name = (const char *)ev.data.alias.anchor;
			struct anchor *a = NULL;
			for (size_t i = 0; i < b.nanchors; i++)
				if (strcmp(b.anchors[i].name, name) == 0)
					a = &b.anchors[i];
			if (a == NULL) {
				diags_add(d, path, line, col, "unknown alias *%s", name);
				b.failed = 1;
				break;
			}
			node = a->node;
			weight = a->weight;
			b.total += weight;
			if (b.total > YT_MAX_NODES) {
				diags_add(d, path, line, col,
				          "aliases expand to more than %u nodes; refusing "
				          "(an alias bomb?)", YT_MAX_NODES);
				b.failed = 1;
				node = NULL;
			}
			break;
		}
		default:
			break;
		}

		if (node != NULL && ev.type == YAML_SCALAR_EVENT) {
			node->line = line;
			node->col = col;
			b.total++;
			if (anchor)
				add_anchor(&b, anchor, node, 1);
		}
		if (node != NULL) {
			if (depth > 0) {
				stack[depth - 1].weight += weight;
				if (stack[depth - 1].weight > YT_MAX_NODES) {
					diags_add(d, path, line, col,
					          "document expands to more than %u nodes",
					          YT_MAX_NODES);
					b.failed = 1;
				}
				frame_push_kid(&stack[depth - 1], node);
			} else {
				doc_root = node;
			}
		}
		yaml_event_delete(&ev);
	}
	while (depth > 0) {
		depth--;
		free(stack[depth].kids);
		free(stack[depth].anchor);
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
