// SPDX-License-Identifier: GPL-2.0
/*
 * vpcpeerctl's configuration files (conf.c): every key, the print ->
 * parse round trip, the comparison syncconf uses, and the refusals, each
 * with its FILE:LINE.
 */
#include "tap.h"
#include "conf.h"

#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static char why[CONF_WHY_LEN];

/* 32 bytes 0x00..0x1f, and another secret, base64. */
#define SECRET_A "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
#define SECRET_B "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8="

static const char full[] =
	"# a comment\n"
	"[Device]\n"
	"VpcId = vpc-a\n"
	"Cidr = 10.1.0.0/16, fd00:1::/48\n"
	"Cidr = 10.9.0.0/16   # repeated: appended\n"
	"ListenPort = 51820\n"
	"Region = eu-west-1\n"
	"\n"
	"[Peering]\n"
	"Pcx = pcx-0ab\n"
	"RemoteVpc = vpc-b\n"
	"Cidr = 10.2.0.0/16,fd00:2::/48\n"
	"Endpoint = 192.0.2.2:51821\n"
	"Secret = " SECRET_A "\n"
	"Cipher = aes-gcm-128\n"
	"Region = us-east-1\n"
	"Keepalive = 0\n"
	"DeadAfter = 3600\n"
	"Route = 10.2.0.0/16, fd00:2::/64\n"
	"Route = 10.2.3.0/24\n"
	"\n"
	"[peering]\n"			/* names and keys: any case */
	"pcx = pcx-0cc\n"
	"REMOTEVPC = vpc-c\n"
	"Cidr = 10.3.0.0/16\n"
	"Endpoint = [2001:db8::3]:51822\n";

static int parse(const char *text, struct conf *c)
{
	return conf_parse("t.conf", text, strlen(text), c, why);
}

/* Parses text, which must fail with exactly want. */
static void refused(const char *text, const char *want)
{
	struct conf c;

	if (!parse(text, &c)) {
		fprintf(stderr, "# accepted: %s\n", text);
		conf_free(&c);
		CHECK(0);
		return;
	}
	if (strcmp(why, want))
		fprintf(stderr, "# got  \"%s\"\n# want \"%s\"\n", why, want);
	CHECK(!strcmp(why, want));
	CHECK(c.n_peers == 0 && c.peers == NULL);	/* freed */
}

TEST(test_every_key)
{
	char buf[PREFIX_STRLEN], ep[ENDPOINT_STRLEN];
	uint8_t secret[VPCPEER_SECRET_LEN];
	struct conf_peer *p;
	struct conf c;
	int i;

	for (i = 0; i < VPCPEER_SECRET_LEN; i++)
		secret[i] = (uint8_t)i;
	CHECK(!parse(full, &c));
	if (*why)
		fprintf(stderr, "# %s\n", why);
	CHECK(c.has_vpc_id && !strcmp(c.vpc_id, "vpc-a"));
	CHECK(c.has_cidrs && c.cidrs.n == 3);
	CHECK(!strcmp(prefix_format(&c.cidrs.p[1], buf), "fd00:1::/48"));
	CHECK(!strcmp(prefix_format(&c.cidrs.p[2], buf), "10.9.0.0/16"));
	CHECK_EQ(c.cidrs.line[2], 5);
	CHECK(c.has_port && c.listen_port == 51820);
	CHECK(c.has_region && !strcmp(c.region, "eu-west-1"));
	CHECK_EQ(c.n_peers, 2);
	if (c.n_peers != 2)
		goto out;
	p = &c.peers[0];
	CHECK(!strcmp(p->pcx, "pcx-0ab") && !strcmp(p->remote_vpc, "vpc-b"));
	CHECK_EQ(p->line, 9);
	CHECK(p->cidrs.n == 2);
	CHECK(!strcmp(endpoint_format(&p->endpoint, ep), "192.0.2.2:51821"));
	CHECK(p->has_secret && !memcmp(p->secret, secret, sizeof(secret)));
	CHECK(p->cipher == VPCPEER_CIPHER_AES_GCM_128);
	CHECK(!strcmp(p->region, "us-east-1"));
	CHECK(p->keepalive == 0 && p->dead_after == 3600);
	CHECK_EQ(p->routes.n, 3);
	CHECK(!strcmp(prefix_format(&p->routes.p[1], buf), "fd00:2::/64"));
	CHECK_EQ(p->routes.line[2], 20);
	/* What a [Peering] leaves out: the kernel's defaults. */
	p = &c.peers[1];
	CHECK(!strcmp(p->pcx, "pcx-0cc") && !strcmp(p->remote_vpc, "vpc-c"));
	CHECK(!strcmp(endpoint_format(&p->endpoint, ep), "[2001:db8::3]:51822"));
	CHECK(!p->has_secret && !p->region[0] && !p->routes.n);
	CHECK(p->cipher == VPCPEER_CIPHER_AES_GCM_256);
	CHECK(p->keepalive == 10 && p->dead_after == 30);
	CHECK(conf_peer_find(&c, "pcx-0cc") == p);
	CHECK(!conf_peer_find(&c, "pcx-0dd"));
out:
	conf_free(&c);
}

