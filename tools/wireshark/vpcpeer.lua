-- SPDX-License-Identifier: GPL-2.0
--
-- Wireshark dissector for the vpcpeer wire format, version 2: data and
-- keepalives, handshake INIT and RESP, control messages
-- (Documentation/wire-format.rst, Documentation/sessions.rst;
-- module/wire.h, module/handshake.h).
--
--   tshark -X lua_script:tools/wireshark/vpcpeer.lua -r capture.pcap
--   or copy this file into ~/.local/lib/wireshark/plugins/
--
-- vpcpeer has no well-known port, so the dissector finds its datagrams by
-- a strict heuristic on UDP (vpcpeer_udp); the "UDP ports" preference
-- (vpcpeer.ports) or Decode As (udp.port==N,vpcpeer) decodes the given
-- ports whatever the heuristic says. Ciphertexts stay encrypted: a
-- control message's opcode (teardown, reject) is not visible.

local vpcpeer = Proto("vpcpeer", "vpcpeer VPC peering")

local VERSION = 2
local DATA, INIT, RESP, CONTROL = 1, 2, 3, 4
local HDR_LEN, TAG_LEN, CONTROL_LEN = 16, 16, 4
local HS_LEN, HS_SLOTS, SLOT_LEN = 800, 32, 18
-- A key is never used past 2^24 - 2^13 messages (sessions.rst, limits).
local COUNTER_LIMIT = 2 ^ 24

local type_names = {
	[DATA] = "data", [INIT] = "INIT", [RESP] = "RESP", [CONTROL] = "control",
}
local status_names = {
	[0] = "ok", [1] = "vpc-mismatch", [2] = "cipher-mismatch",
	[3] = "cidr-overlap", [4] = "secret-mismatch",
}
local cipher_names = { [1] = "aes-gcm-128", [2] = "aes-gcm-256" }
local family_names = { [4] = "IPv4", [6] = "IPv6" }

local f = {
	-- every message
	version = ProtoField.uint8("vpcpeer.version", "Version"),
	type = ProtoField.uint8("vpcpeer.type", "Type", base.DEC, type_names),
	-- data and control
	key_id = ProtoField.uint8("vpcpeer.key_id", "Key id"),
	reserved = ProtoField.uint8("vpcpeer.reserved", "Reserved", base.HEX),
	receiver_index = ProtoField.uint32("vpcpeer.receiver_index",
		"Receiver index", base.HEX),
	counter = ProtoField.uint64("vpcpeer.counter", "Counter"),
	ciphertext = ProtoField.bytes("vpcpeer.ciphertext",
		"Encrypted payload"),
	ciphertext_len = ProtoField.uint32("vpcpeer.ciphertext_len",
		"Encrypted payload length"),
	keepalive = ProtoField.bool("vpcpeer.keepalive", "Keepalive"),
	tag = ProtoField.bytes("vpcpeer.tag", "AES-GCM tag"),
	-- INIT and RESP (and receiver_index, reserved above)
	status = ProtoField.uint8("vpcpeer.status", "Status", base.DEC,
		status_names),
	sender_index = ProtoField.uint32("vpcpeer.sender_index",
		"Sender index", base.HEX),
	timestamp = ProtoField.uint64("vpcpeer.timestamp",
		"Timestamp (ns since the epoch)"),
	ephemeral = ProtoField.bytes("vpcpeer.ephemeral",
		"Ephemeral X25519 share"),
	pcx = ProtoField.string("vpcpeer.pcx", "Peering id"),
	sender_vpc = ProtoField.string("vpcpeer.sender_vpc", "Sender VPC"),
	receiver_vpc = ProtoField.string("vpcpeer.receiver_vpc",
		"Receiver VPC"),
	cipher = ProtoField.uint8("vpcpeer.cipher", "Cipher", base.DEC,
		cipher_names),
	n_cidrs = ProtoField.uint8("vpcpeer.n_cidrs", "CIDRs"),
	info_reserved = ProtoField.uint16("vpcpeer.info_reserved", "Reserved",
		base.HEX),
	cidr = ProtoField.string("vpcpeer.cidr", "CIDR"),
	cidr_family = ProtoField.uint8("vpcpeer.cidr.family", "Family",
		base.DEC, family_names),
	cidr_len = ProtoField.uint8("vpcpeer.cidr.len", "Prefix length"),
	cidr_ipv4 = ProtoField.ipv4("vpcpeer.cidr.ipv4", "Address"),
	cidr_ipv6 = ProtoField.ipv6("vpcpeer.cidr.ipv6", "Address"),
	cidr_unused = ProtoField.bytes("vpcpeer.cidr_unused",
		"Unused CIDR slots"),
	mac = ProtoField.bytes("vpcpeer.mac", "MAC"),
}
vpcpeer.fields = f

