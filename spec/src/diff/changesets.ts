/**
 * The changesets a branch adds: `.changeset/*.md` files of the working tree
 * that the base does not have, with the bump each asks for per package.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYaml } from '@redocly/openapi-core';
import type { Impact } from './redocly-diff.js';

export interface Changeset {
  file: string;
  releases: Record<string, Impact>;
  summary: string;
}

function readChangesets(dir: string): Changeset[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.md') && file !== 'README.md')
    .sort()
    .map((file) => parseChangeset(file, readFileSync(join(dir, file), 'utf8')));
}

/** Changesets in `working` whose file name `base` does not have. */
export function addedChangesets(working: string, base: string): Changeset[] {
  const existing = new Set(readChangesets(base).map((changeset) => changeset.file));
  return readChangesets(working).filter((changeset) => !existing.has(changeset.file));
}

function parseChangeset(file: string, text: string): Changeset {
  const match = text.match(/^---\r?\n([\s\S]*?)\r?\n?---\r?\n?([\s\S]*)$/);
  if (!match) throw new Error(`.changeset/${file} has no front matter (--- "@freddy/types": minor ---)`);
  const releases = (parseYaml(match[1] ?? '') ?? {}) as Record<string, unknown>;
  for (const [name, level] of Object.entries(releases)) {
    if (level !== 'major' && level !== 'minor' && level !== 'patch') {
      throw new Error(`.changeset/${file}: ${name} asks for "${String(level)}", not major, minor or patch`);
    }
  }
  return { file, releases: releases as Record<string, Impact>, summary: (match[2] ?? '').trim() };
}
