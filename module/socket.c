// SPDX-License-Identifier: GPL-2.0
/*
 * The underlay: one UDP socket per address family, in the namespace the
 * device was created in (vp->creating_net), bound to the listen port while
 * the device is up. Received datagrams go to vp_udp_recv (receive.c).
 */
#include "socket.h"
#include "wire.h"

#include <linux/inetdevice.h>
#include <linux/udp.h>
#include <net/dst_cache.h>
#include <net/inet_ecn.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>
#include <net/ipv6_stubs.h>
#include <net/route.h>
#include <net/udp_tunnel.h>

static int vp_sock_create(struct vp_device *vp, int family, u16 port,
			  struct sock **skp)
{
	struct udp_tunnel_sock_cfg tcfg = {
		.sk_user_data = vp,
		.encap_type = 1,
		.encap_rcv = vp_udp_recv,
	};
	struct udp_port_cfg cfg = {
		.family = family,
		.local_udp_port = htons(port),
		.ipv6_v6only = family == AF_INET6,
	};
	struct socket *sock;
	int ret;

	if (family == AF_INET)
		cfg.local_ip.s_addr = htonl(INADDR_ANY);
	else
		cfg.local_ip6 = in6addr_any;
	ret = udp_sock_create(vp->creating_net, &cfg, &sock);
	if (ret)
		return ret;
	setup_udp_tunnel_sock(vp->creating_net, sock, &tcfg);
	/*
	 * UDP GRO, as the UDP_GRO socket option sets it but without
	 * accepting GSO packets: an underlay device that does GRO merges a
	 * burst of our datagrams into one trip through IP and the socket
	 * lookup; udp_queue_rcv_skb() splits it again for vp_udp_recv().
	 */
	udp_set_bit(GRO_ENABLED, sock->sk);
	*skp = sock->sk;
	return 0;
}

static void vp_sock_free(struct sock *sk)
{
	if (sk)
		udp_tunnel_sock_release(sk->sk_socket);
}

/*
 * (Re)binds both sockets to port (0: any, the same for both families).
 * On failure the old sockets stay. Caller holds vp->conf_lock.
 */
/* Puts new4/new6 (either may be NULL) in place and frees the old ones. */
static void vp_socket_swap(struct vp_device *vp, struct sock *new4,
			   struct sock *new6)
{
	struct sock *old4, *old6;

	old4 = rcu_replace_pointer(vp->sock4, new4,
				   lockdep_is_held(&vp->conf_lock));
	old6 = rcu_replace_pointer(vp->sock6, new6,
				   lockdep_is_held(&vp->conf_lock));
	/* Senders and receivers may still hold the old sockets. */
	synchronize_net();
	vp_sock_free(old4);
	vp_sock_free(old6);
}

int vp_socket_open(struct vp_device *vp, u16 port)
{
	struct sock *new4 = NULL, *new6 = NULL;
	int ret, tries = port ? 1 : 16;

	lockdep_assert_held(&vp->conf_lock);
	if (!vp->creating_net)
		return -ENETDOWN;
	while (tries--) {
		ret = vp_sock_create(vp, AF_INET, port, &new4);
		if (ret)
			return ret;
		ret = vp_sock_create(vp, AF_INET6, ntohs(inet_sk(new4)->inet_sport),
				     &new6);
		/* Without IPv6 in that namespace, IPv4 alone serves. */
		if (!ret || ret == -EAFNOSUPPORT || ret == -EPFNOSUPPORT) {
			ret = 0;
			break;
		}
		vp_sock_free(new4);
		new4 = NULL;
		/* Port 0: the IPv4 port may be taken for IPv6; try another. */
		if (ret != -EADDRINUSE)
			return ret;
	}
	if (ret)
		return ret;
	vp_socket_swap(vp, new4, new6);
	return 0;
}

void vp_socket_close(struct vp_device *vp)
{
	vp_socket_swap(vp, NULL, NULL);
}

