import { nodeId } from '../random';

// Global node ids: the same legacy form REST puts in `node_id` (base64 of "<len>:<Type><id>"),
// so an id read over REST works in node(id) and mutations, and the other way round.

export { nodeId };

export function decodeNodeId(id: string): { type: string; id: number } | undefined {
  const text = Buffer.from(id, 'base64').toString('utf8');
  if (Buffer.from(text, 'utf8').toString('base64') !== id) return undefined;
  const colon = text.indexOf(':');
  const length = Number(text.slice(0, colon));
  if (colon < 1 || !Number.isInteger(length) || length < 1) return undefined;
  const type = text.slice(colon + 1, colon + 1 + length);
  const number = Number(text.slice(colon + 1 + length));
  return type.length === length && Number.isSafeInteger(number) && number > 0 ? { type, id: number } : undefined;
}