TEST(test_empty_and_device_only)
{
	struct conf c;

	CHECK(!parse("", &c));
	CHECK(!c.has_vpc_id && !c.has_cidrs && !c.has_port && !c.n_peers);
	conf_free(&c);
	CHECK(!parse("[Device]\nListenPort=0\n", &c));
	CHECK(c.has_port && c.listen_port == 0 && !c.has_vpc_id);
	conf_free(&c);
	/* No newline at the end, CRLF line ends. */
	CHECK(!parse("[Device]\r\nVpcId = x\r\nRegion = r", &c));
	CHECK(!strcmp(c.vpc_id, "x") && !strcmp(c.region, "r"));
	conf_free(&c);
}

TEST(test_secret_file)
{
	char path[] = "/tmp/test_conf.XXXXXX", text[256];
	struct conf c;
	int fd = mkstemp(path);

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	CHECK(write(fd, SECRET_B "\n", sizeof(SECRET_B)) ==
	      (ssize_t)sizeof(SECRET_B));
	close(fd);
	snprintf(text, sizeof(text),
		 "[Peering]\nPcx=pcx-1\nRemoteVpc=b\nCidr=10.2.0.0/16\n"
		 "Endpoint=1.2.3.4:5\nSecretFile=%s\n", path);
	CHECK(!parse(text, &c));
	CHECK(c.n_peers == 1 && c.peers[0].has_secret &&
	      c.peers[0].secret[0] == 0x20 && c.peers[0].secret[31] == 0x3f);
	conf_free(&c);
	unlink(path);
	CHECK(parse(text, &c));
	CHECK(!strncmp(why, "t.conf:6: SecretFile /tmp/test_conf.", 36) &&
	      strstr(why, ": No such file or directory"));
}

/* The message for a SecretFile that is gone names it: checked apart. */
TEST(test_secret_file_refused)
{
	struct conf c;

	CHECK(parse("[Peering]\nSecretFile=/nonexistent/k\n", &c));
	CHECK(!strcmp(why, "t.conf:2: SecretFile /nonexistent/k: No such file or directory"));
	refused("[Peering]\nSecretFile=/dev/null\n",
		"t.conf:2: SecretFile /dev/null: not a base64 256-bit secret");
}

TEST(test_round_trip)
{
	struct conf a, b;
	char *text = NULL, *again = NULL;
	size_t len = 0, len2 = 0, i;
	FILE *f;

	CHECK(!parse(full, &a));
	f = open_memstream(&text, &len);
	conf_print(f, &a);
	fclose(f);
	CHECK(!conf_parse("printed", text, len, &b, why));
	if (*why)
		fprintf(stderr, "# %s\n%s", why, text);
	CHECK(a.has_vpc_id == b.has_vpc_id && !strcmp(a.vpc_id, b.vpc_id));
	CHECK(conf_prefixes_same(&a.cidrs, &b.cidrs));
	CHECK(a.has_port == b.has_port && a.listen_port == b.listen_port);
	CHECK(a.has_region == b.has_region && !strcmp(a.region, b.region));
	CHECK_EQ(a.n_peers, b.n_peers);
	for (i = 0; i < a.n_peers && i < b.n_peers; i++) {
		CHECK(conf_peer_same(&a.peers[i], &b.peers[i]));
		CHECK(conf_prefixes_same(&a.peers[i].routes,
					 &b.peers[i].routes));
		CHECK(a.peers[i].has_secret == b.peers[i].has_secret);
		CHECK(!memcmp(a.peers[i].secret, b.peers[i].secret,
			      VPCPEER_SECRET_LEN));
	}
	/* Printed again: the same text. */
	f = open_memstream(&again, &len2);
	conf_print(f, &b);
	fclose(f);
	CHECK(len == len2 && !memcmp(text, again, len));
	/* A peering without a secret gets the comment instead. */
	CHECK(strstr(text, "Secret = " SECRET_A "\n"));
	CHECK(strstr(text, "# Secret: the kernel never shows it"));
	free(text);
	free(again);
	conf_free(&a);
	conf_free(&b);
}

