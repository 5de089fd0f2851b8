// Checks a packaged .vsix (run by `npm run package` after vsce): its readme is the user README
// (docs/marketplace/README.md, not the developer README.md), every image that README shows and
// the manifest's icon are inside, and the icon is a 128x128 PNG.
//
//   node --import tsx scripts/check-vsix.ts [pygithub-mcp-server.vsix]
//
// Exits 1 with one line per problem. Reads the zip itself (central directory + inflateRaw), so it
// needs nothing beyond Node.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';

export const USER_README = 'docs/marketplace/README.md';

/** name → contents of every file in a zip. */
export function readZip(buffer: Buffer): Map<string, Buffer> {
  const eocd = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file');
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const local = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    const dataStart = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(dataStart, dataStart + compressedSize);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** Problems with a vsix's files, given the repository it was packed from. */
export function vsixProblems(files: ReadonlyMap<string, Buffer>, repoRoot: string): string[] {
  const problems: string[] = [];
  const readme = files.get('extension/readme.md');
  const userReadme = readFileSync(resolve(repoRoot, USER_README));
  if (!readme) problems.push('no extension/readme.md');
  else if (!readme.equals(userReadme)) problems.push(`extension/readme.md is not ${USER_README}`);
  if ([...files.keys()].some((name) => name.toLowerCase() === 'extension/readme.md' && name !== 'extension/readme.md')) {
    problems.push("the developer README.md is packed beside the user readme: drop it from .vscodeignore's includes");
  }
  const text = userReadme.toString('utf8');
  for (const [, path] of text.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)) {
    if (/^\w+:/.test(path)) continue;
    if (!files.has(`extension/${path}`)) problems.push(`the readme shows ${path}, which is not in the package`);
  }
  const manifest = JSON.parse(files.get('extension/package.json')?.toString('utf8') ?? '{}');
  const icon = manifest.icon && files.get(`extension/${manifest.icon}`);
  if (!manifest.icon) problems.push('package.json has no icon');
  else if (!icon) problems.push(`the icon ${manifest.icon} is not in the package`);
  else {
    const isPng = icon.subarray(1, 4).toString('ascii') === 'PNG';
    const size = isPng ? `${icon.readUInt32BE(16)}x${icon.readUInt32BE(20)}` : 'not a PNG';
    if (size !== '128x128') problems.push(`the icon is ${size}, not a 128x128 PNG`);
  }
  for (const field of ['repository', 'bugs', 'homepage']) if (!manifest[field]) problems.push(`package.json has no ${field}`);
  return problems;
}

if (require.main === module) {
  const repoRoot = resolve(__dirname, '..');
  const vsix = resolve(process.argv[2] ?? 'pygithub-mcp-server.vsix');
  const problems = vsixProblems(readZip(readFileSync(vsix)), repoRoot);
  for (const problem of problems) process.stderr.write(`${vsix}: ${problem}\n`);
  if (problems.length) process.exit(1);
  process.stderr.write(`${vsix}: the user README, its images and the icon are in the package\n`);
}
