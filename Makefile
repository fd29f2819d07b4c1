# SPDX-License-Identifier: GPL-2.0
#
# vpcpeer: `make` builds the module and vpcpeerctl, `make check` runs every
# test (host unit tests, then the guest selftests under qemu), `make
# check-debug` runs the selftests again on a debug kernel, `make bench`
# measures it next to veth, VXLAN, WireGuard and IPsec, `make deps`
# installs the Debian packages all of this needs. See README.md.

# Debian's 6.1 LTS kernel (linux-image-amd64) unless told otherwise.
KVER ?= $(shell sh tools/lab/default-kver 2>/dev/null)
KDIR ?= /lib/modules/$(KVER)/build

CC ?= cc
CFLAGS ?= -O2 -g
TOOL_CFLAGS := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Iuapi \
	$(shell pkg-config --cflags libnl-genl-3.0 2>/dev/null)
TOOL_LIBS := $(shell pkg-config --libs libnl-genl-3.0 2>/dev/null)
TOOL_SRCS := $(wildcard tools/vpcpeerctl/*.c)
TOOL_HDRS := $(wildcard tools/vpcpeerctl/*.h) uapi/linux/vpcpeer.h
TOOL := tools/vpcpeerctl/vpcpeerctl

.PHONY: all module tools deps check check-built check-debug check-debug-built \
	unit lint selftest demo demo-built bench bench-built clean

all: module tools

module:
	@test -d "$(KDIR)" || { echo "make: no kernel build tree at $(KDIR) (KVER=$(KVER)); run 'make deps' or set KVER/KDIR" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

tools: $(TOOL)

$(TOOL): $(TOOL_SRCS) $(TOOL_HDRS)
	$(CC) $(TOOL_CFLAGS) $(CFLAGS) -o $@ $(TOOL_SRCS) $(TOOL_LIBS)

deps:
	@tools/lab/deps

unit:
	$(MAKE) -C selftests/unit check

# checkpatch --strict and sparse on the module
lint: module
	@KVER=$(KVER) KDIR=$(KDIR) tools/lab/lint

# One guest boot runs every selftest; SELFTESTS="name ..." picks some.
selftest: all
	@KVER=$(KVER) selftests/run-guest $(SELFTESTS)

# Three VPCs, hub and spokes, in a guest: A reaches B, A does not reach C.
# deps first, as for check: it may install the default kernel.
demo: deps
	@$(MAKE) --no-print-directory demo-built

demo-built: all
	@KVER=$(KVER) tools/lab/vmrun -- selftests/demo.sh

# deps may install the default kernel, so KVER is worked out again after it.
check: deps
	@$(MAKE) --no-print-directory check-built

# Every LTS kernel (tools/lab/lts-kvers), or only KVER when it is given.
check-built: all
	@KVERS="$(if $(filter file,$(origin KVER)),,$(KVER))" selftests/check

# Every selftest and the stress test on a KASAN/lockdep/kmemleak guest
# kernel built from linux-source-6.1 (once, cached in /var/cache/vpcpeer).
check-debug: deps
	@$(MAKE) --no-print-directory check-debug-built

check-debug-built: tools
	@selftests/check-debug $(SELFTESTS)

# One guest boot, every row round-robin (Documentation/benchmarks.rst);
# bench/report.py then writes bench/results.{json,md,png}.
BENCH_ROUNDS ?= 3
BENCH_TIME ?= 10
BENCH_ROWS ?= veth vxlan wireguard ipsec vpcpeer-128 vpcpeer-256 vpcpeer-scale
bench: deps
	@$(MAKE) --no-print-directory bench-built

bench-built: all
	@KVER=$(KVER) tools/lab/vmrun --timeout 7200 -- env \
		BENCH_ROUNDS="$(BENCH_ROUNDS)" BENCH_TIME="$(BENCH_TIME)" \
		BENCH_ROWS="$(BENCH_ROWS)" bench/run
	@python3 bench/report.py

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	-$(MAKE) -C selftests/unit clean
	rm -f $(TOOL)