TEST(test_print_orphans)
{
	struct prefix p;
	struct conf c;
	char w[WHY_LEN], *text = NULL;
	size_t len = 0;
	FILE *f;

	conf_init(&c);
	CHECK(!prefix_parse("10.7.0.0/16", &p, w));
	CHECK(!conf_orphan_add(&c, &p, "pcx-77"));
	f = open_memstream(&text, &len);
	conf_print(f, &c);
	fclose(f);
	CHECK(!strcmp(text, "[Device]\n\n"
		      "# Routes via no peering of this device (blackholes):\n"
		      "# Route = 10.7.0.0/16 via pcx-77\n"));
	free(text);
	conf_free(&c);
}

TEST(test_peer_same)
{
	struct conf a, b;
	struct conf_peer *p, *q;
	char w[WHY_LEN];

	CHECK(!parse(full, &a));
	CHECK(!parse(full, &b));
	p = &a.peers[0];
	q = &b.peers[0];
	CHECK(conf_peer_same(p, q));
	/* The order of the cidrs does not count, nor the secret. */
	q->cidrs.p[0] = p->cidrs.p[1];
	q->cidrs.p[1] = p->cidrs.p[0];
	q->secret[0] ^= 1;
	CHECK(conf_peer_same(p, q));
	q->keepalive = 11;
	CHECK(!conf_peer_same(p, q));
	q->keepalive = p->keepalive;
	q->dead_after = 31;
	CHECK(!conf_peer_same(p, q));
	q->dead_after = p->dead_after;
	q->cipher = VPCPEER_CIPHER_AES_GCM_256;
	CHECK(!conf_peer_same(p, q));
	q->cipher = p->cipher;
	strcpy(q->region, "x");
	CHECK(!conf_peer_same(p, q));
	strcpy(q->region, p->region);
	strcpy(q->remote_vpc, "vpc-x");
	CHECK(!conf_peer_same(p, q));
	strcpy(q->remote_vpc, p->remote_vpc);
	q->endpoint.in4.sin_port ^= 1;
	CHECK(!conf_peer_same(p, q));
	q->endpoint = p->endpoint;
	CHECK(!prefix_parse("10.2.0.0/17", &q->cidrs.p[0], w));
	CHECK(!conf_peer_same(p, q));
	q->cidrs.n = 1;
	CHECK(!conf_peer_same(p, q));
	CHECK(conf_peer_same(p, p));
	conf_free(&a);
	conf_free(&b);
}

#define PEER(pcx, vpc, cidr) \
	"[Peering]\nPcx=" pcx "\nRemoteVpc=" vpc "\nCidr=" cidr \
	"\nEndpoint=1.2.3.4:5\n"

/*
 * A secret that lost its key (a typo, a line of its own) is never quoted
 * in the message: the message goes to terminals, logs and batch output.
 */
TEST(test_refusal_hides_secret)
{
#define KEY "sVjNN0J1s2+Y7xYqg0d2Q0P5yZp8m1c3nV4b6FY+b4c="
	static const char *const lines[] = {
		"[Peering]\nSecret: " KEY "\n",
		"[Peering]\nSecret " KEY "\n",
		"[Peering]\n" KEY "\n",
		"[Device]\n" KEY "\n",
		"[" KEY "]\n",
		"[" KEY "\n",
		KEY "\n",
		"[Peering]\n" KEY "x = 1\n",
	};
	size_t i;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		struct conf c;

		if (!parse(lines[i], &c)) {
			conf_free(&c);
			CHECK(0);
			continue;
		}
		if (strstr(why, "sVjNN"))
			fprintf(stderr, "# secret in \"%s\"\n", why);
		CHECK(!strstr(why, "sVjNN") && strstr(why, "t.conf:"));
	}
#undef KEY
}

