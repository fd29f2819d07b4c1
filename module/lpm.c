// SPDX-License-Identifier: GPL-2.0
/*
 * Immutable longest-prefix-match table: a path-compressed binary trie per
 * address family, stored with its entries in a single allocation.
 *
 * Trie invariants (both roots):
 *  - a node stands for the prefix (key, len); key is zero past len;
 *  - a child has a longer len than its parent and the same first parent->len
 *    bits; child[b] holds the keys whose bit number parent->len is b;
 *  - a node either carries an entry or is a branch node with two children.
 * Every insertion adds at most two nodes (the entry and one branch), so n
 * entries need at most 2 * n nodes. Since a node's key extends the keys of
 * all its ancestors, a lookup walks down while the node matches the address
 * and remembers the last entry node it saw. Lengths grow strictly along a
 * path, so it visits at most 33 or 129 nodes, whatever the number of entries.
 */

#include "lpm.h"

struct vp_lpm_node {
	s32 child[2];	/* node indexes, -1 if none */
	s32 entry;	/* entry index, -1 for a branch node */
	u8 len;		/* prefix length in bits */
	u8 key[16];	/* prefix, zero past len */
};

/* Bit i of addr, counting from the most significant bit of addr[0]. */
static unsigned int vp_bit(const u8 *addr, unsigned int i)
{
	return (addr[i / 8] >> (7 - i % 8)) & 1;
}

/* Number of leading bits a and b have in common, at most max. */
static unsigned int vp_common_bits(const u8 *a, const u8 *b, unsigned int max)
{
	unsigned int bits = 0;
	u8 x;

	while (bits < max) {
		x = a[bits / 8] ^ b[bits / 8];
		if (x) {
			while (!(x & 0x80)) {
				x <<= 1;
				bits++;
			}
			break;
		}
		bits += 8;
	}
	return bits < max ? bits : max;
}

static s32 vp_lpm_new_node(struct vp_lpm *t, s32 *used, const u8 *key,
			   unsigned int len, s32 entry)
{
	struct vp_lpm_node *node = &t->nodes[*used];

	node->child[0] = -1;
	node->child[1] = -1;
	node->entry = entry;
	node->len = len;
	/* Copy the whole bytes of key, then the masked partial byte. */
	memcpy(node->key, key, len / 8);
	if (len % 8)
		node->key[len / 8] = key[len / 8] & (0xff << (8 - len % 8));
	return (*used)++;
}

/* Inserts entry i, whose prefix is known valid and not yet present. */
static void vp_lpm_insert(struct vp_lpm *t, s32 *used, s32 i)
{
	const struct vp_prefix *p = &t->entries[i].prefix;
	s32 *link = p->family == VP_AF_INET ? &t->root4 : &t->root6;
	struct vp_lpm_node *node, *branch;
	unsigned int common;
	s32 cur, add;

	for (;;) {
		cur = *link;
		if (cur < 0) {
			*link = vp_lpm_new_node(t, used, p->addr, p->len, i);
			return;
		}
		node = &t->nodes[cur];
		common = vp_common_bits(node->key, p->addr,
					node->len < p->len ? node->len : p->len);
		if (common == node->len && node->len == p->len) {
			/* Only a branch node can have the same prefix. */
			node->entry = i;
			return;
		}
		if (common == node->len) {
			/* node is a proper prefix of p: go down. */
			link = &node->child[vp_bit(p->addr, node->len)];
			continue;
		}
		if (common == p->len) {
			/* p is a proper prefix of node: put p above it. */
			add = vp_lpm_new_node(t, used, p->addr, p->len, i);
			t->nodes[add].child[vp_bit(node->key, p->len)] = cur;
			*link = add;
			return;
		}
		/* They differ at bit common: add a branch node there. */
		add = vp_lpm_new_node(t, used, p->addr, common, -1);
		branch = &t->nodes[add];
		branch->child[vp_bit(node->key, common)] = cur;
		branch->child[vp_bit(p->addr, common)] =
			vp_lpm_new_node(t, used, p->addr, p->len, i);
		*link = add;
		return;
	}
}

/* Sort order of the entries: family, address, length. */
static int vp_lpm_cmp(const void *a, const void *b)
{
	const struct vp_prefix *pa = &((const struct vp_lpm_entry *)a)->prefix;
	const struct vp_prefix *pb = &((const struct vp_lpm_entry *)b)->prefix;
	int r;

	if (pa->family != pb->family)
		return pa->family < pb->family ? -1 : 1;
	r = memcmp(pa->addr, pb->addr, sizeof(pa->addr));
	if (r)
		return r;
	if (pa->len != pb->len)
		return pa->len < pb->len ? -1 : 1;
	return 0;
}

struct vp_lpm *vp_lpm_build(const struct vp_lpm_entry *entries, size_t n,
			    int *err)
{
	struct vp_lpm *t;
	s32 used = 0;
	size_t i;
	int ret;

	ret = -ENOMEM;
	if (n > VP_LPM_MAX_ENTRIES)
		goto fail;
	for (i = 0; i < n; i++) {
		ret = vp_prefix_check(&entries[i].prefix);
		if (ret)
			goto fail;
	}
	ret = -ENOMEM;
	t = vp_zalloc(sizeof(*t) + n * sizeof(t->entries[0]) +
		      2 * n * sizeof(t->nodes[0]));
	if (!t)
		goto fail;
	t->nodes = (struct vp_lpm_node *)&t->entries[n];
	t->n = n;
	t->root4 = -1;
	t->root6 = -1;
	if (n) {
		memcpy(t->entries, entries, n * sizeof(t->entries[0]));
		vp_sort(t->entries, n, sizeof(t->entries[0]), vp_lpm_cmp);
	}
	/* Sorting puts duplicates next to each other. */
	for (i = 1; i < n; i++) {
		if (!vp_lpm_cmp(&t->entries[i - 1], &t->entries[i])) {
			vp_free(t);
			ret = -EEXIST;
			goto fail;
		}
	}
	/*
	 * Any order gives the same trie shape. Going backwards, a prefix comes
	 * after those it contains, which exercises every vp_lpm_insert() case.
	 */
	for (i = n; i-- > 0;)
		vp_lpm_insert(t, &used, (s32)i);
	if (err)
		*err = 0;
	return t;

fail:
	if (err)
		*err = ret;
	return NULL;
}

void vp_lpm_free(struct vp_lpm *t)
{
	vp_free(t);
}

const struct vp_lpm_entry *vp_lpm_lookup(const struct vp_lpm *t, u8 family,
					 const u8 *addr)
{
	const struct vp_lpm_entry *best = NULL;
	unsigned int bits = vp_family_bits(family);
	const struct vp_lpm_node *node;
	s32 cur;

	if (!t || !bits)
		return NULL;
	cur = family == VP_AF_INET ? t->root4 : t->root6;
	while (cur >= 0) {
		node = &t->nodes[cur];
		/* No match here means no match anywhere below. */
		if (!vp_bits_match(node->key, addr, node->len))
			break;
		if (node->entry >= 0)
			best = &t->entries[node->entry];
		if (node->len >= bits)
			break;
		cur = node->child[vp_bit(addr, node->len)];
	}
	return best;
}

size_t vp_lpm_count(const struct vp_lpm *t)
{
	return t ? t->n : 0;
}

const struct vp_lpm_entry *vp_lpm_entry_at(const struct vp_lpm *t, size_t i)
{
	return t && i < t->n ? &t->entries[i] : NULL;
}
