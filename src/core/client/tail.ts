import { Transform } from 'node:stream';

/*
 * Reading only the end of a long text answer (a job log). A request that carries TAIL_HEADER
 * is exempt from the response size cap: its successful body streams through a transform that
 * keeps only its last bytes, so memory stays bounded however long the log is, and a log past
 * GITHUB_MAX_RESPONSE_MB still yields its end, which is where a build fails. The transform
 * starts the body with one line saying what it dropped; `readTail` takes that line off.
 */

/** Request header (never sent to GitHub): how many bytes of the end of the body to keep. */
export const TAIL_HEADER = 'x-pygithub-keep-tail-bytes';

export interface Tail {
  /** The kept end, starting at a line boundary. */
  text: string;
  /** Lines (and bytes) before it that were not kept. */
  droppedLines: number;
  droppedBytes: number;
}

/** The header value a caller sets on its request. */
export function tailHeaders(bytes: number): Record<string, string> {
  return { [TAIL_HEADER]: String(Math.max(1, Math.floor(bytes))) };
}

/** The bytes a tail request asked to keep, or undefined; the header itself is removed, since it is ours. */
export function takeTailRequest(headers: Record<string, string> | undefined): { keep?: number; headers?: Record<string, string> } {
  if (!headers) return { headers };
  const name = Object.keys(headers).find((key) => key.toLowerCase() === TAIL_HEADER);
  if (!name) return { headers };
  const { [name]: value, ...rest } = headers;
  const keep = Number(value);
  return { keep: Number.isSafeInteger(keep) && keep > 0 ? keep : undefined, headers: rest };
}

/** Keeps the last `keep` bytes of a stream (cut forward to the next line), and counts what went before. */
export function tailTransform(keep: number): Transform {
  const chunks: Buffer[] = [];
  let held = 0;
  let droppedBytes = 0;
  let droppedLines = 0;
  const drop = (bytes: Buffer) => {
    droppedBytes += bytes.length;
    for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) droppedLines++;
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      held += chunk.length;
      while (chunks.length > 1 && held - chunks[0].length >= keep) {
        const first = chunks.shift() as Buffer;
        held -= first.length;
        drop(first);
      }
      done();
    },
    flush(done) {
      let kept = Buffer.concat(chunks);
      if (kept.length > keep) {
        drop(kept.subarray(0, kept.length - keep));
        kept = kept.subarray(kept.length - keep);
      }
      // A cut mid-line would show a fragment as if it were a whole line; with no line end kept, the fragment is all there is.
      const newline = droppedBytes > 0 ? kept.indexOf(10) : -1;
      if (newline !== -1 && newline + 1 < kept.length) {
        drop(kept.subarray(0, newline + 1));
        kept = kept.subarray(newline + 1);
      }
      done(null, Buffer.concat([Buffer.from(`${droppedLines} ${droppedBytes}\n`), kept]));
    },
  });
}

/** Splits what tailTransform sent into the dropped counts and the kept text. */
export function readTail(body: string): Tail {
  const match = /^(\d+) (\d+)\n/.exec(body);
  if (!match) return { text: body, droppedLines: 0, droppedBytes: 0 };
  return { text: body.slice(match[0].length), droppedLines: Number(match[1]), droppedBytes: Number(match[2]) };
}
