import { Refusal } from '../../refusal';

// Walking a BIFF8 Workbook stream record by record, and reading its text (MS-XLS §2.1.4, §2.5.293).

const CONTINUE = 0x003c;

export const SAVE_AS_XLSX =
	'Open it in Excel and save it as .xlsx, or save the sheet you need as CSV (UTF-8), and upload that.';
export const damaged = (what: string) => new Refusal(`This .xls file is damaged (${what}). ${SAVE_AS_XLSX}`);

export interface BiffRecord {
	type: number;
	data: Buffer;
	/** where the next record starts */
	next: number;
}

/** The record at `offset` of the Workbook stream, or null past its end. */
export function recordAt(stream: Buffer, offset: number): BiffRecord | null {
	if (offset + 4 > stream.length) return null;
	const length = stream.readUInt16LE(offset + 2);
	if (offset + 4 + length > stream.length) throw damaged('a record runs past the end of the workbook');
	return {
		type: stream.readUInt16LE(offset),
		data: stream.subarray(offset + 4, offset + 4 + length),
		next: offset + 4 + length
	};
}

/** A record's data followed by the data of the CONTINUE records after it, and where they end. */
export function withContinues(stream: Buffer, record: BiffRecord): { segments: Buffer[]; next: number } {
	const segments = [record.data];
	let next = record.next;
	for (let following = recordAt(stream, next); following?.type === CONTINUE; following = recordAt(stream, next)) {
		segments.push(following.data);
		next = following.next;
	}
	return { segments, next };
}

/**
 * Reads BIFF8 text that may run across CONTINUE records. Where a string's characters are cut, the
 * next record starts with a fresh flags byte saying whether the rest is one or two bytes a character.
 */
export class TextReader {
	constructor(
		private readonly segments: Buffer[],
		private position = 0,
		private segment = 0
	) {}

	private get data(): Buffer {
		return this.segments[this.segment]!;
	}

	/** whether all segments are read (stepping over any segment just finished) */
	atEnd(): boolean {
		while (this.segment < this.segments.length - 1 && this.position >= this.data.length) this.moveToNextSegment(0);
		return this.position >= this.data.length;
	}

	private moveToNextSegment(position: number): void {
		this.segment += 1;
		this.position = position;
	}

	private ensure(bytes: number): void {
		if (this.atEnd() || this.position + bytes > this.data.length) throw damaged('a text runs past its record');
	}

	u8(): number {
		this.ensure(1);
		return this.data[this.position++]!;
	}

	u16(): number {
		this.ensure(2);
		const value = this.data.readUInt16LE(this.position);
		this.position += 2;
		return value;
	}

	u32(): number {
		this.ensure(4);
		const value = this.data.readUInt32LE(this.position);
		this.position += 4;
		return value;
	}

	/** skips formatting runs and phonetic data, which may cross record boundaries freely */
	skip(bytes: number): void {
		let left = bytes;
		while (left > 0) {
			if (this.segment >= this.segments.length) throw damaged('a text runs past its record');
			const step = Math.min(left, this.data.length - this.position);
			this.position += step;
			left -= step;
			if (left > 0) {
				if (this.segment === this.segments.length - 1) throw damaged('a text runs past its record');
				this.moveToNextSegment(0);
			}
		}
	}

	/** `count` characters after a flags byte (XLUnicodeString's body) */
	characters(count: number): string {
		return this.unicodeString(count, this.u8());
	}

	/** `count` characters, one byte each (Latin-1) or two (UTF-16) as `flags` bit 0 says */
	unicodeString(count: number, flags: number): string {
		let wide = (flags & 1) === 1;
		let text = '';
		let got = 0;
		for (;;) {
			const width = wide ? 2 : 1;
			const available = Math.min(count - got, Math.floor((this.data.length - this.position) / width));
			text += this.data.toString(wide ? 'utf16le' : 'latin1', this.position, this.position + available * width);
			this.position += available * width;
			got += available;
			if (got === count) return text;
			if (this.segment === this.segments.length - 1) throw damaged('a text runs past its record');
			this.moveToNextSegment(1);
			wide = (this.data[0]! & 1) === 1;
		}
	}
}
