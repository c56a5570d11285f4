// Trunk's post_build hook (Trunk.toml), on the build in TRUNK_STAGING_DIR.
// Trunk starts all hooks of one stage at once, so steps that must follow
// each other are one hook: the loader leaves index.html first (boot.mjs),
// then the service worker lists and hashes the finished files, the loader
// among them (sw.mjs).
import { existsSync } from 'node:fs';
import { externalizeLoader } from './boot.mjs';
import { main as writeWorker } from './sw.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir || !existsSync(dir)) throw new Error('post-build.mjs: TRUNK_STAGING_DIR must name the built directory');
console.log(`boot.mjs: the loader is ${externalizeLoader(dir)}`);
writeWorker();
