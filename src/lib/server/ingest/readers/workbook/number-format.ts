/**
 * Dates and times in workbooks are numbers (days since 1900 or 1904) that only their number format
 * marks as dates. These read a format, built in or custom, and write such a number the way Lantern's
 * formats read dates: `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS`, `HH:MM` or `HH:MM:SS`.
 */
export type TimeFormat =
	| { kind: 'date' }
	| { kind: 'date-time' }
	| { kind: 'time'; seconds: boolean }
	/** elapsed time, `[h]:mm`: hours past 24 are kept */
	| { kind: 'duration'; seconds: boolean };

const DATE: TimeFormat = { kind: 'date' };

/**
 * The built-in format ids that show dates or times (ECMA-376 §18.8.30). 27–36 and 50–58 are the
 * East Asian locales' date formats, read as dates.
 */
const BUILT_IN: Record<number, TimeFormat> = {
	14: DATE,
	15: DATE,
	16: DATE,
	17: DATE,
	18: { kind: 'time', seconds: false },
	19: { kind: 'time', seconds: true },
	20: { kind: 'time', seconds: false },
	21: { kind: 'time', seconds: true },
	22: { kind: 'date-time' },
	45: { kind: 'time', seconds: true },
	46: { kind: 'duration', seconds: true },
	47: { kind: 'time', seconds: true }
};
for (const id of [27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]) BUILT_IN[id] = DATE;

/** How a cell with this number format shows a number: as a date or time, or `null` for a plain number. */
export function timeFormatOf(id: number, customCodes: ReadonlyMap<number, string>): TimeFormat | null {
	const code = customCodes.get(id);
	return code === undefined ? (BUILT_IN[id] ?? null) : classifyFormatCode(code);
}

/**
 * A custom format code is a date or time when its first section has d, m, y, h or s outside quoted
 * text, escaped characters and bracketed parts (`[Red]`, `[$-409]`, `[>100]`); `[h]`, `[mm]` and
 * `[ss]` make it a duration. An m alone is a month; beside h or s it is minutes.
 */
export function classifyFormatCode(code: string): TimeFormat | null {
	let letters = '';
	let elapsed = false;
	for (let i = 0; i < code.length; i += 1) {
		const char = code[i]!;
		if (char === ';') break;
		if (char === '"') {
			const close = code.indexOf('"', i + 1);
			i = close < 0 ? code.length : close;
		} else if (char === '\\' || char === '_' || char === '*') {
			i += 1; // an escaped character, or the character that _ pads with and * fills with
		} else if (char === '[') {
			const close = code.indexOf(']', i + 1);
			const inside = code.slice(i + 1, close < 0 ? code.length : close).toLowerCase();
			if (/^(h+|m+|s+)$/.test(inside)) {
				elapsed = true;
				letters += inside;
			}
			i = close < 0 ? code.length : close;
		} else {
			letters += char.toLowerCase();
		}
	}
	letters = letters.replaceAll('am/pm', '').replaceAll('a/p', '');
	const seconds = letters.includes('s');
	const time = seconds || letters.includes('h');
	if (elapsed) return { kind: 'duration', seconds };
	const date = /[dy]/.test(letters) || (letters.includes('m') && !time);
	if (date && time) return { kind: 'date-time' };
	if (date) return DATE;
	if (time) return { kind: 'time', seconds };
	return null;
}

const SECONDS_PER_DAY = 86_400;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A serial day number as text. In the 1900 system Excel counts 29 February 1900, which never was
 * (Lotus 1-2-3's bug, kept for compatibility): serial 60 is that day, written as Excel shows it so
 * that the date check refuses it, and serials below 61 are one day later than a plain count gives.
 */
export function serialToText(serial: number, format: TimeFormat, date1904: boolean): string {
	if (!Number.isFinite(serial)) return String(serial);
	if (format.kind === 'duration') {
		const total = Math.round(Math.abs(serial) * SECONDS_PER_DAY);
		const clock = `${Math.floor(total / 3600)}:${pad(Math.floor(total / 60) % 60)}${format.seconds ? `:${pad(total % 60)}` : ''}`;
		return serial < 0 ? `-${clock}` : clock;
	}
	// Excel shows ##### for a negative date, and its calendar ends on 9999-12-31 (serial 2,958,465).
	if (serial < 0 || serial >= 2_958_466) return String(serial);
	const total = Math.round(serial * SECONDS_PER_DAY);
	const days = Math.floor(total / SECONDS_PER_DAY);
	const secondOfDay = total - days * SECONDS_PER_DAY;
	const clock = `${pad(Math.floor(secondOfDay / 3600))}:${pad(Math.floor(secondOfDay / 60) % 60)}`;
	if (format.kind === 'time') return format.seconds ? `${clock}:${pad(secondOfDay % 60)}` : clock;
	const day = dayText(days, date1904);
	return format.kind === 'date' ? day : `${day} ${clock}:${pad(secondOfDay % 60)}`;
}

function dayText(days: number, date1904: boolean): string {
	if (!date1904 && days === 60) return '1900-02-29';
	// Days from 1970-01-01: serial 25569 in the 1900 system, 24107 in the 1904 system.
	const sinceEpoch = date1904 ? days - 24_107 : days < 60 ? days - 25_568 : days - 25_569;
	return new Date(sinceEpoch * SECONDS_PER_DAY * 1000).toISOString().slice(0, 10);
}
