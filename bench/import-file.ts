import fs from 'node:fs';
import { makeIdNumber } from '../src/domain/id-number.js';
import { HEADERS_FOR_BENCH } from './import-headers.js';

/**
 * Write the import benchmark CSV: households of 1–6 persons (mean ≈ 3.5), valid unique ID numbers,
 * household fields repeated on every row. Deterministic.
 */
export async function writeBenchCsv(file: string, persons: number, villages: string[]): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write(HEADERS_FOR_BENCH.join(',') + '\n');
  let written = 0;
  let h = 0;
  while (written < persons) {
    h++;
    const size = Math.min(persons - written, 1 + ((h * 7919) % 6));
    const village = villages[h % villages.length]!;
    for (let i = 0; i < size; i++) {
      const sex = i % 2 === 0 ? '1' : '2';
      // unique ID numbers: a distinct (birth day, sequence) per person
      const k = written;
      const birth = new Date(Date.UTC(1950, 0, 1) + (k % 21900) * 86400000).toISOString().slice(0, 10);
      const id = makeIdNumber('433124', birth, sex, Math.floor(k / 21900) * 2);
      const rel = i === 0 ? '户主' : i === 1 ? '配偶' : sex === '1' ? '之子' : '之女';
      const line = [
        `B${String(h).padStart(9, '0')}`,
        village,
        `姓名${h}-${i}`,
        id,
        rel,
        sex === '1' ? '男' : '女',
        2025,
        9000 + (h % 7000),
        2000,
        0,
        1200,
        500,
        '一般农户',
        '健康',
      ];
      if (!out.write(line.join(',') + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
      written++;
    }
  }
  await new Promise<void>((r) => out.end(() => r()));
}
