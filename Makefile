# SPDX-License-Identifier: GPL-2.0
#
# vpcpeer: `make` builds the module and vpcpeerctl, `make check` runs every
# test (host unit tests, then the guest selftests under qemu), `make
# check-debug` runs the selftests again on a debug kernel, `make bench`
# measures it next to veth, VXLAN, WireGuard and IPsec, `make deps`
# installs the Debian packages all of this needs. See README.md.
#
# make man             the man pages vpcpeerctl(8), vpcpeer(4) into Documentation/man/
# make install         vpcpeer.ko (for KVER), vpcpeerctl, the man pages and the
#                      bash completion, under DESTDIR and PREFIX (/usr/local)
# make uninstall       removes exactly what make install installed
# make install-dkms    the module's source to /usr/src/vpcpeer-VERSION, built and
#                      installed by DKMS (for the running kernel, or KVER)
# make uninstall-dkms  removes it from DKMS and /usr/src

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
VERSION := $(shell sed -n 's/^\#define VPCPEER_VERSION "\(.*\)"/\1/p' module/version.h)

RST2MAN ?= rst2man
MANS := Documentation/man/vpcpeerctl.8 Documentation/man/vpcpeer.4

PREFIX ?= /usr/local
MODDIR = $(DESTDIR)/lib/modules/$(KVER)/updates
SBINDIR = $(DESTDIR)$(PREFIX)/sbin
MANDIR = $(DESTDIR)$(PREFIX)/share/man
COMPLETIONDIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
INSTALLED := $(MODDIR)/vpcpeer.ko $(SBINDIR)/vpcpeerctl \
	$(MANDIR)/man8/vpcpeerctl.8 $(MANDIR)/man4/vpcpeer.4 \
	$(COMPLETIONDIR)/vpcpeerctl

# DKMS: the module's source only (see dkms.conf), built for the running
# kernel, or for KVER when it is given; again for another KVER, it adds
# that kernel.
DKMS ?= dkms
DKMS_SRC = $(DESTDIR)/usr/src/vpcpeer-$(VERSION)
DKMS_FILES := Kbuild dkms.conf module/Kbuild \
	$(filter-out %.mod.c,$(wildcard module/*.[ch])) \
	uapi/linux/vpcpeer.h
DKMS_ARGS = -m vpcpeer -v $(VERSION) --sourcetree $(DESTDIR)/usr/src \
	$(if $(filter command line environment,$(origin KVER)),-k $(KVER))

.PHONY: all module tools deps check check-built check-debug check-debug-built \
	unit lint selftest demo demo-built bench bench-built clean \
	man install uninstall install-dkms uninstall-dkms

all: module tools

module:
	@test -d "$(KDIR)" || { echo "make: no kernel build tree at $(KDIR) (KVER=$(KVER)); run 'make deps' or set KVER/KDIR" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) VP_WERROR=y modules

tools: $(TOOL)

$(TOOL): $(TOOL_SRCS) $(TOOL_HDRS)
	$(CC) $(TOOL_CFLAGS) $(CFLAGS) -o $@ $(TOOL_SRCS) $(TOOL_LIBS)

deps:
	@tools/lab/deps

man: $(MANS)

Documentation/man/vpcpeerctl.8: Documentation/vpcpeerctl.rst
Documentation/man/vpcpeer.4: Documentation/vpcpeer.rst
$(MANS):
	@mkdir -p $(@D)
	$(RST2MAN) --halt=warning $< $@

# depmod only where the kernel's module tree is: always without DESTDIR,
# under DESTDIR when it holds one (a staged root), not in a bare DESTDIR.
depmod = $(if $(DESTDIR),test ! -e $(DESTDIR)/lib/modules/$(KVER)/modules.builtin || \
	depmod -b $(DESTDIR) $(KVER),depmod $(KVER))

install: module tools man
	install -D -m 644 module/vpcpeer.ko $(MODDIR)/vpcpeer.ko
	install -D -m 755 $(TOOL) $(SBINDIR)/vpcpeerctl
	install -D -m 644 Documentation/man/vpcpeerctl.8 $(MANDIR)/man8/vpcpeerctl.8
	install -D -m 644 Documentation/man/vpcpeer.4 $(MANDIR)/man4/vpcpeer.4
	install -D -m 644 tools/vpcpeerctl/completion.bash $(COMPLETIONDIR)/vpcpeerctl
	$(depmod)

uninstall:
	rm -f $(INSTALLED)
	$(depmod)

install-dkms:
	@grep -qx 'PACKAGE_VERSION="$(VERSION)"' dkms.conf || \
		{ echo "make: dkms.conf's PACKAGE_VERSION is not $(VERSION) (module/version.h)" >&2; exit 1; }
	rm -rf $(DKMS_SRC)
	for f in $(DKMS_FILES); do install -D -m 644 $$f $(DKMS_SRC)/$$f || exit 1; done
	$(DKMS) status -m vpcpeer -v $(VERSION) | grep -q . || $(DKMS) add $(DKMS_ARGS)
	$(DKMS) build $(DKMS_ARGS)
	$(DKMS) install $(DKMS_ARGS)

uninstall-dkms:
	$(DKMS) remove -m vpcpeer -v $(VERSION) --sourcetree $(DESTDIR)/usr/src --all
	rm -rf $(DKMS_SRC)

unit:
	$(MAKE) -C selftests/unit check

# checkpatch --strict and sparse on the module
lint: module
	@KVER=$(KVER) KDIR=$(KDIR) tools/lab/lint

# One guest boot runs every selftest; SELFTESTS="name ..." picks some.
selftest: all
	@KVER=$(KVER) selftests/run-guest $(SELFTESTS)

# examples/hub-spoke.yaml (tools/lab/topo) in a guest: A reaches B and C,
# B does not reach C.
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
	rm -rf Documentation/man
