/* parse_yaml.c - the YAML front end: libyaml's event stream -> the intent's AST (ast.h).
 *
 * The schema is walked with an explicit stack of frames, one per open mapping or list (no
 * recursion, so nesting depth costs no C stack; deeper than ctx->max_depth is AZ106). A value
 * of the wrong kind, an unknown or duplicate key is reported and its whole subtree skipped by
 * a single "skip" frame that only counts nesting, so the event stream stays balanced and
 * independent errors elsewhere in the file are still found. Anchors, aliases, merge keys and
 * non-standard tags are refused (AZ113) and never expanded. A libyaml error (syntax, UTF-8,
 * control characters) ends the file: libyaml cannot go on after one.
 *
 * Blocks, grants and assignments are created when their mapping opens and appended to their
 * parent when it closes, if they got their id / name / target; so list order is kept and a
 * broken item never reaches the checker half-built. Scalars are taken verbatim (no YAML 1.1
 * guessing), except that an empty plain value (or ~, null) is "no value". A file holds one
 * document: an empty file or document is an empty intent, a second document is AZ100. A lone
 * '\r' (libyaml's line end, not ours) is refused before libyaml starts, as in the DSL.
 *
 * libyaml stays inside this file. Its 1/0 returns and 0-based marks are converted here: a mark's
 * index counts characters, so it is walked through the UTF-8 source to a byte offset and from
 * there to the 1-based line and byte column every diagnostic uses. */
#include "authzc/parse.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <yaml.h>

#include "authzc/arena.h"
#include "authzc/ast.h"
#include "authzc/ctx.h"
#include "authzc/diag.h"
#include "authzc/source.h"
#include "authzc/suggest.h"

/* ---- the schema ---------------------------------------------------------------------- */

enum field {
    F_NONE, /* no key (yet), or a key whose value is skipped */
    F_ACCOUNTS,
    F_ENTERPRISES,
    F_ID,
    F_NAME,
    F_DESCRIPTION,
    F_BACKUP,
    F_NOTIFY,
    F_AUTHORIZE,
    F_ASSIGN,
    F_CHILDREN,
    F_TEMPLATES,
    F_TARGET,
    F_ROLES,
    F_ACCOUNT,
    F_ACCOUNT_GROUP,
    F_COUNT
};

enum map_kind { M_ROOT, M_ACCOUNT, M_ENTERPRISE, M_CHILD, M_TEMPLATE, M_GRANT, M_ASSIGN };

enum value_kind {
    V_SCALAR, /* one string */
    V_WORDS,  /* a list of strings, or one string */
    V_LIST    /* a list of mappings */
};

static const struct field_info {
    const char *key;
    enum value_kind vk;
    enum map_kind item; /* V_LIST: what each item is */
    const char *takes;  /* for "'KEY' takes ..." */
    const char *home;   /* for a key written in the wrong place */
} fields[F_COUNT] = {
    [F_ACCOUNTS] = {"accounts", V_LIST, M_ACCOUNT, "a list of accounts", "the top level"},
    [F_ENTERPRISES] = {"enterprises", V_LIST, M_ENTERPRISE, "a list of enterprises",
                       "the top level"},
    [F_ID] = {"id", V_SCALAR, M_ROOT, "an ID", "accounts, enterprises and children"},
    [F_NAME] = {"name", V_SCALAR, M_ROOT, "a template name", "templates"},
    [F_DESCRIPTION] = {"description", V_SCALAR, M_ROOT, "a string",
                       "accounts, children and templates"},
    [F_BACKUP] = {"backup", V_WORDS, M_ROOT, "a group or a list of groups (volumes, shares, all)",
                  "accounts, children and templates"},
    [F_NOTIFY] = {"notify", V_WORDS, M_ROOT,
                  "an Event Notifications instance GUID or a list of them",
                  "accounts and children"},
    [F_AUTHORIZE] = {"authorize", V_LIST, M_GRANT, "a list of {target: ..., roles: [...]} items",
                     "accounts, children and templates"},
    [F_ASSIGN] = {"assign", V_LIST, M_ASSIGN,
                  "a list of {account: ID} or {account-group: ID} items", "templates"},
    [F_CHILDREN] = {"children", V_LIST, M_CHILD, "a list of child accounts", "enterprises"},
    [F_TEMPLATES] = {"templates", V_LIST, M_TEMPLATE, "a list of templates", "enterprises"},
    [F_TARGET] = {"target", V_SCALAR, M_ROOT, "a target name", "authorize items"},
    [F_ROLES] = {"roles", V_WORDS, M_ROOT, "a role or a list of roles", "authorize items"},
    [F_ACCOUNT] = {"account", V_SCALAR, M_ROOT, "an account ID", "assign items"},
    [F_ACCOUNT_GROUP] = {"account-group", V_SCALAR, M_ROOT, "an account group ID", "assign items"},
};

#define MAX_KEYS 6

