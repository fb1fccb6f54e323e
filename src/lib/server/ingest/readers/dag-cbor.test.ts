import { describe, expect, it } from 'vitest';
import { CarError, CidLink, decodeDagCbor, type CborValue } from './dag-cbor';
import { cidOf, encodeDagCbor, fromHex, hex, parseCid } from './test-support';

describe('DAG-CBOR against the IPLD cross-codec fixtures (ipld/ipld specs/codecs/dag-cbor/fixtures/cross-codec)', () => {
	// [fixture name, block bytes, dag-cbor CID of those bytes, what the block decodes to]
	const fixtures: [string, string, string, CborValue][] = [
		['array-2', '8102', 'bafyreihdb57fdysx5h35urvxz64ros7zvywshber7id6t6c6fek37jgyfe', [2]],
		[
			'array-9007199254740991',
			'811b001fffffffffffff',
			'bafyreifjs6kz3aq24pywi7mdrizazmzdsvu3jtd7uut64lvj3mblk2byaa',
			[9007199254740991]
		],
		[
			'array-mixed',
			'8c1b0016db6db6db6db71a000100001901f40200202238ff3aa5f702b33b0016db6db6db6db74261316fc48c6175657320c39f76c49b746521',
			'bafyreidufmzzejc3p7gmh6ivp4fjvca5jfazk57nu6vdkvki4c4vpja724',
			[
				6433713753386423,
				65536,
				500,
				2,
				0,
				-1,
				-3,
				-256,
				-2784428724,
				-6433713753386424,
				new TextEncoder().encode('a1'),
				'Čaues ßvěte!'
			]
		],
		['bytes-a1', '41a1', 'bafyreidfn5bivgcww7slkgp7f5iiukoggxr542m4pzl3zn3oia7ozt7ffe', new Uint8Array([0xa1])],
		['dagpb_empty', 'a1654c696e6b7380', 'bafyreihjsq5okmwdasf4hoiauwxv3vxjuwh2kuh4k5pgzzi3hanepxusjm', { Links: [] }],
		[
			'dagpb_Links_Hash_some_Name_some',
			'a1654c696e6b7381a26448617368d82a4a00015500050001020304644e616d6569736f6d65206e616d65',
			'bafyreigi3x5lx7auupkm3z27b5emluvkrv3mwpq35244zy4cnqjplyr2fi',
			{ Links: [{ Hash: parseCid('bafkqabiaaebagba'), Name: 'some name' }] }
		]
	];

	it.each(fixtures)(
		'%s decodes, re-encodes byte for byte and hashes to the published CID',
		(_name, bytesHex, cid, expected) => {
			const bytes = fromHex(bytesHex);
			const decoded = decodeDagCbor(bytes);
			expect(decoded).toEqual(expected);
			expect(hex(encodeDagCbor(decoded))).toBe(bytesHex);
			expect(cidOf(bytes).text).toBe(cid);
		}
	);

	it.each([
		'bafyreidj5idub6mapiupjwjsyyxhyhedxycv4vihfsicm2vt46o7morwlm',
		'bafkreiebzrnroamgos2adnbpgw5apo3z4iishhbdx77gldnbk57d4zdio4',
		'bafkqabiaaebagba',
		'QmQg1v4o9xdT3Q14wh4S7dxZkDjyZ9ssFzFzyep1YrVJBY'
	])('the link fixture cid-%s decodes to that CID', (name) => {
		const fixture: Record<string, string> = {
			bafyreidj5idub6mapiupjwjsyyxhyhedxycv4vihfsicm2vt46o7morwlm:
				'd82a5825000171122069ea0740f9807a28f4d932c62e7c1c83be055e55072c90266ab3e79df63a365b',
			bafkreiebzrnroamgos2adnbpgw5apo3z4iishhbdx77gldnbk57d4zdio4:
				'd82a5825000155122081cc5b17018674b401b42f35ba07bb79e211239c23bffe658da1577e3e646877',
			bafkqabiaaebagba: 'd82a4a00015500050001020304',
			QmQg1v4o9xdT3Q14wh4S7dxZkDjyZ9ssFzFzyep1YrVJBY:
				'd82a582300122022ad631c69ee983095b5b8acd029ff94aff1dc6c48837878589a92b90dfea317'
		};
		const link = decodeDagCbor(fromHex(fixture[name]!));
		expect(link).toBeInstanceOf(CidLink);
		expect((link as CidLink).toString()).toBe(name);
	});

	it('decodes floats, simple values and 64-bit integers beyond the safe range', () => {
		expect(decodeDagCbor(fromHex('83fb3ff8000000000000f93e00fa3fc00000'))).toEqual([1.5, 1.5, 1.5]);
		expect(decodeDagCbor(fromHex('84f4f5f6f7'))).toEqual([false, true, null, undefined]);
		expect(decodeDagCbor(fromHex('821bffffffffffffffff3bffffffffffffffff'))).toEqual([2n ** 64n - 1n, -(2n ** 64n)]);
		expect(decodeDagCbor(fromHex('a1695f5f70726f746f5f5f01'))).toEqual(JSON.parse('{"__proto__": 1}'));
	});

	it('refuses indefinite lengths, non-text map keys and values longer than their block', () => {
		for (const bad of ['9fff', 'a10102', '5a7fffffff00', '9a7fffffff', '1c', 'ff', '8101ff'])
			expect(() => decodeDagCbor(fromHex(bad)), bad).toThrow(CarError);
	});
});
