/**
 * Bytes → rows. The readers recognise what a file is from its first bytes and header, and stage
 * its cells as text in the temporary `staging` table for the load plan; the binary formats (ZIP,
 * .xlsx and .xls, Bluesky's CAR) are decoded here, bounded so a hostile file cannot exhaust memory.
 */
export { isWorkbook, isZip, readableFile, readHead, sniffFile, type FileSniff } from './read-file';
export { recogniseCsv } from './recognise-csv';
export { stageFile } from './stage-file';
export { csvReaderSql } from './stage-csv';
export { dropStaging, type Staged } from './staging-table';
export { splitCsvLine } from './csv-line';
export { readWorkbook, sheetToCsv, type Sheet } from './workbook';
export { isSystemClutter, readZipEntry, ZIP_LIMITS, zipEntries } from './zip';