static const struct map_info {
    const char *noun;          /* "an account" */
    const char *where;         /* "in an account" */
    const char *example;       /* a mapping of this kind, as YAML */
    enum field keys[MAX_KEYS]; /* accepted keys (F_NONE ends the list) */
    unsigned ndoc; /* the first ndoc keys are the documented ones ("did you mean", "expected");
                    * the rest reach the checker, which says where they belong (AZ410) */
} maps[] = {
    [M_ROOT] =
        {"the top level", "at the top level", "accounts: [...]", {F_ACCOUNTS, F_ENTERPRISES}, 2},
    [M_ACCOUNT] = {"an account",
                   "in an account",
                   "{id: current, backup: [volumes]}",
                   {F_ID, F_DESCRIPTION, F_BACKUP, F_NOTIFY, F_AUTHORIZE, F_ASSIGN},
                   5},
    [M_ENTERPRISE] = {"an enterprise",
                      "in an enterprise",
                      "{id: ID, children: [...]}",
                      {F_ID, F_CHILDREN, F_TEMPLATES},
                      3},
    [M_CHILD] = {"a child",
                 "in a child",
                 "{id: ID, backup: [volumes]}",
                 {F_ID, F_DESCRIPTION, F_BACKUP, F_NOTIFY, F_AUTHORIZE, F_ASSIGN},
                 5},
    [M_TEMPLATE] = {"a template",
                    "in a template",
                    "{name: NAME, backup: [volumes], assign: [...]}",
                    {F_NAME, F_DESCRIPTION, F_BACKUP, F_AUTHORIZE, F_ASSIGN, F_NOTIFY},
                    5},
    [M_GRANT] = {"an authorize item",
                 "in an authorize item",
                 "{target: volume, roles: [Operator]}",
                 {F_TARGET, F_ROLES},
                 2},
    [M_ASSIGN] =
        {"an assign item", "in an assign item", "{account: ID}", {F_ACCOUNT, F_ACCOUNT_GROUP}, 2},
};

/* ---- the walk ------------------------------------------------------------------------ */

enum frame_kind { FR_MAP, FR_SEQ, FR_SKIP };

struct frame {
    enum frame_kind kind;
    enum map_kind mk;  /* FR_MAP */
    enum field field;  /* FR_MAP: the key whose value comes next; FR_SEQ: the list's key */
    bool want_key;     /* FR_MAP: a key comes next */
    bool after_key;    /* FR_MAP: a key that was a collection is being skipped */
    unsigned nested;   /* FR_SKIP: collections open inside the skipped value */
    unsigned items;    /* FR_SEQ: items seen */
    bool implicit;     /* FR_SEQ: a single mapping written where a list is expected stands for
                        * a one-item list; the list ends with that mapping */
    struct az_loc loc; /* where the collection starts */
    uint32_t seen;     /* FR_MAP: keys given, one bit per field */
    struct az_loc key_loc[F_COUNT]; /* FR_MAP: where each key was given first */
    bool named;                     /* the id, name or target was given and usable */
    struct az_block *block;
    struct az_enterprise *ent;
    struct az_grant *grant;
    struct az_word **roles_tail;
    enum az_assign_kind akind; /* M_ASSIGN */
    struct az_word aid;
};

struct yparse {
    struct az_ctx *ctx;
    const struct az_source *src;
    struct az_intent *out;
    struct frame *frames;
    unsigned nframes, cap;
    unsigned depth; /* collections open, skipped ones included */
    unsigned ndocs;
    bool stop;
    size_t cur_chars, cur_bytes; /* mark conversion cursor: this character index is this byte */
    struct az_diag *alias_diag;  /* the first anchor or alias refused */
    unsigned alias_more;
    struct az_loc alias_last;
};

/* What the next value must be. */
enum want {
    W_ROOT,      /* the document's root: a mapping */
    W_KEY,       /* a mapping key */
    W_SKIP,      /* anything: it is dropped */
    W_LIST,      /* the value of a V_LIST key */
    W_WORDS,     /* the value of a V_WORDS key */
    W_SCALAR,    /* the value of a V_SCALAR key */
    W_ITEM_MAP,  /* an item of a V_LIST key's list */
    W_ITEM_WORD, /* an item of a V_WORDS key's list */
};

/* ---- places -------------------------------------------------------------------------- */

/* libyaml's mark index counts characters (a CRLF counts two); walk the UTF-8 source to the
 * byte offset. Marks arrive in order, so a cursor keeps the walk linear over a file. */
static size_t byte_offset(struct yparse *ps, size_t index)
{
    const unsigned char *t = (const unsigned char *)ps->src->text;
    size_t len = ps->src->len;
    if (index < ps->cur_chars) {
        ps->cur_chars = 0;
        ps->cur_bytes = 0;
    }
    while (ps->cur_chars < index && ps->cur_bytes < len) {
        unsigned char c = t[ps->cur_bytes];
        size_t w = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        ps->cur_bytes = ps->cur_bytes + w < len ? ps->cur_bytes + w : len;
        ps->cur_chars++;
    }
    return ps->cur_bytes;
}

/* The place of bytes [from, to) of the source: line, byte column, and the bytes of the span
 * that are on its first line (at least 1). */
static struct az_loc loc_bytes(const struct yparse *ps, size_t from, size_t to)
{
    struct az_loc l = {ps->src, 1, 1, 1};
    if (from > ps->src->len)
        from = ps->src->len;
    az_source_position(ps->src, from, &l.line, &l.col);
    size_t n;
    const char *line = az_source_line(ps->src, l.line, &n);
    size_t eol = line ? (size_t)(line - ps->src->text) + n : from;
    if (from > eol) { /* in the line end: the '\r' of a CRLF, or a lone '\r' */
        l.col -= (uint32_t)(from - eol);
        from = eol;
    }
    if (to > eol)
        to = eol;
    l.len = to > from ? (uint32_t)(to - from) : 1;
    return l;
}

static struct az_loc loc_marks(struct yparse *ps, const yaml_mark_t *start, const yaml_mark_t *end)
{
    size_t a = byte_offset(ps, start->index);
    size_t b = end ? byte_offset(ps, end->index) : a + 1;
    return loc_bytes(ps, a, b);
}

/* A property (&anchor, !tag) at the start of a node: from the first `c` on the node's line,
 * up to the next blank or flow indicator. */
