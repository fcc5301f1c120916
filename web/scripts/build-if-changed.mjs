// Builds the web app (vite build) unless web/dist was built from exactly these sources: `npm test`
// and `npm start` build first, and an unchanged app should not cost ~15 s every time.
// The sources' digest: every file under web/ except dist, plus package-lock.json (dependency versions).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('..', import.meta.url));
const root = join(web, '..');
const stamp = join(web, 'dist', '.sources.sha256');

function* files(directory) {
  for (const name of readdirSync(directory).sort()) {
    const path = join(directory, name);
    if (path === join(web, 'dist') || name === 'node_modules') continue;
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

const hash = createHash('sha256');
for (const path of [...files(web), join(root, 'package-lock.json')]) {
  hash.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0');
}
const digest = hash.digest('hex');

if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest && process.argv[2] !== '--force') {
  console.log('web app: up to date (web/dist)');
} else {
  const vite = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(web, 'vite.config.ts')], { stdio: 'inherit', cwd: root });
  if (vite.status !== 0) process.exit(vite.status ?? 1);
  writeFileSync(stamp, digest);
}
