// SPDX-License-Identifier: GPL-2.0
/*
 * vpcpeer: VPC peering as a Linux network device. Module init and exit.
 */
#include "device.h"
#include "netlink.h"
#include "peer.h"
#include "version.h"
#include "../uapi/linux/vpcpeer.h"

#include <linux/module.h>
#include <net/genetlink.h>
#include <net/rtnetlink.h>

static int __init vp_mod_init(void)
{
	int ret;

	ret = vp_peer_init();
	if (ret)
		return ret;
	ret = vp_device_init();
	if (ret)
		goto err_peer;
	ret = vp_genl_init();
	if (ret)
		goto err_device;
	pr_info("vpcpeer " VPCPEER_VERSION " loaded\n");
	return 0;

err_device:
	vp_device_uninit();
err_peer:
	vp_peer_uninit();
	return ret;
}

static void __exit vp_mod_exit(void)
{
	vp_genl_uninit();
	vp_device_uninit();
	vp_peer_uninit();
}

module_init(vp_mod_init);
module_exit(vp_mod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("VPC peering over encrypted UDP");
MODULE_VERSION(VPCPEER_VERSION);
MODULE_ALIAS_RTNL_LINK(KBUILD_MODNAME);
MODULE_ALIAS_GENL_FAMILY(VPCPEER_GENL_NAME);