local ef_malformed = ProtoExpert.new("vpcpeer.malformed",
	"Malformed vpcpeer message", expert.group.MALFORMED,
	expert.severity.ERROR)
vpcpeer.experts = { ef_malformed }

vpcpeer.prefs.ports = Pref.range("UDP ports", "",
	"Listen ports to decode as vpcpeer whatever the heuristic says", 65535)

-- The upper 40 bits of the counter: zero while a key is in use.
local function counter_small(tvb)
	return tvb(8, 4):uint() == 0 and tvb(12, 1):uint() == 0
end

-- Whether tvb is exactly one well-formed vpcpeer message: the checks of
-- vp_hdr_parse() and the fixed fields of vp_hs_parse(), and a counter
-- below the key's limit. Strict, so that other UDP traffic stays alone.
local function looks_like(tvb)
	local len = tvb:len()
	if len < 2 or tvb(0, 1):uint() ~= VERSION then
		return false
	end
	local t = tvb(1, 1):uint()
	if t == DATA or t == CONTROL then
		if len < HDR_LEN + TAG_LEN or tvb(3, 1):uint() ~= 0 or
		   not counter_small(tvb) then
			return false
		end
		return t == DATA or len == HDR_LEN + CONTROL_LEN + TAG_LEN
	end
	if t ~= INIT and t ~= RESP then
		return false
	end
	if len ~= HS_LEN or tvb(3, 1):uint() ~= 0 or
	   tvb(52, 4):string() ~= "pcx-" or tvb(75, 1):uint() ~= 0 or
	   not cipher_names[tvb(204, 1):uint()] or
	   tvb(205, 1):uint() > HS_SLOTS or tvb(206, 2):uint() ~= 0 then
		return false
	end
	if t == INIT then	-- a RESP's fields are zero in an INIT
		return tvb(2, 1):uint() == 0 and tvb(8, 4):uint() == 0
	end
	-- and an INIT's in a RESP
	return tvb(12, 4):uint() == 0 and tvb(16, 4):uint() == 0
end

-- A NUL-terminated, zero-padded string field of len bytes at off; returns
-- the string.
local function add_string(tree, field, tvb, off, len)
	local r = tvb(off, len)
	local s = r:stringz()
	tree:add(field, r, s)
	return s
end

-- An 18-byte CIDR slot: family, prefix length, 16 address bytes.
local function add_cidr(tree, tvb, off)
	local fam, plen = tvb(off, 1):uint(), tvb(off + 1, 1):uint()
	local addr
	if fam == 4 then
		addr = tostring(tvb(off + 2, 4):ipv4())
	elseif fam == 6 then
		addr = tostring(tvb(off + 2, 16):ipv6())
	else
		addr = "?"
	end
	local prefix = addr .. "/" .. plen
	local t = tree:add(f.cidr, tvb(off, SLOT_LEN), prefix)
	t:add(f.cidr_family, tvb(off, 1))
	t:add(f.cidr_len, tvb(off + 1, 1))
	if fam == 4 then
		t:add(f.cidr_ipv4, tvb(off + 2, 4))
	elseif fam == 6 then
		t:add(f.cidr_ipv6, tvb(off + 2, 16))
	else
		t:add_proto_expert_info(ef_malformed, "family is not 4 or 6")
	end
	return prefix
end

