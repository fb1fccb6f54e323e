import { Refusal } from '../../refusal';

/** The Compound File Binary container (MS-CFB) that old Office files, .xls among them, are stored in. */
export interface CompoundFile {
	/** a stream's bytes by name (case-insensitive), or null when the file has no such stream */
	stream(name: string): Buffer | null;
	has(name: string): boolean;
}

const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;
const STREAM = 2;
const ROOT = 5;

const damaged = (what: string) =>
	new Refusal(
		`This Excel file is damaged (${what}). Open it in Excel and save it again as .xlsx, or save the sheet you need as CSV (UTF-8).`
	);

/**
 * Opens a compound file held in memory. Every chain of sectors is followed at most as many steps as
 * the file has sectors and must stay inside it, so a crafted file can neither loop forever nor make
 * a stream larger than the file itself.
 */
export function openCompoundFile(bytes: Buffer): CompoundFile {
	if (bytes.length < 512 || bytes.readUInt16LE(28) !== 0xfffe)
		throw damaged('its header is not a compound file header');
	const sectorShift = bytes.readUInt16LE(30);
	if (sectorShift !== 9 && sectorShift !== 12) throw damaged(`sectors of 2^${sectorShift} bytes`);
	const sectorSize = 1 << sectorShift;
	const sectorCount = Math.max(0, Math.ceil((bytes.length - sectorSize) / sectorSize));
	const sectorAt = (id: number) => {
		if (id >= sectorCount) throw damaged(`a sector number, ${id}, past the end of the file`);
		const start = (id + 1) * sectorSize;
		return bytes.subarray(start, Math.min(start + sectorSize, bytes.length));
	};

	const fat = readFat(bytes, sectorSize, sectorCount, sectorAt);
	const chain = (start: number, table: Uint32Array, what: string): number[] => {
		const ids: number[] = [];
		for (let id = start; id !== END_OF_CHAIN; id = table[id]!) {
			if (id === FREE || id >= table.length || ids.length > table.length)
				throw damaged(`a broken chain of sectors in its ${what}`);
			ids.push(id);
		}
		return ids;
	};
	/** a chain's sectors, cut to `size` bytes (all of them when no size is given) */
	const readChain = (start: number, size: number | null, what: string): Buffer => {
		const ids = chain(start, fat, what);
		if (size !== null && size > ids.length * sectorSize) throw damaged(`its ${what} is longer than its sectors`);
		const whole = Buffer.concat(ids.map(sectorAt));
		return size === null ? whole : whole.subarray(0, size);
	};

	const directory = readChain(bytes.readUInt32LE(48), null, 'directory');
	const entries: { name: string; type: number; start: number; size: number }[] = [];
	for (let offset = 0; offset + 128 <= directory.length; offset += 128) {
		const nameBytes = Math.min(directory.readUInt16LE(offset + 64), 64);
		entries.push({
			name: directory.toString('utf16le', offset, offset + Math.max(0, nameBytes - 2)),
			type: directory[offset + 66]!,
			start: directory.readUInt32LE(offset + 116),
			// a stream is never larger than the file; the high half of the size is checked below
			size:
				directory.readUInt32LE(offset + 124) === 0 || sectorShift === 9
					? directory.readUInt32LE(offset + 120)
					: Infinity
		});
	}
	const root = entries[0];
	if (!root || root.type !== ROOT) throw damaged('no root entry');

	const miniCutoff = bytes.readUInt32LE(56);
	let mini: { stream: Buffer; fat: Uint32Array } | null = null;
	const miniStream = () => {
		if (!mini) {
			const miniFatStart = bytes.readUInt32LE(60);
			const miniFatBytes =
				miniFatStart === END_OF_CHAIN ? Buffer.alloc(0) : readChain(miniFatStart, null, 'mini table');
			const table = new Uint32Array(miniFatBytes.length >> 2);
			for (let i = 0; i < table.length; i++) table[i] = miniFatBytes.readUInt32LE(i * 4);
			mini = {
				stream:
					root.start === END_OF_CHAIN
						? Buffer.alloc(0)
						: readChain(root.start, Math.min(root.size, bytes.length), 'mini stream'),
				fat: table
			};
		}
		return mini;
	};

	const find = (name: string) =>
		entries.find((entry) => entry.type === STREAM && entry.name.toLowerCase() === name.toLowerCase());
	return {
		has: (name) => find(name) !== undefined,
		stream(name) {
			const entry = find(name);
			if (!entry) return null;
			if (entry.size > bytes.length) throw damaged(`its ${name} stream claims to be larger than the file`);
			if (entry.size >= miniCutoff) return readChain(entry.start, entry.size, `${name} stream`);
			const { stream, fat: miniFat } = miniStream();
			const ids = entry.size === 0 ? [] : chain(entry.start, miniFat, `${name} stream`);
			if (entry.size > ids.length * 64 || ids.some((id) => (id + 1) * 64 > stream.length))
				throw damaged(`its ${name} stream runs past its mini stream`);
			return Buffer.concat(ids.map((id) => stream.subarray(id * 64, id * 64 + 64))).subarray(0, entry.size);
		}
	};
}

/** The file allocation table: where each sector's chain goes next. */
function readFat(
	bytes: Buffer,
	sectorSize: number,
	sectorCount: number,
	sectorAt: (id: number) => Buffer
): Uint32Array {
	const fatSectorCount = bytes.readUInt32LE(44);
	if (fatSectorCount > sectorCount) throw damaged('more allocation sectors than sectors');
	const fatSectors: number[] = [];
	for (let i = 0; i < 109 && fatSectors.length < fatSectorCount; i++) fatSectors.push(bytes.readUInt32LE(76 + i * 4));
	// Larger files list the rest of their allocation sectors in a chain of DIFAT sectors.
	const perDifat = sectorSize / 4 - 1;
	let difat = bytes.readUInt32LE(68);
	for (let hops = 0; fatSectors.length < fatSectorCount && difat !== END_OF_CHAIN && difat !== FREE; hops++) {
		if (hops > sectorCount) throw damaged('a looping list of allocation sectors');
		const sector = sectorAt(difat);
		for (let i = 0; i < perDifat && fatSectors.length < fatSectorCount; i++)
			fatSectors.push(sector.readUInt32LE(i * 4));
		difat = sector.readUInt32LE(perDifat * 4);
	}
	const fat = new Uint32Array(Math.min(fatSectors.length * (sectorSize / 4), sectorCount));
	let index = 0;
	for (const id of fatSectors) {
		const sector = sectorAt(id);
		for (let i = 0; i + 4 <= sector.length && index < fat.length; i += 4) fat[index++] = sector.readUInt32LE(i);
	}
	return fat;
}