static struct az_loc loc_property(struct yparse *ps, const yaml_mark_t *start, char c)
{
    size_t a = byte_offset(ps, start->index);
    struct az_loc l = loc_bytes(ps, a, a + 1);
    size_t n;
    const char *line = az_source_line(ps->src, l.line, &n);
    if (!line)
        return l;
    size_t i = l.col - 1;
    while (i < n && line[i] != c)
        i++;
    if (i == n)
        return l;
    size_t j = i + 1;
    while (j < n && !strchr(" \t,[]{}", line[j]))
        j++;
    l.col = (uint32_t)i + 1;
    l.len = (uint32_t)(j - i);
    return l;
}

/* User text for a message: control characters escaped, at most about 40 bytes. */
static const char *shown(struct yparse *ps, const char *s, size_t n)
{
    char *buf = az_arena_alloc(ps->ctx->arena, 40 + 4 + 3 + 3 + 1), *o = buf;
    size_t i = 0;
    for (; i < n && o - buf < 40; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f) {
            static const char hex[] = "0123456789abcdef";
            *o++ = '\\';
            *o++ = 'x';
            *o++ = hex[c >> 4];
            *o++ = hex[c & 15];
        } else {
            *o++ = (char)c;
        }
    }
    for (int k = 0; k < 3 && i < n && ((unsigned char)s[i] & 0xC0) == 0x80; k++)
        *o++ = s[i++]; /* finish a UTF-8 character */
    if (i < n) {
        memcpy(o, "...", 3);
        o += 3;
    }
    *o = '\0';
    return buf;
}

/* ---- the stack ----------------------------------------------------------------------- */

static struct frame *top(struct yparse *ps)
{
    return ps->nframes ? &ps->frames[ps->nframes - 1] : NULL;
}

static struct frame *push(struct yparse *ps, enum frame_kind kind, struct az_loc loc)
{
    /* cannot overflow: every frame is an open collection, and depth is capped */
    struct frame *f = &ps->frames[ps->nframes++];
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->loc = loc;
    f->want_key = true;
    return f;
}

static void push_skip(struct yparse *ps, struct az_loc loc)
{
    push(ps, FR_SKIP, loc)->nested = 1;
}

/* The value the top frame waited for is complete. */
static void value_done(struct yparse *ps)
{
    struct frame *f = top(ps);
    if (!f || f->kind != FR_MAP)
        return;
    if (f->after_key) { /* the key was a collection; now its value, skipped */
        f->after_key = false;
        return;
    }
    f->want_key = true;
    f->field = F_NONE;
}

static enum want wanted(struct yparse *ps)
{
    struct frame *f = top(ps);
    if (!f)
        return W_ROOT;
    if (f->kind == FR_SKIP)
        return W_SKIP;
    if (f->kind == FR_MAP) {
        if (f->want_key)
            return W_KEY;
        if (f->field == F_NONE)
            return W_SKIP;
        enum value_kind vk = fields[f->field].vk;
        return vk == V_LIST ? W_LIST : vk == V_WORDS ? W_WORDS : W_SCALAR;
    }
    return fields[f->field].vk == V_LIST ? W_ITEM_MAP : W_ITEM_WORD;
}

/* ---- diagnostics --------------------------------------------------------------------- */

static bool is_null(const yaml_event_t *ev)
{
    const char *v = (const char *)ev->data.scalar.value;
    if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE || ev->data.scalar.tag)
        return false;
    return strcmp(v, "") == 0 || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 ||
           strcmp(v, "Null") == 0 || strcmp(v, "NULL") == 0;
}

/* "a list", "a mapping", "'text'" or "an empty value". */
static const char *found(struct yparse *ps, const yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_SEQUENCE_START_EVENT:
        return "a list";
    case YAML_MAPPING_START_EVENT:
        return "a mapping";
    case YAML_SCALAR_EVENT:
        if (is_null(ev))
            return "an empty value";
        return az_arena_printf(
            ps->ctx->arena, "'%s'",
            shown(ps, (const char *)ev->data.scalar.value, ev->data.scalar.length));
    default:
        return "an alias";
    }
}

/* Anchors and aliases: the first one in a file is the error; the rest are counted into a note
 * (a "billion laughs" file would otherwise flood the output). */
static void refuse_alias(struct yparse *ps, struct az_loc loc, const char *what, const char *name)
{
    if (ps->alias_diag || ps->alias_more) {
        ps->alias_more++;
        ps->alias_last = loc;
        return;
    }
    ps->alias_diag = az_diag_report(ps->ctx, AZ_D_YAML_ALIAS, loc,
                                    "%s '%s' is not accepted: authzc does not expand YAML "
                                    "anchors and aliases; write the value out in full",
                                    what, shown(ps, name, strlen(name)));
    if (!ps->alias_diag)
        ps->alias_more++; /* dropped as a repeat: keep counting anyway */
}

static bool tag_allowed(const char *tag, yaml_event_type_t type)
{
    if (type == YAML_SCALAR_EVENT)
        return strcmp(tag, "!") == 0 || strcmp(tag, YAML_STR_TAG) == 0;
    if (type == YAML_SEQUENCE_START_EVENT)
        return strcmp(tag, YAML_SEQ_TAG) == 0;
    return strcmp(tag, YAML_MAP_TAG) == 0;
}

/* Anchors and tags on a node. Returns false when the node must be dropped (a tag it cannot
 * have: its meaning is unknown); an anchored node is still read, only never referred to. */