TEST(test_refusals)
{
	refused("[Device]\nFoo = 1\n", "t.conf:2: unknown key in [Device]: Foo");
	refused("[Peering]\nVpcId = 1\n",
		"t.conf:2: unknown key in [Peering]: VpcId");
	refused("VpcId = a\n",
		"t.conf:1: VpcId outside a [Device] or [Peering] section");
	refused("[Interface]\n",
		"t.conf:1: unknown section [Interface] (not [Device] or [Peering])");
	refused("[Device\n", "t.conf:1: [Device: not a [Section] line");
	refused("[Device]\n[Device]\n", "t.conf:2: a second [Device] section");
	refused("[Device]\nVpcId\n", "t.conf:2: VpcId: not Key = Value");
	refused("[Device]\n= x\n", "t.conf:2: the line: not Key = Value");
	refused("[Device]\nVpcId =\n", "t.conf:2: VpcId has no value");
	refused("[Device]\nVpcId = a\nVpcId = b\n",
		"t.conf:3: VpcId given twice in one section");
	refused("[Device]\nVpcId = a/b\n",
		"t.conf:2: VpcId \"a/b\": not 1 to 63 of A-Z a-z 0-9 . _ -");
	refused("[Device]\nRegion = \n", "t.conf:2: Region has no value");
	refused("[Device]\nListenPort = 65536\n",
		"t.conf:2: ListenPort \"65536\": not 0 to 65535");
	refused("[Device]\nCidr = 10.1.0.1/16\n",
		"t.conf:2: Cidr 10.1.0.1/16: host bits set (did you mean 10.1.0.0/16?)");
	refused("[Device]\nCidr = 10.1.0.0/16,\n",
		"t.conf:2: Cidr 10.1.0.0/16,: empty element in the list");
	refused("[Device]\nCidr = 10.1.0.0/16\nCidr = 10.1.0.0/16\n",
		"t.conf:3: Cidr 10.1.0.0/16: given twice");
	refused("[Device]\nCidr = 1.0.0.0/8,2.0.0.0/8,3.0.0.0/8,4.0.0.0/8,"
		"5.0.0.0/8,6.0.0.0/8,7.0.0.0/8,8.0.0.0/8,9.0.0.0/8\n"
		"Cidr = 11.0.0.0/8,12.0.0.0/8,13.0.0.0/8,14.0.0.0/8,"
		"15.0.0.0/8,16.0.0.0/8,17.0.0.0/8,18.0.0.0/8\n",
		"t.conf:3: Cidr 18.0.0.0/8: more than 16 IPv4 prefixes");
	refused("[Peering]\nPcx = pcx-0AB\n",
		"t.conf:2: Pcx \"pcx-0AB\": not \"pcx-\" and 1 to 17 lowercase hex digits");
	refused(PEER("pcx-1", "b", "10.2.0.0/16") PEER("pcx-1", "c", "10.3.0.0/16"),
		"t.conf:7: Pcx pcx-1: a second [Peering] with it");
	refused("[Peering]\nPcx=pcx-1\nRemoteVpc=b\nCidr=10.2.0.0/16\n",
		"t.conf:1: [Peering] without Endpoint");
	refused("[Peering]\nRemoteVpc=b\n[Device]\n",
		"t.conf:1: [Peering] without Pcx");
	refused("[Peering]\nPcx=pcx-1\nCidr=10.2.0.0/16\n",
		"t.conf:1: [Peering] without RemoteVpc");
	refused("[Peering]\nPcx=pcx-1\nRemoteVpc=b\n",
		"t.conf:1: [Peering] without Cidr");
	refused("[Peering]\nEndpoint = 1.2.3.4\n",
		"t.conf:2: Endpoint 1.2.3.4: not ADDR:PORT");
	refused("[Peering]\nEndpoint = 1.2.3.4:5\nEndpoint = 1.2.3.4:6\n",
		"t.conf:3: Endpoint given twice in one section");
	refused("[Peering]\nSecret = AAAA\n",
		"t.conf:2: Secret: not a base64 256-bit secret (as genkey prints)");
	refused("[Peering]\nSecret = " SECRET_A "\nSecretFile = /x\n",
		"t.conf:3: Secret or SecretFile given twice in one section");
	refused("[Peering]\nCipher = aes-gcm-192\n",
		"t.conf:2: Cipher \"aes-gcm-192\": not aes-gcm-128 or aes-gcm-256");
	refused("[Peering]\nKeepalive = 3601\n",
		"t.conf:2: Keepalive \"3601\": not 0 to 3600");
	refused("[Peering]\nDeadAfter = 0\n",
		"t.conf:2: DeadAfter \"0\": not 1 to 3600");
	refused("[Peering]\nKeepalive = -1\n",
		"t.conf:2: Keepalive \"-1\": not 0 to 3600");
	refused("[Peering]\nRoute = 10.2.0.0/33\n",
		"t.conf:2: Route 10.2.0.0/33: prefix length must be 0 to 32");
	/* What needs the whole file. */
	refused(PEER("pcx-1", "b", "10.2.0.0/16") "Route = 10.3.0.0/24\n",
		"t.conf:6: Route 10.3.0.0/24: outside every Cidr of pcx-1");
	refused(PEER("pcx-1", "b", "10.2.0.0/16") "Route = 10.2.0.0/24\n"
		PEER("pcx-2", "c", "10.2.0.0/16") "Route = 10.2.0.0/24\n",
		"t.conf:12: Route 10.2.0.0/24: also via pcx-1 (line 6)");
	refused("[Device]\nVpcId=b\n" PEER("pcx-1", "b", "10.2.0.0/16"),
		"t.conf:3: [Peering] pcx-1: RemoteVpc b is this VPC's id");
	refused(PEER("pcx-1", "b", "10.2.0.0/16") PEER("pcx-2", "b", "10.3.0.0/16"),
		"t.conf:6: [Peering] pcx-2: RemoteVpc b also has pcx-1 (line 1)");
	refused(PEER("pcx-1", "b", "10.2.0.0/16") "[Device]\nCidr=10.0.0.0/8\n",
		"t.conf:4: Cidr 10.2.0.0/16 of pcx-1 overlaps 10.0.0.0/8 of this VPC (line 7)");
}

