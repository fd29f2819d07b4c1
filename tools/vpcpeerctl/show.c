// SPDX-License-Identifier: GPL-2.0
/* vpcpeerctl show [DEV]: every vpcpeer device, or one. */
#include "vpcpeerctl.h"
#include "ipc.h"
#include "json.h"
#include "linux/vpcpeer.h"

#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct show_ctx {
	FILE *out;	/* printed only once the whole reply is in */
	struct json json;
	int count;
};

static int show_device(struct nlattr **tb, void *arg)
{
	struct show_ctx *ctx = arg;
	const char *name = tb[VPCPEER_A_DEVICE_IFNAME] ?
		nla_get_string(tb[VPCPEER_A_DEVICE_IFNAME]) : "?";
	unsigned int ifindex = tb[VPCPEER_A_DEVICE_IFINDEX] ?
		nla_get_u32(tb[VPCPEER_A_DEVICE_IFINDEX]) : 0;

	if (opts.json) {
		json_open_object(&ctx->json, NULL);
		json_string(&ctx->json, "ifname", name);
		json_u64(&ctx->json, "ifindex", ifindex);
		json_close_object(&ctx->json);
	} else {
		fprintf(ctx->out, "%sdevice: %s\n", ctx->count ? "\n" : "",
			name);
		fprintf(ctx->out, "  ifindex: %u\n", ifindex);
	}
	ctx->count++;
	return NL_OK;
}

int cmd_show(int argc, char *argv[])
{
	struct show_ctx ctx = { .count = 0 };
	struct nl_msg *msg;
	struct ipc ipc;
	char *buf = NULL;
	size_t len = 0;
	int ret;

	if (argc > 2) {
		fail("usage: %s show [DEV]", prog);
		return EXIT_USAGE;
	}
	if (argc == 2 && strlen(argv[1]) >= IFNAMSIZ) {
		fail("show: device name \"%s\" is too long", argv[1]);
		return EXIT_USAGE;
	}
	if (ipc_open(&ipc)) {
		fail("%s", ipc.err);
		return EXIT_FAIL;
	}
	msg = ipc_new(&ipc, VPCPEER_CMD_GET_DEVICE, argc == 2 ? 0 : NLM_F_DUMP);
	if (!msg || (argc == 2 &&
		     nla_put_string(msg, VPCPEER_A_DEVICE_IFNAME, argv[1]))) {
		fail("out of memory");
		ipc_close(&ipc);
		return EXIT_FAIL;
	}
	ctx.out = open_memstream(&buf, &len);
	if (!ctx.out) {
		fail("out of memory");
		nlmsg_free(msg);
		ipc_close(&ipc);
		return EXIT_FAIL;
	}
	json_init(&ctx.json, ctx.out);
	if (opts.json)
		json_open_array(&ctx.json, NULL);
	ret = ipc_do(&ipc, msg, VPCPEER_A_DEVICE_MAX, show_device, &ctx);
	ipc_close(&ipc);
	if (opts.json)
		json_close_array(&ctx.json);
	fclose(ctx.out);
	if (!ret)
		fwrite(buf, 1, len, stdout);
	free(buf);
	if (ret) {
		if (argc == 2)
			fail("show %s: %s", argv[1], ipc.err);
		else
			fail("show: %s", ipc.err);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
