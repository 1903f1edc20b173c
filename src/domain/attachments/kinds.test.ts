import { describe, expect, it } from 'vitest';
import { DOCUMENT_CLASS, mayOpenDocument } from '../visibility.js';
import { declaredMediaType, DOCUMENT_KINDS, fileProblem, sniffMediaType } from './kinds.js';

const bytes = (...b: number[]) => Uint8Array.from(b);
const ascii = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0);
const WEBP = Uint8Array.from([...ascii('RIFF'), 1, 2, 3, 4, ...ascii('WEBPVP8 ')]);
const PDF = ascii('%PDF-1.7\n');

describe('attachment file types by their magic bytes', () => {
  it.each([
    ['JPEG', JPEG, 'image/jpeg'],
    ['PNG', PNG, 'image/png'],
    ['WebP', WEBP, 'image/webp'],
    ['PDF', PDF, 'application/pdf'],
    ['GIF', ascii('GIF89a'), null],
    ['RIFF but WAVE', Uint8Array.from([...ascii('RIFF'), 1, 2, 3, 4, ...ascii('WAVE')]), null],
    ['HTML', ascii('<html>'), null],
    ['two bytes of JPEG', bytes(0xff, 0xd8), null],
    ['empty', bytes(), null],
  ])('%s', (_name, b, expected) => expect(sniffMediaType(b)).toBe(expected));

  it('normalises declared types', () => {
    expect(declaredMediaType('image/jpg')).toBe('image/jpeg');
    expect(declaredMediaType('IMAGE/PNG; charset=binary')).toBe('image/png');
    expect(declaredMediaType('image/gif')).toBeNull();
  });

  it('refuses empty, too large, unknown and forged files; accepts a generic declared type', () => {
    expect(fileProblem(bytes(), 'image/jpeg', 10)?.reason).toBe('empty');
    expect(fileProblem(JPEG, 'image/jpeg', 5)?.reason).toBe('too_large');
    expect(fileProblem(JPEG, 'image/jpeg', 6)).toBeNull();
    expect(fileProblem(ascii('GIF89a'), 'image/gif', 99)?.reason).toBe('type');
    expect(fileProblem(ascii('<html>'), 'image/png', 99)?.reason).toBe('type');
    expect(fileProblem(PDF, 'image/jpeg', 99)).toEqual({ reason: 'forged', sniffed: 'application/pdf' });
    expect(fileProblem(PNG, 'application/octet-stream', 99)).toBeNull();
    expect(fileProblem(WEBP, 'image/webp', 99)).toBeNull();
  });
});

describe('who opens a document (visibility.ts DOCUMENT_CLASS, the unmasked view)', () => {
  it.each([
    ['village_cadre', 'visit_photo', true],
    ['village_cadre', 'income_proof', true],
    ['village_cadre', 'medical_record', false],
    ['village_cadre', 'id_card_copy', false],
    ['township_officer', 'medical_record', true],
    ['township_officer', 'id_card_copy', true],
    ['civil_affairs_county', 'disability_certificate', true],
    ['civil_affairs_county', 'id_card_copy', false],
    ['organisation', 'income_proof', true], // no class: the owner's read rule (organisations read none) decides
  ] as const)('%s opens %s: %s', (role, kind, expected) =>
    expect(mayOpenDocument(role, kind)).toBe(expected),
  );

  it('classifies every kind, the four identity, income, health and disability ones as sensitive', () => {
    const sensitive = DOCUMENT_KINDS.filter((k) => DOCUMENT_CLASS[k].sensitivity === 'sensitive');
    expect(sensitive).toEqual(['id_card_copy', 'income_proof', 'medical_record', 'disability_certificate']);
  });
});