/* conf_check: the device's own values, filled in with line 0. */
TEST(test_check_device)
{
	struct prefix p;
	struct conf c;
	char w[WHY_LEN];

	CHECK(!parse(PEER("pcx-1", "b", "10.2.0.0/16"), &c));
	/* Neither the file nor the device has a VpcId, then a Cidr. */
	CHECK(conf_check("t.conf", &c, why));
	CHECK(!strcmp(why, "t.conf:1: [Peering] pcx-1: the device has no VpcId: give it in [Device]"));
	c.has_vpc_id = true;
	strcpy(c.vpc_id, "a");
	CHECK(conf_check("t.conf", &c, why));
	CHECK(!strcmp(why, "t.conf:1: [Peering] pcx-1: the device has no Cidr: give it in [Device]"));
	CHECK(!prefix_parse("10.0.0.0/8", &p, w));
	CHECK(!conf_prefixes_add(&c.cidrs, &p, 0));
	CHECK(conf_check("t.conf", &c, why));
	CHECK(!strcmp(why, "t.conf:4: Cidr 10.2.0.0/16 of pcx-1 overlaps the device's 10.0.0.0/8"));
	CHECK(!prefix_parse("10.1.0.0/16", &p, w));
	c.cidrs.p[0] = p;
	CHECK(!conf_check("t.conf", &c, why));
	strcpy(c.vpc_id, "b");
	CHECK(conf_check("t.conf", &c, why));
	CHECK(!strcmp(why, "t.conf:1: [Peering] pcx-1: RemoteVpc b is this VPC's id"));
	conf_free(&c);
}

TEST(test_limits)
{
	size_t size = 64 * 1024, at = 0, i;
	char *text = malloc(size);
	struct conf c;

	/* A line too long. */
	memset(text, 'x', 5000);
	text[5000] = '\0';
	CHECK(parse(text, &c));
	CHECK(!strcmp(why, "t.conf:1: line longer than 4095 characters"));
	/* A NUL inside the text. */
	CHECK(conf_parse("t.conf", "[Device]\nVpcId=a\0b\n", 18, &c, why));
	CHECK(!strcmp(why, "t.conf:2: a NUL character"));
	/* 126 peerings. */
	for (i = 0; i <= VPCPEER_MAX_PEERS; i++)
		at += (size_t)snprintf(text + at, size - at,
				       "[Peering]\nPcx=pcx-%zx\nRemoteVpc=v%zu\n"
				       "Cidr=10.%zu.0.0/16\nEndpoint=1.2.3.4:5\n",
				       i, i, i);
	CHECK(parse(text, &c));
	CHECK(!strcmp(why, "t.conf:626: more than 125 peerings"));
	free(text);
}

static const struct tap_test tests[] = {
	TAP(test_every_key),
	TAP(test_empty_and_device_only),
	TAP(test_secret_file),
	TAP(test_secret_file_refused),
	TAP(test_round_trip),
	TAP(test_print_orphans),
	TAP(test_peer_same),
	TAP(test_refusal_hides_secret),
	TAP(test_refusals),
	TAP(test_check_device),
	TAP(test_limits),
};

TAP_MAIN(tests)