static bool check_properties(struct yparse *ps, const yaml_event_t *ev)
{
    const yaml_char_t *anchor, *tag;
    if (ev->type == YAML_SCALAR_EVENT) {
        anchor = ev->data.scalar.anchor;
        tag = ev->data.scalar.tag;
    } else if (ev->type == YAML_SEQUENCE_START_EVENT) {
        anchor = ev->data.sequence_start.anchor;
        tag = ev->data.sequence_start.tag;
    } else {
        anchor = ev->data.mapping_start.anchor;
        tag = ev->data.mapping_start.tag;
    }
    if (anchor)
        refuse_alias(ps, loc_property(ps, &ev->start_mark, '&'), "the anchor",
                     az_arena_printf(ps->ctx->arena, "&%s", (const char *)anchor));
    if (tag && !tag_allowed((const char *)tag, ev->type)) {
        const char *t = (const char *)tag;
        size_t np = strlen("tag:yaml.org,2002:");
        const char *written = strncmp(t, "tag:yaml.org,2002:", np) == 0
                                  ? az_arena_printf(ps->ctx->arena, "!!%s", t + np)
                                  : t;
        const char *ok = ev->type == YAML_SCALAR_EVENT           ? "!!str"
                         : ev->type == YAML_SEQUENCE_START_EVENT ? "!!seq"
                                                                 : "!!map";
        az_diag_report(ps->ctx, AZ_D_YAML_ALIAS, loc_property(ps, &ev->start_mark, '!'),
                       "the tag '%s' is not accepted here (only %s); remove it",
                       shown(ps, written, strlen(written)), ok);
        return false;
    }
    return true;
}

/* "'id', 'description', 'backup', 'notify' or 'authorize'" */
static const char *key_list(struct yparse *ps, enum map_kind mk)
{
    const struct map_info *m = &maps[mk];
    const char *s = "";
    for (unsigned i = 0; i < m->ndoc; i++)
        s = az_arena_printf(ps->ctx->arena, "%s%s'%s'", s,
                            i == 0             ? ""
                            : i + 1 == m->ndoc ? " or "
                                               : ", ",
                            fields[m->keys[i]].key);
    return s;
}

/* ---- values -------------------------------------------------------------------------- */

/* The scalar's text in the arena, or NULL after reporting why it cannot be used. `what` names
 * the value for "needs a value" ("'id'", "an item of 'backup'"). */
static const char *scalar_text(struct yparse *ps, const yaml_event_t *ev, struct az_loc loc,
                               const char *what, enum field f)
{
    const char *v = (const char *)ev->data.scalar.value;
    size_t n = ev->data.scalar.length;
    if (is_null(ev)) {
        az_diag_report(ps->ctx, AZ_D_YAML_TYPE, loc, "%s needs %s; the value is empty", what,
                       fields[f].takes);
        return NULL;
    }
    if (n > ps->ctx->max_string) {
        az_diag_report(ps->ctx, AZ_D_LIMIT, loc,
                       "this string is %zu bytes long; the limit is %zu bytes", n,
                       ps->ctx->max_string);
        return NULL;
    }
    if (memchr(v, '\0', n)) {
        az_diag_report(ps->ctx, AZ_D_BAD_STRING_CHAR, loc,
                       "the string holds a NUL character ('\\0'), which no output can carry; "
                       "remove it");
        return NULL;
    }
    return az_arena_strndup(ps->ctx->arena, v, n);
}

static void set_word(struct az_word *w, const char *text, struct az_loc loc)
{
    w->text = text;
    w->loc = loc;
    w->next = NULL;
}

/* A scalar for key f of the mapping in frame m. */
static void store_scalar(struct yparse *ps, struct frame *m, enum field f, const char *text,
                         struct az_loc loc)
{
    switch (f) {
    case F_ID:
        if (m->mk == M_ENTERPRISE)
            set_word(&m->ent->id, text, loc);
        else
            set_word(&m->block->name, text, loc);
        m->named = true;
        break;
    case F_NAME:
        set_word(&m->block->name, text, loc);
        m->named = true;
        break;
    case F_DESCRIPTION:
        az_ast_add_description(m->block, az_ast_word_new(ps->ctx->arena, text, loc));
        break;
    case F_TARGET:
        set_word(&m->grant->target, text, loc);
        m->named = true;
        break;
    case F_ACCOUNT:
    case F_ACCOUNT_GROUP:
        m->akind = f == F_ACCOUNT ? AZ_ASSIGN_ACCOUNT : AZ_ASSIGN_ACCOUNT_GROUP;
        set_word(&m->aid, text, loc);
        m->named = true;
        break;
    default:
        break;
    }
}

/* One word of key f (backup, notify, roles) of the mapping in frame m. */
static void store_word(struct yparse *ps, struct frame *m, enum field f, const char *text,
                       struct az_loc loc)
{
    struct az_word *w = az_ast_word_new(ps->ctx->arena, text, loc);
    if (f == F_BACKUP) {
        az_ast_add_backup(m->block, w);
    } else if (f == F_NOTIFY) {
        az_ast_add_notify(m->block, w);
    } else if (f == F_ROLES) {
        *m->roles_tail = w;
        m->roles_tail = &w->next;
    }
}

/* ---- mappings ------------------------------------------------------------------------ */

static void open_map(struct yparse *ps, enum map_kind mk, struct az_loc loc)
{
    struct frame *f = push(ps, FR_MAP, loc);
    struct az_arena *a = ps->ctx->arena;
    f->mk = mk;
    switch (mk) {
    case M_ACCOUNT:
        f->block = az_ast_block_new(a, AZ_BLOCK_ACCOUNT, loc);
        break;
    case M_CHILD:
        f->block = az_ast_block_new(a, AZ_BLOCK_CHILD, loc);
        break;
    case M_TEMPLATE:
        f->block = az_ast_block_new(a, AZ_BLOCK_TEMPLATE, loc);
        break;
    case M_ENTERPRISE:
        f->ent = az_ast_enterprise_new(a, loc);
        break;
    case M_GRANT:
        f->grant = az_ast_grant_new(a, loc);
        f->roles_tail = &f->grant->roles;
        break;
    default:
        break;
    }
}

