// SPDX-License-Identifier: GPL-2.0
/* HMAC-SHA256 and HKDF-SHA256 against RFC 4231 and RFC 5869. */
#include <stdio.h>

#include "kdf.h"
#include "hex.h"
#include "tap.h"

/* RFC 4231 test cases 1, 2, 3, 4, 6 and 7 (6 and 7: key > block size). */
TEST(hmac_rfc4231)
{
	static const struct {
		const char *key, *data, *mac;
	} v[] = {
		{ "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265",
		  "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
		{ "4a656665",
		  "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
		  "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		  "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd",
		  "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
		{ "0102030405060708090a0b0c0d0e0f10111213141516171819",
		  "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd",
		  "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b" },
		{ NULL,
		  "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
		  "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
		{ NULL,
		  "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e",
		  "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2" },
	};
	u8 key[131], data[256], mac[VP_HASH_LEN];
	size_t i, klen;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		if (v[i].key) {
			klen = strlen(v[i].key) / 2;
			unhex(key, v[i].key);
		} else {
			klen = 131;
			memset(key, 0xaa, klen);
		}
		unhex(data, v[i].data);
		vp_hmac(mac, key, klen, data, strlen(v[i].data) / 2);
		if (!hex_eq(mac, sizeof(mac), v[i].mac)) {
			fprintf(stderr, "# RFC 4231 vector %zu\n", i);
			CHECK(0);
		}
	}
}

/* Incremental updates give what one update gives. */
TEST(hmac_incremental)
{
	u8 data[300], one[VP_HASH_LEN], parts[VP_HASH_LEN];
	struct vp_hmac h;
	size_t i;

	for (i = 0; i < sizeof(data); i++)
		data[i] = (u8)(i * 31);
	vp_hmac(one, data, 70, data, sizeof(data));
	vp_hmac_init(&h, data, 70);
	vp_hmac_update(&h, data, 1);
	vp_hmac_update(&h, data + 1, 0);
	vp_hmac_update(&h, data + 1, 150);
	vp_hmac_update(&h, data + 151, sizeof(data) - 151);
	vp_hmac_final(&h, parts);
	CHECK(!memcmp(one, parts, sizeof(one)));
}

/* RFC 5869 A.1, A.2 and A.3 (no salt, no info). */
TEST(hkdf_rfc5869)
{
	static const struct {
		const char *ikm, *salt, *info, *prk, *okm;
	} v[] = {
		{ "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "000102030405060708090a0b0c",
		  "f0f1f2f3f4f5f6f7f8f9",
		  "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
		  "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865" },
		{ "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f",
		  "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeaf",
		  "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
		  "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
		  "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87" },
		{ "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "", "",
		  "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
		  "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8" },
	};
	u8 ikm[128], salt[128], info[128], prk[VP_HASH_LEN], okm[128];
	size_t i, n;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		unhex(ikm, v[i].ikm);
		unhex(salt, v[i].salt);
		unhex(info, v[i].info);
		n = strlen(v[i].okm) / 2;
		vp_hkdf_extract(prk, salt, strlen(v[i].salt) / 2, ikm,
				strlen(v[i].ikm) / 2);
		CHECK(hex_eq(prk, sizeof(prk), v[i].prk));
		CHECK_EQ(vp_hkdf_expand(okm, n, prk, info,
					strlen(v[i].info) / 2), 0);
		CHECK(hex_eq(okm, n, v[i].okm));
	}
}

TEST(hkdf_expand_limit)
{
	static u8 okm[255 * VP_HASH_LEN + 1];
	u8 prk[VP_HASH_LEN] = { 1 };

	CHECK_EQ(vp_hkdf_expand(okm, 255 * VP_HASH_LEN, prk, "", 0), 0);
	CHECK_EQ(vp_hkdf_expand(okm, sizeof(okm), prk, "", 0), -EINVAL);
}

static const struct tap_test tests[] = {
	TAP(hmac_rfc4231),
	TAP(hmac_incremental),
	TAP(hkdf_rfc5869),
	TAP(hkdf_expand_limit),
};

TAP_MAIN(tests)