/* The bound port, or 0 when the device is down. Caller holds conf_lock. */
u16 vp_socket_port(struct vp_device *vp)
{
	struct sock *sk;

	sk = rcu_dereference_protected(vp->sock4,
				       lockdep_is_held(&vp->conf_lock)) ?:
	     rcu_dereference_protected(vp->sock6,
				       lockdep_is_held(&vp->conf_lock));
	return sk ? ntohs(inet_sk(sk)->inet_sport) : 0;
}

/*
 * The route for fl4, whose saddr it fills: to the peering's endpoint from
 * its dst_cache or looked up and cached (cached: caller holds the
 * endpoint lock), or to another address, looked up. Caller holds
 * rcu_read_lock_bh.
 */
static struct rtable *vp_route4(struct vp_device *vp, struct vp_peer *peer,
				struct sock *sk, struct flowi4 *fl4, bool cached)
{
	struct rtable *rt;

	rt = cached ? dst_cache_get_ip4(&peer->dst_cache, &fl4->saddr) : NULL;
	if (rt)
		return rt;
	rt = ip_route_output_flow(sock_net(sk), fl4, sk);
	if (IS_ERR(rt))
		return rt;
	if (rt->dst.dev == vp->dev) {
		ip_rt_put(rt);
		return ERR_PTR(-ELOOP);
	}
	if (cached)
		dst_cache_set_ip4(&peer->dst_cache, &rt->dst, fl4->saddr);
	return rt;
}

/* The same for IPv6. */
static struct dst_entry *vp_route6(struct vp_device *vp, struct vp_peer *peer,
				   struct sock *sk, struct flowi6 *fl6, bool cached)
{
	struct dst_entry *dst;

	dst = cached ? dst_cache_get_ip6(&peer->dst_cache, &fl6->saddr) : NULL;
	if (dst)
		return dst;
	dst = ipv6_stub->ipv6_dst_lookup_flow(sock_net(sk), sk, fl6, NULL);
	if (IS_ERR(dst))
		return dst;
	if (dst->dev == vp->dev) {
		dst_release(dst);
		return ERR_PTR(-ELOOP);
	}
	if (cached)
		dst_cache_set_ip6(&peer->dst_cache, dst, &fl6->saddr);
	return dst;
}

/*
 * udp_tunnel_xmit_skb() and iptunnel_xmit(), but returning whether the
 * underlay's IP output took the datagram: they feed that verdict only to
 * the tstats of skb->dev, as VXLAN and Geneve count, and a peering keeps
 * counters of its own. A drop after a qdisc queued it is not seen.
 * Consumes skb; 0 or NET_XMIT_DROP.
 */
static int vp_udp_xmit4(struct sock *sk, struct rtable *rt,
			struct sk_buff *skb, __be32 src, __be32 dst, u8 tos,
			__be16 sport, __be16 dport, bool xnet)
{
	struct net *net = dev_net(rt->dst.dev);
	struct udphdr *uh;
	struct iphdr *iph;
	int err;

	__skb_push(skb, sizeof(*uh));
	skb_reset_transport_header(skb);
	uh = udp_hdr(skb);
	uh->dest = dport;
	uh->source = sport;
	uh->len = htons(skb->len);
	memset(&IPCB(skb)->opt, 0, sizeof(IPCB(skb)->opt));
	udp_set_csum(false, skb, src, dst, skb->len);

	skb_scrub_packet(skb, xnet);
	skb_clear_hash_if_not_l4(skb);
	skb_dst_set(skb, &rt->dst);
	memset(IPCB(skb), 0, sizeof(*IPCB(skb)));
	skb_push(skb, sizeof(*iph));
	skb_reset_network_header(skb);
	iph = ip_hdr(skb);
	iph->version = 4;
	iph->ihl = sizeof(*iph) >> 2;
	iph->frag_off = 0;	/* the underlay may fragment: see vp_too_big() */
	iph->protocol = IPPROTO_UDP;
	iph->tos = tos;
	iph->daddr = dst;
	iph->saddr = src;
	iph->ttl = ip4_dst_hoplimit(&rt->dst);
	__ip_select_ident(net, iph, 1);
	err = ip_local_out(net, sk, skb);
	return net_xmit_eval(err);	/* a macro: evaluates its argument twice */
}