/* A block mapping starts at its first key: its place then underlines that key. */
static void widen_map_loc(struct frame *f, struct az_loc key)
{
    if (key.line != f->loc.line || key.col != f->loc.col)
        return;
    f->loc.len = key.len;
    if (f->block)
        f->block->loc = f->loc;
    if (f->ent)
        f->ent->loc = f->loc;
    if (f->grant)
        f->grant->loc = f->loc;
}

static void on_key(struct yparse *ps, struct frame *m, const yaml_event_t *ev, struct az_loc loc)
{
    const char *k = (const char *)ev->data.scalar.value;
    size_t n = ev->data.scalar.length;
    const struct map_info *mi = &maps[m->mk];
    if (m->seen == 0)
        widen_map_loc(m, loc);
    m->want_key = false;
    m->field = F_NONE; /* unless the key is good: skip its value */

    if (n > ps->ctx->max_string) {
        az_diag_report(ps->ctx, AZ_D_LIMIT, loc, "this key is %zu bytes long; the limit is %zu", n,
                       ps->ctx->max_string);
        return;
    }
    if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && strcmp(k, "<<") == 0) {
        az_diag_report(ps->ctx, AZ_D_YAML_ALIAS, loc,
                       "merge keys ('<<') are not accepted: authzc does not expand YAML "
                       "anchors and aliases; write the keys out in full");
        return;
    }
    enum field f = F_NONE;
    if (strlen(k) == n)
        for (unsigned i = 0; i < MAX_KEYS && mi->keys[i] != F_NONE; i++)
            if (strcmp(fields[mi->keys[i]].key, k) == 0)
                f = mi->keys[i];
    if (f == F_NONE) {
        const char *cand[MAX_KEYS];
        for (unsigned i = 0; i < mi->ndoc; i++)
            cand[i] = fields[mi->keys[i]].key;
        const char *best = az_suggest_best(k, cand, mi->ndoc);
        enum field elsewhere = F_NONE;
        for (int i = 1; i < F_COUNT; i++)
            if (strcmp(fields[i].key, k) == 0)
                elsewhere = (enum field)i;
        const char *sk = shown(ps, k, n);
        if (best)
            az_diag_report(ps->ctx, AZ_D_YAML_UNKNOWN_KEY, loc,
                           "unknown key '%s' %s; did you mean '%s'?", sk, mi->where, best);
        else if (elsewhere != F_NONE)
            az_diag_report(ps->ctx, AZ_D_YAML_UNKNOWN_KEY, loc,
                           "'%s' is not a key %s (it belongs in %s); expected %s", sk, mi->where,
                           fields[elsewhere].home, key_list(ps, m->mk));
        else
            az_diag_report(ps->ctx, AZ_D_YAML_UNKNOWN_KEY, loc, "unknown key '%s' %s; expected %s",
                           sk, mi->where, key_list(ps, m->mk));
        return;
    }
    uint32_t bit = 1u << f;
    if (m->seen & bit) {
        struct az_diag *d = az_diag_report(ps->ctx, AZ_D_YAML_DUPLICATE_KEY, loc,
                                           "duplicate key '%s' %s; merge the two values into one",
                                           fields[f].key, mi->where);
        az_diag_note(ps->ctx, d, m->key_loc[f], "'%s' is first given here", fields[f].key);
        return;
    }
    m->seen |= bit;
    m->key_loc[f] = loc;
    if (m->mk == M_ASSIGN && (m->seen & ~bit)) {
        az_diag_report(ps->ctx, AZ_D_YAML_TYPE, loc,
                       "an assign item takes one key, 'account' or 'account-group'; write each "
                       "target as its own item: - {account: ID}");
        return;
    }
    m->field = f;
}

/* The parent frame of a list item's mapping (the mapping that holds the list). */
static struct frame *item_owner(struct yparse *ps)
{
    return ps->nframes >= 3 ? &ps->frames[ps->nframes - 3] : NULL;
}

static void close_seq(struct yparse *ps);

static void close_map(struct yparse *ps)
{
    struct frame *f = top(ps);
    struct frame *owner = item_owner(ps);
    struct az_ctx *ctx = ps->ctx;
    switch (f->mk) {
    case M_ROOT:
        break;
    case M_ACCOUNT:
    case M_CHILD:
    case M_ENTERPRISE:
        if (!(f->seen & (1u << F_ID)))
            az_diag_report(ctx, AZ_D_YAML_TYPE, f->loc, "%s needs an 'id' (%s)", maps[f->mk].noun,
                           f->mk == M_ACCOUNT ? "its 32-character account ID, or current"
                           : f->mk == M_CHILD ? "the child account's 32-character ID"
                                              : "the enterprise account's 32-character ID");
        if (!f->named)
            break;
        if (f->mk == M_ACCOUNT)
            az_ast_add_account(ps->out, f->block);
        else if (f->mk == M_CHILD)
            az_ast_add_child(owner->ent, f->block);
        else
            az_ast_add_enterprise(ps->out, f->ent);
        break;
    case M_TEMPLATE:
        if (!(f->seen & (1u << F_NAME)))
            az_diag_report(ctx, AZ_D_YAML_TYPE, f->loc, "a template needs a 'name'");
        if (f->named)
            az_ast_add_template(owner->ent, f->block);
        break;
    case M_GRANT: {
        bool t = f->seen & (1u << F_TARGET), r = f->seen & (1u << F_ROLES);
        if (!t || !r)
            az_diag_report(ctx, AZ_D_YAML_TYPE, f->loc,
                           "an authorize item needs %s, for example {target: volume, roles: "
                           "[Operator]}",
                           !t && !r ? "'target' and 'roles'"
                           : !t     ? "a 'target'"
                                    : "'roles'");
        if (f->named && f->grant->roles)
            az_ast_add_grant(owner->block, f->grant);
        break;
    }
    case M_ASSIGN:
        if (!(f->seen & ((1u << F_ACCOUNT) | (1u << F_ACCOUNT_GROUP))))
            az_diag_report(ctx, AZ_D_YAML_TYPE, f->loc,
                           "an assign item needs 'account' or 'account-group', for example "
                           "{account: ID}");
        if (f->named) {
            struct az_assign *as = az_ast_assign_new(ctx->arena, f->akind, f->loc);
            as->id = f->aid;
            az_ast_add_assign(owner->block, as);
        }
        break;
    }
    ps->nframes--;
    value_done(ps);
    if (top(ps) && top(ps)->kind == FR_SEQ && top(ps)->implicit)
        close_seq(ps);
}