local function dissect_hs(tvb, pinfo, tree, t)
	if tvb:len() ~= HS_LEN then
		tree:add_proto_expert_info(ef_malformed,
			"a handshake message has " .. HS_LEN .. " bytes")
		return
	end
	tree:add(f.status, tvb(2, 1))
	tree:add(f.reserved, tvb(3, 1))
	tree:add(f.sender_index, tvb(4, 4))
	tree:add(f.receiver_index, tvb(8, 4))
	local ts = tree:add(f.timestamp, tvb(12, 8))
	local secs = tvb(12, 8):uint64() / 1000000000
	if t == INIT then
		ts:append_text(os.date("! (%Y-%m-%d %H:%M:%S UTC)",
			secs:tonumber()))
	end
	tree:add(f.ephemeral, tvb(20, 32))
	local pcx = add_string(tree, f.pcx, tvb, 52, 24)
	local svpc = add_string(tree, f.sender_vpc, tvb, 76, 64)
	local rvpc = add_string(tree, f.receiver_vpc, tvb, 140, 64)
	tree:add(f.cipher, tvb(204, 1))
	tree:add(f.n_cidrs, tvb(205, 1))
	tree:add(f.info_reserved, tvb(206, 2))
	local n = math.min(tvb(205, 1):uint(), HS_SLOTS)
	local prefixes = {}
	for i = 0, n - 1 do
		prefixes[#prefixes + 1] = add_cidr(tree, tvb, 208 + i * SLOT_LEN)
	end
	if n < HS_SLOTS then
		tree:add(f.cidr_unused, tvb(208 + n * SLOT_LEN,
			(HS_SLOTS - n) * SLOT_LEN))
	end
	tree:add(f.mac, tvb(784, 16))

	local info = string.format("%s sender=0x%08x", type_names[t],
		tvb(4, 4):uint())
	if t == RESP then
		local st = tvb(2, 1):uint()
		info = info .. string.format(" receiver=0x%08x status=%s",
			tvb(8, 4):uint(), status_names[st] or tostring(st))
	end
	local cidrs = n .. " CIDRs"
	if n <= 4 then
		cidrs = table.concat(prefixes, ",")
	end
	info = info .. string.format(" %s %s -> %s [%s]", pcx, svpc, rvpc,
		cidrs)
	pinfo.cols.info = info
end

local function dissect_sealed(tvb, pinfo, tree, t)
	local len = tvb:len()
	if len < HDR_LEN + TAG_LEN then
		tree:add_proto_expert_info(ef_malformed, "shorter than " ..
			(HDR_LEN + TAG_LEN) .. " bytes")
		return
	end
	local n = len - HDR_LEN - TAG_LEN
	tree:add(f.key_id, tvb(2, 1))
	local rsv = tree:add(f.reserved, tvb(3, 1))
	if tvb(3, 1):uint() ~= 0 then
		rsv:add_proto_expert_info(ef_malformed, "reserved is not 0")
	end
	tree:add(f.receiver_index, tvb(4, 4))
	tree:add(f.counter, tvb(8, 8))
	tree:add(f.ciphertext_len, n):set_generated()
	if n > 0 then
		tree:add(f.ciphertext, tvb(HDR_LEN, n))
	end
	tree:add(f.tag, tvb(HDR_LEN + n, TAG_LEN))

	local kind
	if t == DATA then
		tree:add(f.keepalive, n == 0):set_generated()
		kind = n == 0 and "keepalive" or "data"
	else
		if n ~= CONTROL_LEN then
			tree:add_proto_expert_info(ef_malformed,
				"a control message has " .. CONTROL_LEN ..
				" bytes of ciphertext")
		end
		kind = "control (teardown or reject, encrypted)"
	end
	pinfo.cols.info = string.format("%s receiver=0x%08x key=%u counter=%s len=%u",
		kind, tvb(4, 4):uint(), tvb(2, 1):uint(),
		tostring(tvb(8, 8):uint64()), n)
end

function vpcpeer.dissector(tvb, pinfo, tree)
	local len = tvb:len()
	if len < 2 then
		return 0
	end
	pinfo.cols.protocol = "vpcpeer"
	local t = tvb(1, 1):uint()
	local name = type_names[t] or "unknown"
	if t == DATA and len == HDR_LEN + TAG_LEN then
		name = "keepalive"
	end
	local st = tree:add(vpcpeer, tvb(), "vpcpeer, " .. name)
	local v = st:add(f.version, tvb(0, 1))
	if tvb(0, 1):uint() ~= VERSION then
		v:add_proto_expert_info(ef_malformed, "version is not " .. VERSION)
		return len
	end
	st:add(f.type, tvb(1, 1))
	if t == DATA or t == CONTROL then
		dissect_sealed(tvb, pinfo, st, t)
	elseif t == INIT or t == RESP then
		dissect_hs(tvb, pinfo, st, t)
	else
		st:add_proto_expert_info(ef_malformed, "unknown type")
	end
	return len
end

local function heuristic(tvb, pinfo, tree)
	if not looks_like(tvb) then
		return false
	end
	vpcpeer.dissector(tvb, pinfo, tree)
	return true
end
vpcpeer:register_heuristic("udp", heuristic)

local udp_port = DissectorTable.get("udp.port")
udp_port:add_for_decode_as(vpcpeer)
local ports = ""

function vpcpeer.prefs_changed()
	if ports ~= "" then
		udp_port:remove(ports, vpcpeer)
	end
	ports = vpcpeer.prefs.ports
	if ports ~= "" then
		udp_port:add(ports, vpcpeer)
	end
end