/* The same for IPv6: udp_tunnel6_xmit_skb() and ip6tunnel_xmit(). */
static int vp_udp_xmit6(struct sock *sk, struct dst_entry *dst,
			struct sk_buff *skb, const struct in6_addr *saddr,
			const struct in6_addr *daddr, u8 tclass, __be16 sport,
			__be16 dport)
{
	struct ipv6hdr *ip6h;
	struct udphdr *uh;
	int err;

	__skb_push(skb, sizeof(*uh));
	skb_reset_transport_header(skb);
	uh = udp_hdr(skb);
	uh->dest = dport;
	uh->source = sport;
	uh->len = htons(skb->len);
	skb_dst_set(skb, dst);
	udp6_set_csum(false, skb, saddr, daddr, skb->len);

	__skb_push(skb, sizeof(*ip6h));
	skb_reset_network_header(skb);
	ip6h = ipv6_hdr(skb);
	ip6_flow_hdr(ip6h, tclass, 0);
	ip6h->payload_len = htons(skb->len - sizeof(*ip6h));
	ip6h->nexthdr = IPPROTO_UDP;
	ip6h->hop_limit = ip6_dst_hoplimit(dst);
	ip6h->daddr = *daddr;
	ip6h->saddr = *saddr;
	memset(skb->cb, 0, sizeof(struct inet6_skb_parm));
	err = ip6_local_out(dev_net(dst->dev), sk, skb);
	return net_xmit_eval(err);
}

/*
 * Routes skb to the peering's endpoint and sends it. Nothing below counts
 * for the device (skb->dev is cleared): its counters are ours to keep, and
 * they count inner packets, as the peering counters do. Consumes skb.
 */
static int vp_send4(struct vp_device *vp, struct vp_peer *peer,
		    struct sk_buff *skb, u8 tos, __be16 sport,
		    const struct sockaddr_in *ep, bool cached)
{
	struct sock *sk = rcu_dereference_bh(vp->sock4);
	struct flowi4 fl4 = {
		.daddr = ep->sin_addr.s_addr,
		.fl4_dport = ep->sin_port,
		.fl4_sport = sport,
		.flowi4_proto = IPPROTO_UDP,
	};
	struct rtable *rt;

	if (!sk)
		goto drop;
	rt = vp_route4(vp, peer, sk, &fl4, cached);
	if (IS_ERR(rt)) {
		kfree_skb(skb);
		return PTR_ERR(rt);
	}
	skb->dev = NULL;
	return vp_udp_xmit4(sk, rt, skb, fl4.saddr, fl4.daddr, tos, sport,
			    ep->sin_port,
			    !net_eq(sock_net(sk), dev_net(vp->dev)));
drop:
	kfree_skb(skb);
	return -ENETDOWN;
}

static int vp_send6(struct vp_device *vp, struct vp_peer *peer,
		    struct sk_buff *skb, u8 tclass, __be16 sport,
		    const struct sockaddr_in6 *ep, bool cached)
{
	struct sock *sk = rcu_dereference_bh(vp->sock6);
	struct flowi6 fl6 = {
		.daddr = ep->sin6_addr,
		.fl6_dport = ep->sin6_port,
		.fl6_sport = sport,
		.flowi6_proto = IPPROTO_UDP,
		.flowi6_oif = ep->sin6_scope_id,
	};
	struct dst_entry *dst;

	if (!sk)
		goto drop;
	dst = vp_route6(vp, peer, sk, &fl6, cached);
	if (IS_ERR(dst)) {
		kfree_skb(skb);
		return PTR_ERR(dst);
	}
	/*
	 * Leave the inner route, conntrack entry and mark behind, as
	 * iptunnel_xmit() does for IPv4 (ip6tunnel_xmit() does not).
	 */
	skb_scrub_packet(skb, !net_eq(sock_net(sk), dev_net(vp->dev)));
	skb->dev = NULL;
	/*
	 * vp_xmit() has refused, with ICMP, what must not be fragmented;
	 * the rest the underlay fragments, as it does over IPv4 (where the
	 * outer DF bit is clear). The scrub cleared this.
	 */
	skb->ignore_df = 1;
	return vp_udp_xmit6(sk, dst, skb, &fl6.saddr, &fl6.daddr, tclass,
			    sport, ep->sin6_port);
drop:
	kfree_skb(skb);
	return -ENETDOWN;
}

