import type fs from 'node:fs';

/**
 * Yields the lines of a UTF-8 file with their 1-based numbers, reading it chunk by chunk: the
 * stream's async iterator reads the next chunk only when asked, so memory stays at about one
 * chunk plus the caller's batches whatever the file size. Lines are cut from the bytes and decoded
 * one by one (half the time of decoding whole chunks and splitting the text); a byte-order mark
 * at the start is dropped.
 */
export async function* readLines(stream: fs.ReadStream): AsyncGenerator<{ line: number; text: string }> {
  let rest: Buffer | null = null;
  let line = 0;
  for await (const raw of stream) {
    const chunk: Buffer = rest === null ? (raw as Buffer) : Buffer.concat([rest, raw as Buffer]);
    let start = line === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0;
    for (let end = chunk.indexOf(10, start); end >= 0; end = chunk.indexOf(10, start)) {
      line += 1;
      yield { line, text: chunk.toString('utf8', start, end) };
      start = end + 1;
    }
    rest = start < chunk.length ? chunk.subarray(start) : null;
  }
  if (rest !== null) yield { line: line + 1, text: rest.toString('utf8') };
}

/** True for a line of whitespace only (checked without copying the line). */
export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