static void close_seq(struct yparse *ps)
{
    struct frame *f = top(ps);
    if (f->field == F_ROLES && f->items == 0)
        az_diag_report(ps->ctx, AZ_D_YAML_TYPE, f->loc,
                       "'roles' needs at least one role, for example roles: [Operator]");
    ps->nframes--;
    value_done(ps);
}

/* ---- events -------------------------------------------------------------------------- */

static void on_scalar(struct yparse *ps, const yaml_event_t *ev)
{
    struct az_loc loc = loc_marks(ps, &ev->start_mark, &ev->end_mark);
    struct frame *f = top(ps);
    enum want w = wanted(ps);
    const char *text;
    switch (w) {
    case W_KEY:
        on_key(ps, f, ev, loc);
        return; /* the value comes next */
    case W_SKIP:
        break;
    case W_ROOT:
        if (!is_null(ev)) /* an empty document is an empty intent */
            az_diag_report(ps->ctx, AZ_D_YAML_TYPE, loc,
                           "expected a mapping with 'accounts' and/or 'enterprises' at the top "
                           "of the document, found %s",
                           found(ps, ev));
        return;
    case W_LIST:
        if (is_null(ev))
            az_diag_report(ps->ctx, AZ_D_YAML_TYPE, loc,
                           "'%s' takes %s; the value is empty (write '%s: []' for none)",
                           fields[f->field].key, fields[f->field].takes, fields[f->field].key);
        else
            az_diag_report(ps->ctx, AZ_D_YAML_TYPE, loc, "'%s' takes %s, found %s",
                           fields[f->field].key, fields[f->field].takes, found(ps, ev));
        break;
    case W_WORDS:
    case W_SCALAR:
        text = scalar_text(ps, ev, loc,
                           az_arena_printf(ps->ctx->arena, "'%s'", fields[f->field].key), f->field);
        if (text && w == W_WORDS)
            store_word(ps, f, f->field, text, loc);
        else if (text)
            store_scalar(ps, f, f->field, text, loc);
        break;
    case W_ITEM_MAP:
        f->items++;
        az_diag_report(ps->ctx, AZ_D_YAML_TYPE, loc,
                       "each item of '%s' is %s, a mapping such as %s; found %s",
                       fields[f->field].key, maps[fields[f->field].item].noun,
                       maps[fields[f->field].item].example, found(ps, ev));
        break;
    case W_ITEM_WORD:
        f->items++;
        text = scalar_text(ps, ev, loc,
                           az_arena_printf(ps->ctx->arena, "an item of '%s'", fields[f->field].key),
                           f->field);
        if (text)
            store_word(ps, &ps->frames[ps->nframes - 2], f->field, text, loc);
        break;
    }
    value_done(ps);
}

static void on_collection(struct yparse *ps, const yaml_event_t *ev)
{
    bool is_map = ev->type == YAML_MAPPING_START_EVENT;
    struct az_loc loc = loc_marks(ps, &ev->start_mark, NULL);
    struct frame *f = top(ps);
    const char *what = found(ps, ev);
    switch (wanted(ps)) {
    case W_SKIP:
        if (f && f->kind == FR_SKIP)
            f->nested++;
        else
            push_skip(ps, loc);
        return;
    case W_KEY:
        az_diag_report(ps->ctx, AZ_D_YAML_TYPE, loc,
                       "a key must be a string, found %s; keys %s are %s", what, maps[f->mk].where,
                       key_list(ps, f->mk));
        f->want_key = false;
        f->field = F_NONE;
        f->after_key = true;
        push_skip(ps, loc);
        return;
    case W_ROOT:
        if (is_map) {
            open_map(ps, M_ROOT, loc);
            return;
        }
        az_diag_report(ps->ctx, AZ_D_YAML_TYPE, loc,
                       "expected a mapping with 'accounts' and/or 'enterprises' at the top of "
                       "the document, found %s",
                       what);
        break;
    case W_LIST:
        /* A single mapping where a list of them is expected is a one-item list
         * (assign: {account: ID}), as a single string is for backup, notify and roles. */
        push(ps, FR_SEQ, loc)->field = f->field;
        if (is_map) {
            top(ps)->implicit = true;
            top(ps)->items++;
            open_map(ps, fields[top(ps)->field].item, loc);
        }
        return;
    case W_WORDS:
        if (!is_map) {
            push(ps, FR_SEQ, loc)->field = f->field;
            return;
        }
        az_diag_report(ps->ctx, AZ_D_YAML_TYPE, loc, "'%s' takes %s, found a mapping%s",
                       fields[f->field].key, fields[f->field].takes,
                       fields[f->field].vk == V_LIST ? "; start each item with '- '" : "");
        break;
    case W_SCALAR:
        az_diag_report(ps->ctx, AZ_D_YAML_TYPE, loc, "'%s' takes %s, found %s",
                       fields[f->field].key, fields[f->field].takes, what);
        break;
    case W_ITEM_MAP:
        f->items++;
        if (is_map) {
            open_map(ps, fields[f->field].item, loc);
            return;
        }
        az_diag_report(ps->ctx, AZ_D_YAML_TYPE, loc,
                       "each item of '%s' is %s, a mapping such as %s; found a list",
                       fields[f->field].key, maps[fields[f->field].item].noun,
                       maps[fields[f->field].item].example);
        break;
    case W_ITEM_WORD:
        f->items++;
        az_diag_report(ps->ctx, AZ_D_YAML_TYPE, loc,
                       "each item of '%s' is a string, found %s (lists do not nest here)",
                       fields[f->field].key, what);
        break;
    }
    push_skip(ps, loc);
}