/*
 * The largest inner packet that reaches the peering's endpoint
 * unfragmented: the underlay path MTU less the outer IP header, UDP, the
 * vpcpeer header and the tag; 0 when there is no underlay route (the send
 * fails and counts it). Caller holds rcu_read_lock_bh.
 */
int vp_socket_inner_mtu(struct vp_device *vp, struct vp_peer *peer)
{
	const int encap = sizeof(struct udphdr) + VP_HDR_LEN + VP_TAG_LEN;
	struct dst_entry *dst;
	struct rtable *rt;
	struct sock *sk;
	int mtu;

	read_lock_bh(&peer->endpoint_lock);
	if (peer->endpoint.sa.sa_family == AF_INET) {
		struct flowi4 fl4 = {
			.daddr = peer->endpoint.in4.sin_addr.s_addr,
			.fl4_dport = peer->endpoint.in4.sin_port,
			.flowi4_proto = IPPROTO_UDP,
		};

		sk = rcu_dereference_bh(vp->sock4);
		rt = sk ? vp_route4(vp, peer, sk, &fl4, true) : ERR_PTR(-ENETDOWN);
		mtu = 0;
		if (!IS_ERR(rt)) {
			mtu = dst_mtu(&rt->dst) - sizeof(struct iphdr) - encap;
			ip_rt_put(rt);
		}
	} else {
		struct flowi6 fl6 = {
			.daddr = peer->endpoint.in6.sin6_addr,
			.fl6_dport = peer->endpoint.in6.sin6_port,
			.flowi6_proto = IPPROTO_UDP,
			.flowi6_oif = peer->endpoint.in6.sin6_scope_id,
		};

		sk = rcu_dereference_bh(vp->sock6);
		dst = sk ? vp_route6(vp, peer, sk, &fl6, true) : ERR_PTR(-ENETDOWN);
		mtu = 0;
		if (!IS_ERR(dst)) {
			mtu = dst_mtu(dst) - sizeof(struct ipv6hdr) - encap;
			dst_release(dst);
		}
	}
	read_unlock_bh(&peer->endpoint_lock);
	return max(mtu, 0);
}

/*
 * Sends an encapsulated packet to the peering's endpoint; the skb is
 * consumed whatever happens. Returns 0 only if the underlay's IP output
 * took it. The outer header carries the inner DSCP and ECN (dsfield), an
 * inner CE as ECT(0) (RFC 6040, normal mode). The outer source port comes
 * from the inner flow's hash (taken before encryption) so that ECMP and RSS
 * spread flows. Caller holds rcu_read_lock_bh.
 */
int vp_socket_send(struct vp_device *vp, struct vp_peer *peer,
		   struct sk_buff *skb, u8 dsfield)
{
	return vp_socket_send_to(vp, peer, skb, dsfield, NULL);
}

