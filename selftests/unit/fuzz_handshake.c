// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: vp_hs_parse(), the session handshake's message
 * parser. Whatever it accepts must be in its one encoding (building the
 * parsed message gives the same bytes, MAC aside), pass the checks
 * without reading out of bounds, and verify only with the right MAC.
 * Run: make fuzz
 */
#include <stdio.h>

#include "handshake.h"

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_handshake: %s\n", what);
	abort();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static const u8 secret[VPCPEER_SECRET_LEN] = { 1, 2, 3 };
	struct vp_msg_hs m, init;
	struct vp_hs_msg msg, again;
	struct vp_hs_keys k;
	u8 *buf;
	int ret;

	/* In a buffer of exactly its size, so ASan sees any overread. */
	buf = malloc(size ? size : 1);
	memcpy(buf, data, size);
	ret = vp_hs_parse(buf, size, &msg);
	free(buf);
	if (ret)
		return 0;
	if (size != VP_HS_MSG_LEN)
		fail("accepted a message of the wrong size");

	vp_hs_keys_derive(&k, secret, msg.info.pcx);
	memset(&init, 0x5a, sizeof(init));
	vp_hs_build(&m, &k, &msg,
		    msg.type == VP_MSG_HS_RESP ? &init : NULL);
	if (memcmp(&m, data, offsetof(struct vp_msg_hs, mac)))
		fail("accepted a message not in its one encoding");
	if (vp_hs_parse((const u8 *)&m, sizeof(m), &again) ||
	    memcmp(&msg, &again, sizeof(msg)))
		fail("a built message does not parse back");
	if (!vp_hs_mac_ok(&m, &k, msg.type == VP_MSG_HS_RESP ? &init : NULL))
		fail("a built message does not verify");
	if (memcmp(m.mac, data + offsetof(struct vp_msg_hs, mac),
		   VP_HS_MAC_LEN) &&
	    vp_hs_mac_ok((const struct vp_msg_hs *)data, &k,
			 msg.type == VP_MSG_HS_RESP ? &init : NULL))
		fail("a wrong MAC verified");
	/* The checks read every field of what was parsed. */
	vp_hs_check(&msg.info, &msg.info);
	return 0;
}