static void on_end(struct yparse *ps)
{
    struct frame *f = top(ps);
    if (!f)
        return; /* cannot happen: libyaml balances the stream */
    if (f->kind == FR_SKIP) {
        if (--f->nested == 0) {
            ps->nframes--;
            value_done(ps);
        }
    } else if (f->kind == FR_MAP) {
        close_map(ps);
    } else {
        close_seq(ps);
    }
}

/* Drops a node that was already reported (an alias, a node with a refused tag), keeping
 * the frames in step: a dropped key drops its value too; a dropped collection is skipped. */
static void drop_node(struct yparse *ps, const yaml_event_t *ev)
{
    bool collection = ev->type == YAML_SEQUENCE_START_EVENT || ev->type == YAML_MAPPING_START_EVENT;
    struct frame *f = top(ps);
    struct az_loc loc = f ? f->loc : loc_bytes(ps, 0, 1);
    if (f && f->kind == FR_SKIP) {
        if (collection)
            f->nested++;
        return;
    }
    if (f && f->kind == FR_MAP && f->want_key) {
        f->want_key = false;
        f->field = F_NONE;
        f->after_key = collection;
    } else if (f && f->kind == FR_SEQ) {
        f->items++;
    } else if (!collection) {
        value_done(ps);
    }
    if (collection)
        push_skip(ps, loc);
}

static void on_event(struct yparse *ps, const yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++ps->ndocs > 1) {
            struct az_loc loc = loc_marks(ps, &ev->start_mark, &ev->end_mark);
            az_diag_report(ps->ctx, AZ_D_SYNTAX, loc,
                           "a second YAML document starts here; authzc reads one document per "
                           "file (put it into a file of its own: several files form one intent)");
            ps->stop = true;
        }
        break;
    case YAML_ALIAS_EVENT:
        refuse_alias(ps, loc_marks(ps, &ev->start_mark, &ev->end_mark), "the alias",
                     az_arena_printf(ps->ctx->arena, "*%s", (const char *)ev->data.alias.anchor));
        drop_node(ps, ev);
        break;
    case YAML_SCALAR_EVENT:
        if (!check_properties(ps, ev))
            drop_node(ps, ev);
        else if (!top(ps) || top(ps)->kind != FR_SKIP)
            on_scalar(ps, ev);
        break;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
        bool ok = check_properties(ps, ev);
        if (++ps->depth > ps->ctx->max_depth) {
            az_diag_report(ps->ctx, AZ_D_LIMIT, loc_marks(ps, &ev->start_mark, NULL),
                           "the YAML nests deeper than %u levels; the intent needs at most 8",
                           ps->ctx->max_depth);
            ps->stop = true;
        } else if (!ok) {
            drop_node(ps, ev);
        } else {
            on_collection(ps, ev);
        }
        break;
    }
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        ps->depth--;
        on_end(ps);
        break;
    default: /* stream start and end, document end */
        break;
    }
}

/* ---- libyaml's errors ---------------------------------------------------------------- */

static bool has(const char *s, const char *part)
{
    return s && strstr(s, part) != NULL;
}