int vp_socket_send_to(struct vp_device *vp, struct vp_peer *peer,
		      struct sk_buff *skb, u8 dsfield,
		      const union vp_endpoint *to)
{
	struct net *net = dev_net(vp->dev);
	__be16 sport = udp_flow_src_port(net, skb, 0, 0, true);
	u8 tos = INET_ECN_encapsulate(dsfield, dsfield);
	int ret;

	/* A packet of a removed peering must not refill its dst cache. */
	if (unlikely(READ_ONCE(peer->removed))) {
		kfree_skb(skb);
		return -ENOENT;
	}
	if (to) {
		if (to->sa.sa_family == AF_INET)
			return vp_send4(vp, peer, skb, tos, sport, &to->in4,
					false);
		return vp_send6(vp, peer, skb, tos, sport, &to->in6, false);
	}
	/*
	 * The endpoint and its cached route change together: the read lock
	 * keeps a route to an old endpoint out of the cache.
	 */
	read_lock_bh(&peer->endpoint_lock);
	if (peer->endpoint.sa.sa_family == AF_INET)
		ret = vp_send4(vp, peer, skb, tos, sport, &peer->endpoint.in4,
			       true);
	else
		ret = vp_send6(vp, peer, skb, tos, sport, &peer->endpoint.in6,
			       true);
	read_unlock_bh(&peer->endpoint_lock);
	return ret;
}

/* The outer source of a received datagram (IP and UDP headers in skb). */
void vp_socket_source(const struct sk_buff *skb, union vp_endpoint *ep)
{
	memset(ep, 0, sizeof(*ep));
	if (ip_hdr(skb)->version == 4) {
		ep->in4.sin_family = AF_INET;
		ep->in4.sin_addr.s_addr = ip_hdr(skb)->saddr;
		ep->in4.sin_port = udp_hdr(skb)->source;
	} else {
		ep->in6.sin6_family = AF_INET6;
		ep->in6.sin6_addr = ipv6_hdr(skb)->saddr;
		ep->in6.sin6_port = udp_hdr(skb)->source;
		ep->in6.sin6_scope_id =
			ipv6_iface_scope_id(&ipv6_hdr(skb)->saddr,
					    skb->skb_iif);
	}
}

static bool vp_endpoint_eq(const union vp_endpoint *a,
			   const union vp_endpoint *b)
{
	if (a->sa.sa_family != b->sa.sa_family)
		return false;
	if (a->sa.sa_family == AF_INET)
		return a->in4.sin_port == b->in4.sin_port &&
		       a->in4.sin_addr.s_addr == b->in4.sin_addr.s_addr;
	return a->in6.sin6_port == b->in6.sin6_port &&
	       ipv6_addr_equal(&a->in6.sin6_addr, &b->in6.sin6_addr) &&
	       a->in6.sin6_scope_id == b->in6.sin6_scope_id;
}

/*
 * Sets ep's port to the peering's. Datagrams leave from ports hashed from
 * their flows (vp_socket_send()), not from the listen port, so only a
 * datagram's source address says where a peer is; its port stays the
 * configured one.
 */
void vp_socket_peer_port(struct vp_peer *peer, union vp_endpoint *ep)
{
	__be16 port;

	read_lock_bh(&peer->endpoint_lock);
	port = peer->endpoint.sa.sa_family == AF_INET ?
	       peer->endpoint.in4.sin_port : peer->endpoint.in6.sin6_port;
	read_unlock_bh(&peer->endpoint_lock);
	if (ep->sa.sa_family == AF_INET)
		ep->in4.sin_port = port;
	else
		ep->in6.sin6_port = port;
}

/*
 * An authentic packet of the peering came from skb's source address: it
 * is the peering's address from now on (roaming, as wireguard follows
 * it), at the same port.
 */
void vp_socket_set_endpoint(struct vp_peer *peer, const struct sk_buff *skb)
{
	union vp_endpoint ep;
	bool same;

	vp_socket_source(skb, &ep);
	vp_socket_peer_port(peer, &ep);
	read_lock_bh(&peer->endpoint_lock);
	same = vp_endpoint_eq(&ep, &peer->endpoint);
	read_unlock_bh(&peer->endpoint_lock);
	if (same)
		return;
	write_lock_bh(&peer->endpoint_lock);
	peer->endpoint = ep;
	dst_cache_reset(&peer->dst_cache);
	write_unlock_bh(&peer->endpoint_lock);
}

void vp_socket_endpoint(struct vp_peer *peer, union vp_endpoint *ep)
{
	read_lock_bh(&peer->endpoint_lock);
	*ep = peer->endpoint;
	read_unlock_bh(&peer->endpoint_lock);
}
