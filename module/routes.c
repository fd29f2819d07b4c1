// SPDX-License-Identifier: GPL-2.0
/*
 * The device's route table: prefix -> peering. The configuration is an
 * array of routes naming peerings by pcx id; what the data path reads is
 * an immutable LPM table built from it, with each route resolved to its
 * peering, or to NULL (blackhole) when that peering does not exist.
 */
#include "device.h"
#include "peer.h"
#include "compat.h"

#include <linux/slab.h>

/* Builds the table for routes[n], without skip, and publishes it. */
static int vp_routes_commit(struct vp_device *vp, const struct vp_route *routes,
			    unsigned int n, const struct vp_peer *skip)
{
	struct vp_lpm_entry *entries;
	struct vp_lpm *t;
	struct vp_peer *peer;
	unsigned int i;
	int ret;

	lockdep_assert_held(&vp->conf_lock);
	entries = kvcalloc(n, sizeof(*entries), GFP_KERNEL);
	if (n && !entries)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		entries[i].prefix = routes[i].prefix;
		peer = vp_peer_find(vp, routes[i].pcx);
		entries[i].value = peer == skip ? NULL : peer;
	}
	t = vp_lpm_build(entries, n, &ret);
	kvfree(entries);
	if (!t)
		return ret;
	vp_device_publish(vp, &vp->route_table, t);
	return 0;
}

int vp_routes_publish(struct vp_device *vp, const struct vp_peer *skip)
{
	return vp_routes_commit(vp, vp->routes, vp->n_routes, skip);
}

static int vp_route_find(struct vp_device *vp, const struct vp_prefix *p)
{
	unsigned int i;

	for (i = 0; i < vp->n_routes; i++)
		if (!memcmp(&vp->routes[i].prefix, p, sizeof(*p)))
			return i;
	return -1;
}

/* Makes routes[n] the configuration if its table can be published. */
static int vp_routes_replace(struct vp_device *vp, struct vp_route *routes,
			     unsigned int n)
{
	int ret = vp_routes_commit(vp, routes, n, NULL);

	if (ret) {
		kvfree(routes);
		return ret;
	}
	kvfree(vp->routes);
	vp->routes = routes;
	vp->n_routes = n;
	return 0;
}

static bool vp_peer_holds(const struct vp_peer *peer,
			  const struct vp_prefix *p)
{
	size_t i;

	for (i = 0; i < vp_lpm_count(peer->cidrs); i++)
		if (vp_prefix_contains(&vp_lpm_entry_at(peer->cidrs, i)->prefix,
				       p))
			return true;
	return false;
}

/*
 * Routes outlive their peering (as blackholes). A peering added again
 * under the same pcx id must hold every route that names it, as route
 * add would have required.
 */
int vp_routes_check_peer(struct vp_device *vp, const struct vp_peer *peer,
			 struct netlink_ext_ack *extack)
{
	char buf[VP_PREFIX_STR];
	unsigned int i;

	lockdep_assert_held(&vp->conf_lock);
	for (i = 0; i < vp->n_routes; i++) {
		if (strcmp(vp->routes[i].pcx, peer->pcx) ||
		    vp_peer_holds(peer, &vp->routes[i].prefix))
			continue;
		vp_err(extack, NULL,
		       "a route via this pcx is outside its cidrs: delete it first",
		       "route %s via %s is outside every cidr given: delete it first",
		       vp_prefix_str(buf, &vp->routes[i].prefix), peer->pcx);
		return -EINVAL;
	}
	return 0;
}

/*
 * Adds routes rs[n], all or none, with one new table. On a refusal *bad
 * is the index of the route refused.
 */
int vp_routes_add(struct vp_device *vp, const struct vp_route *rs,
		  unsigned int n, unsigned int *bad,
		  struct netlink_ext_ack *extack)
{
	unsigned int i, j, count[2] = { };
	char buf[VP_PREFIX_STR];
	struct vp_route *routes;
	struct vp_peer *peer;
	int at;

	lockdep_assert_held(&vp->conf_lock);
	for (i = 0; i < vp->n_routes; i++)
		count[vp->routes[i].prefix.family == VP_AF_INET6]++;
	for (i = 0; i < n; i++) {
		const struct vp_route *r = &rs[i];

		*bad = i;
		peer = vp_peer_find(vp, r->pcx);
		if (!peer) {
			vp_err(extack, NULL, "no such peering",
			       "no peering %s on %s", r->pcx, vp->dev->name);
			return -ENOENT;
		}
		if (!vp_peer_holds(peer, &r->prefix)) {
			vp_err(extack, NULL,
			       "route is outside every cidr of its peering",
			       "route %s is outside every cidr of %s (%s)",
			       vp_prefix_str(buf, &r->prefix), r->pcx,
			       peer->remote_vpc);
			return -EINVAL;
		}
		at = vp_route_find(vp, &r->prefix);
		if (at >= 0) {
			vp_err(extack, NULL, "the route exists",
			       "route %s exists, via %s",
			       vp_prefix_str(buf, &r->prefix),
			       vp->routes[at].pcx);
			return -EEXIST;
		}
		for (j = 0; j < i; j++) {
			if (memcmp(&rs[j].prefix, &r->prefix,
				   sizeof(r->prefix)))
				continue;
			vp_err(extack, NULL, "the route is given twice",
			       "route %s is given twice",
			       vp_prefix_str(buf, &r->prefix));
			return -EEXIST;
		}
		if (++count[r->prefix.family == VP_AF_INET6] >
		    VPCPEER_MAX_ROUTES) {
			vp_err(extack, NULL, "too many routes of one family",
			       "%s would have over %u IPv%u routes, the limit",
			       vp->dev->name, VPCPEER_MAX_ROUTES,
			       r->prefix.family);
			return -ENOSPC;
		}
	}

	routes = kvmalloc_array(vp->n_routes + n, sizeof(*routes), GFP_KERNEL);
	if (!routes)
		return -ENOMEM;
	if (vp->n_routes)
		memcpy(routes, vp->routes, vp->n_routes * sizeof(*routes));
	memcpy(routes + vp->n_routes, rs, n * sizeof(*routes));
	return vp_routes_replace(vp, routes, vp->n_routes + n);
}

/* Deletes the routes of prefixes ps[n], all or none; see vp_routes_add. */
int vp_routes_del(struct vp_device *vp, const struct vp_prefix *ps,
		  unsigned int n, unsigned int *bad,
		  struct netlink_ext_ack *extack)
{
	char buf[VP_PREFIX_STR];
	struct vp_route *routes;
	unsigned int i, j, k;
	bool *gone;
	int at;

	lockdep_assert_held(&vp->conf_lock);
	gone = kvcalloc(vp->n_routes ?: 1, sizeof(*gone), GFP_KERNEL);
	if (!gone)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		*bad = i;
		at = vp_route_find(vp, &ps[i]);
		if (at < 0 || gone[at]) {
			vp_err(extack, NULL, "no such route",
			       "no route %s on %s%s", vp_prefix_str(buf, &ps[i]),
			       vp->dev->name, at < 0 ? "" : " (given twice)");
			kvfree(gone);
			return -ENOENT;
		}
		gone[at] = true;
	}
	routes = kvmalloc_array(vp->n_routes - n ?: 1, sizeof(*routes),
				GFP_KERNEL);
	if (!routes) {
		kvfree(gone);
		return -ENOMEM;
	}
	for (j = 0, k = 0; j < vp->n_routes; j++)
		if (!gone[j])
			routes[k++] = vp->routes[j];
	kvfree(gone);
	return vp_routes_replace(vp, routes, k);
}
