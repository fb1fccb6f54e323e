/**
 * Bytes → rows. The readers recognise what a file is from its first bytes and header, and stage
 * its cells as text in the temporary `staging` table for the load plan; the binary formats (ZIP,
 * .xlsx, Bluesky's CAR) are decoded here, bounded so a hostile file cannot exhaust memory.
 */
export { readHead, readableFile, sniffFile, isWorkbook, isZip, type Encoding, type FileSniff } from './read-file';
export { HEADER_SCAN_LINES, matchesSource, recogniseCsv, type RecognisedCsv } from './recognise-csv';
export { stageFile } from './stage-file';
export { csvReaderSql, neededColumns } from './stage-csv';
export { dropStaging, type Staged } from './staging-table';
export { splitCsvLine } from './csv-line';
export { readWorkbook, sheetToCsv, type Sheet } from './xlsx';
export { readZipEntry, zipEntries, ZIP_LIMITS, type ZipEntry } from './zip';
export { CarError, readBlueskyCar, type BlueskyPost, type BlueskyRepo } from './car';
