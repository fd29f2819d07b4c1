// SPDX-License-Identifier: GPL-2.0
/*
 * vpcpeerctl set DEV [vpc-id VPC] [cidr P[,P...]] [listen-port N]
 *                    [region NAME]
 */
#include "vpcpeerctl.h"
#include "ipc.h"
#include "parse.h"

enum { KW_VPC, KW_CIDR, KW_PORT, KW_REGION, KW_N };

static struct nl_msg *set_request(struct ipc *ipc, const char *dev,
				  const struct keyword *kw,
				  const struct prefix *cidrs, size_t n_cidrs,
				  uint16_t port)
{
	struct nl_msg *msg = ipc_new(ipc, VPCPEER_CMD_SET_DEVICE, 0);

	if (msg &&
	    (ipc_put_dev(msg, dev, 0) ||
	     (kw[KW_VPC].value &&
	      nla_put_string(msg, VPCPEER_A_DEVICE_VPC_ID, kw[KW_VPC].value)) ||
	     (kw[KW_CIDR].value &&
	      ipc_put_prefixes(msg, VPCPEER_A_DEVICE_CIDRS, cidrs, n_cidrs)) ||
	     (kw[KW_PORT].value &&
	      nla_put_u16(msg, VPCPEER_A_DEVICE_LISTEN_PORT, port)) ||
	     (kw[KW_REGION].value &&
	      nla_put_string(msg, VPCPEER_A_DEVICE_REGION,
			     kw[KW_REGION].value)))) {
		ipc_free(msg);
		return NULL;
	}
	return msg;
}

int cmd_set(int argc, char *argv[])
{
	struct keyword kw[KW_N] = {
		[KW_VPC] = { .name = "vpc-id" },
		[KW_CIDR] = { .name = "cidr" },
		[KW_PORT] = { .name = "listen-port" },
		[KW_REGION] = { .name = "region" },
	};
	struct prefix cidrs[PREFIX_LIST_MAX];
	size_t n_cidrs = 0;
	unsigned long port = 0;
	char why[WHY_LEN], ctx[64];
	const char *dev;
	struct ipc ipc;

	if (argc < 4 || keywords_parse(argc - 2, argv + 2, kw, KW_N))
		return usage_error("set");
	dev = argv[1];
	if (!check_ifname("set", dev))
		return EXIT_USAGE;
	if ((kw[KW_VPC].value &&
	     !check_id("set", dev, NULL, "vpc-id", kw[KW_VPC].value)) ||
	    (kw[KW_REGION].value &&
	     !check_id("set", dev, NULL, "region", kw[KW_REGION].value)))
		return EXIT_USAGE;
	snprintf(ctx, sizeof(ctx), "set %s", dev);
	if (kw[KW_CIDR].value &&
	    prefix_list_parse(kw[KW_CIDR].value, cidrs, &n_cidrs, why)) {
		fail("%s: cidr %s", ctx, why);
		return EXIT_USAGE;
	}
	if (kw[KW_PORT].value && number_parse(kw[KW_PORT].value, 65535, &port)) {
		fail("%s: listen-port \"%s\": not 0 to 65535", ctx,
		     kw[KW_PORT].value);
		return EXIT_USAGE;
	}

	if (ipc_open(&ipc) ||
	    ipc_do(&ipc, set_request(&ipc, dev, kw, cidrs, n_cidrs,
				     (uint16_t)port), 0, NULL, NULL)) {
		ipc_close(&ipc);
		fail("%s: %s", ctx, ipc.err);
		return EXIT_FAIL;
	}
	ipc_close(&ipc);
	return EXIT_OK;
}