static void report_libyaml_error(struct yparse *ps, const yaml_parser_t *p)
{
    struct az_ctx *ctx = ps->ctx;
    const char *problem = p->problem ? p->problem : "unknown error";
    if (p->error == YAML_MEMORY_ERROR) {
        az_diag_fatal(ctx, "%s: out of memory while reading YAML", ps->src->name);
        return;
    }
    if (p->error == YAML_READER_ERROR) { /* a byte offset, not a mark */
        size_t off = p->problem_offset;
        struct az_loc loc = loc_bytes(ps, off, off + 1);
        if (strcmp(problem, "control characters are not allowed") == 0) {
            if (p->problem_value == 0)
                az_diag_report(ctx, AZ_D_BAD_CHAR, loc,
                               "a NUL byte is not allowed in YAML; is this a text file?");
            else
                az_diag_report(ctx, AZ_D_BAD_CHAR, loc,
                               "the control character U+%04X is not allowed in YAML; remove it",
                               (unsigned)p->problem_value);
        } else if (has(problem, "too long")) {
            az_diag_report(ctx, AZ_D_LIMIT, loc, "the YAML input is too long for libyaml");
        } else if (has(problem, "Unicode character")) {
            az_diag_report(ctx, AZ_D_BAD_UTF8, loc,
                           "the file holds U+%04X, which is not a valid character (a surrogate "
                           "or a non-character); remove it",
                           (unsigned)p->problem_value);
        } else { /* point at the byte that starts the broken character */
            const unsigned char *t = (const unsigned char *)ps->src->text;
            size_t lead = off < ps->src->len ? off : ps->src->len;
            if (has(problem, "trailing")) {
                while (lead > 0 && off - lead < 2 && (t[lead - 1] & 0xC0) == 0x80)
                    lead--;
                if (lead > 0 && t[lead - 1] >= 0xC0)
                    lead--;
            }
            unsigned byte = lead < ps->src->len ? t[lead] : 0u;
            const char *what =
                has(problem, "incomplete") ? "the file ends inside a character"
                : has(problem, "trailing")
                    ? az_arena_printf(ctx->arena,
                                      "byte 0x%02x starts a character the next bytes do not "
                                      "complete (Latin-1 text?)",
                                      byte)
                : has(problem, "length")
                    ? az_arena_printf(ctx->arena, "byte 0x%02x starts an overlong sequence", byte)
                    : az_arena_printf(ctx->arena,
                                      "byte 0x%02x cannot start a character (Latin-1 text?)", byte);
            az_diag_report(ctx, AZ_D_BAD_UTF8, loc_bytes(ps, lead, lead + 1),
                           "the file is not valid UTF-8: %s; save it as UTF-8", what);
        }
        return;
    }

    struct az_loc loc = loc_marks(ps, &p->problem_mark, NULL);
    const char *context = p->context;
    if (has(context, "quoted scalar")) {
        struct az_loc open = loc_marks(ps, &p->context_mark, NULL);
        if (has(problem, "end of stream") || has(problem, "document indicator")) {
            az_diag_report(ctx, AZ_D_UNTERMINATED_STRING, open,
                           "this quoted string is not closed; add the closing %s",
                           ps->src->text[byte_offset(ps, p->context_mark.index)] == '\''
                               ? "' (single quote)"
                               : "\" (double quote)");
            return;
        }
        az_diag_report(ctx, AZ_D_BAD_STRING_CHAR, loc,
                       "%s in the quoted string (double-quoted YAML strings take the escapes "
                       "\\\\, \\\", \\n, \\t, \\xNN and \\uNNNN)",
                       problem);
        return;
    }
    const char *hint = "";
    size_t at = byte_offset(ps, p->problem_mark.index);
    char c = at < ps->src->len ? ps->src->text[at] : '\0';
    if (c == '\t')
        hint = "; YAML indents with spaces, not tabs";
    else if (has(problem, "cannot start any token"))
        hint = "; quote a value that starts with it";
    else if (has(problem, "mapping values are not allowed"))
        hint = "; quote a value that holds ': ', or check the indentation";
    else if (has(problem, "could not find expected ':'"))
        hint = "; a key needs ':' after it";
    else if (has(problem, "did not find expected"))
        hint = "; check the indentation and the brackets";
    if (has(problem, "could not find expected ':'") && context) { /* the key is the place */
        az_diag_report(ctx, AZ_D_SYNTAX, loc_marks(ps, &p->context_mark, NULL),
                       "YAML syntax: no ':' after this key (libyaml: %s %s)", problem, context);
        return;
    }
    if (!context || p->context_mark.index == p->problem_mark.index) {
        az_diag_report(ctx, AZ_D_SYNTAX, loc, "YAML syntax: %s%s%s%s%s", problem,
                       context ? " (" : "", context ? context : "", context ? ")" : "", hint);
        return;
    }
    /* Only blanks from the problem to the end: libyaml noticed at the end of the file what
     * went wrong where the context starts (an open '[', a key without ':'); point there. */
    size_t rest = at;
    while (rest < ps->src->len && strchr(" \t\r\n", ps->src->text[rest]))
        rest++;
    struct az_loc cl = loc_marks(ps, &p->context_mark, NULL);
    if (rest >= ps->src->len)
        az_diag_report(ctx, AZ_D_SYNTAX, cl,
                       "YAML syntax: %s at the end of the file (%s that "
                       "starts here)%s",
                       problem, context, hint);
    else
        az_diag_report(ctx, AZ_D_SYNTAX, loc, "YAML syntax: %s (%s that starts at %u:%u)%s",
                       problem, context, cl.line, cl.col, hint);
}

/* ---- entry --------------------------------------------------------------------------- */

int az_parse_yaml(struct az_ctx *ctx, const struct az_source *src, struct az_intent *out)
{
    unsigned errors = ctx->diags.errors;
    bool fatal = ctx->diags.fatal;
    struct yparse ps = {.ctx = ctx, .src = src, .out = out};
    ps.cap = 2 * ctx->max_depth + 2; /* an implicit list adds a frame per mapping */
    ps.frames = az_arena_alloc(ctx->arena, sizeof *ps.frames * ps.cap);

    /* libyaml takes a lone '\r' for a line end, the line table (and the DSL) does not: carets
     * would point at the wrong line. Refused like the DSL does, before libyaml starts. */
    for (const char *cr = memchr(src->text, '\r', src->len); cr;
         cr = memchr(cr + 1, '\r', src->len - (size_t)(cr + 1 - src->text))) {
        size_t off = (size_t)(cr - src->text);
        if (off + 1 < src->len && cr[1] == '\n')
            continue;
        az_diag_report(ctx, AZ_D_BAD_CHAR, loc_bytes(&ps, off, off + 1),
                       "carriage return (U+000D) without a line feed; save the file with LF or "
                       "CRLF line ends");
        return -1;
    }

    yaml_parser_t parser;
    if (yaml_parser_initialize(&parser) == 0) {
        az_diag_fatal(ctx, "%s: out of memory while reading YAML", src->name);
        return -1;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)src->text, src->len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING); /* never guess UTF-16 */
    for (;;) {
        yaml_event_t ev;
        if (yaml_parser_parse(&parser, &ev) == 0) {
            report_libyaml_error(&ps, &parser);
            break;
        }
        bool end = ev.type == YAML_STREAM_END_EVENT;
        on_event(&ps, &ev);
        yaml_event_delete(&ev);
        if (end || ps.stop)
            break;
    }
    yaml_parser_delete(&parser);

    if (ps.alias_diag && ps.alias_more)
        az_diag_note(ctx, ps.alias_diag, ps.alias_last,
                     "%u more anchor%s or alias%s in this file, the last one here", ps.alias_more,
                     ps.alias_more == 1 ? "" : "s", ps.alias_more == 1 ? "" : "es");
    return ctx->diags.errors != errors || ctx->diags.fatal != fatal ? -1 : 0;
}
