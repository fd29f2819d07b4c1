// SPDX-License-Identifier: GPL-2.0
/*
 * For selftests only: holds a race window open so that a test hits it
 * every time. A kprobe at the entry of a function of the module under
 * test (func) counts the call in hits, then waits until the test writes 1
 * to release, or hold_ms milliseconds have passed. Kprobe handlers cannot
 * sleep: the wait spins with preemption off, so the test keeps it short.
 */
#include <linux/delay.h>
#include <linux/kprobes.h>
#include <linux/module.h>

static char *func = "vp_open";
module_param(func, charp, 0444);
MODULE_PARM_DESC(func, "the function held at its entry");

static unsigned int hold_ms = 5000;
module_param(hold_ms, uint, 0444);
MODULE_PARM_DESC(hold_ms, "the longest a call is held (at most 10000)");

static bool release;
module_param(release, bool, 0644);
MODULE_PARM_DESC(release, "1: let held calls go on, and hold no more");

static unsigned int hits;
module_param(hits, uint, 0444);
MODULE_PARM_DESC(hits, "calls held so far");

static int vp_delay_pre(struct kprobe *p, struct pt_regs *regs)
{
	unsigned int ms;

	WRITE_ONCE(hits, hits + 1);
	for (ms = 0; ms < hold_ms && !READ_ONCE(release); ms++)
		mdelay(1);
	return 0;
}

static struct kprobe vp_delay_kp = {
	.pre_handler = vp_delay_pre,
};

static int __init vp_delay_init(void)
{
	if (hold_ms > 10000)
		return -EINVAL;
	vp_delay_kp.symbol_name = func;
	return register_kprobe(&vp_delay_kp);
}

static void __exit vp_delay_exit(void)
{
	unregister_kprobe(&vp_delay_kp);
}

module_init(vp_delay_init);
module_exit(vp_delay_exit);
MODULE_DESCRIPTION("vpcpeer selftests: hold a function at its entry");
MODULE_LICENSE("GPL");
