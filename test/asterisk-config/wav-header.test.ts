import { describe, expect, it } from 'vitest';

import { readWavHeader, telephonyFormatProblems, WavFormatError } from '../../asterisk-config/prompts/wav-header';

interface WavShape {
  audioFormat?: number;
  channels?: number;
  sampleRate?: number;
  bitsPerSample?: number;
  dataBytes?: number;
  /** Chunks placed between fmt and data, e.g. a LIST chunk. */
  extraChunks?: Buffer[];
  /** fmt chunk of WAVE_FORMAT_EXTENSIBLE (40 bytes) carrying `audioFormat` as sub-format. */
  extensible?: boolean;
}

/** Builds a WAV file byte by byte, independent of the reader under test. */
function buildWav(shape: WavShape = {}): Buffer {
  const channels = shape.channels ?? 1;
  const sampleRate = shape.sampleRate ?? 8000;
  const bitsPerSample = shape.bitsPerSample ?? 16;
  const blockAlign = (channels * bitsPerSample) / 8;
  const dataBytes = shape.dataBytes ?? 16000;

  const fmt = Buffer.alloc(shape.extensible ? 40 : 16);
  fmt.writeUInt16LE(shape.extensible ? 0xfffe : (shape.audioFormat ?? 1), 0);
  fmt.writeUInt16LE(channels, 2);
  fmt.writeUInt32LE(sampleRate, 4);
  fmt.writeUInt32LE(sampleRate * blockAlign, 8);
  fmt.writeUInt16LE(blockAlign, 12);
  fmt.writeUInt16LE(bitsPerSample, 14);
  if (shape.extensible) {
    fmt.writeUInt16LE(22, 16);
    fmt.writeUInt16LE(shape.audioFormat ?? 1, 24);
  }

  const chunk = (id: string, body: Buffer) => {
    const header = Buffer.alloc(8);
    header.write(id, 0, 'ascii');
    header.writeUInt32LE(body.length, 4);
    return Buffer.concat([header, body, Buffer.alloc(body.length % 2)]);
  };
  const body = Buffer.concat([Buffer.from('WAVE'), chunk('fmt ', fmt), ...(shape.extraChunks ?? []), chunk('data', Buffer.alloc(dataBytes))]);
  const riff = Buffer.alloc(8);
  riff.write('RIFF', 0, 'ascii');
  riff.writeUInt32LE(body.length, 4);
  return Buffer.concat([riff, body]);
}

function listChunk(text: string): Buffer {
  const body = Buffer.from(`INFOICMT${text}`);
  const header = Buffer.alloc(8);
  header.write('LIST', 0, 'ascii');
  header.writeUInt32LE(body.length, 4);
  return Buffer.concat([header, body, Buffer.alloc(body.length % 2)]);
}

describe('readWavHeader', () => {
  it('reads a telephony WAV', () => {
    const info = readWavHeader(buildWav({ dataBytes: 32000 }));

    expect(info).toEqual({
      audioFormat: 1,
      channels: 1,
      sampleRate: 8000,
      bitsPerSample: 16,
      byteRate: 16000,
      blockAlign: 2,
      dataBytes: 32000,
      durationSeconds: 2,
    });
    expect(telephonyFormatProblems(info)).toEqual([]);
  });

  it('skips chunks of odd length before data', () => {
    const info = readWavHeader(buildWav({ extraChunks: [listChunk('odd')], dataBytes: 800 }));

    expect(info.dataBytes).toBe(800);
  });

  it('reads the sub-format of an extensible WAV', () => {
    expect(readWavHeader(buildWav({ extensible: true, audioFormat: 1 })).audioFormat).toBe(1);
    expect(readWavHeader(buildWav({ extensible: true, audioFormat: 3 })).audioFormat).toBe(3);
  });

  it('lists every way a CD-quality file differs', () => {
    const problems = telephonyFormatProblems(readWavHeader(buildWav({ channels: 2, sampleRate: 44100 })));

    expect(problems).toContain('2 channels, expected 1 (mono)');
    expect(problems).toContain('44100 Hz, expected 8000 Hz');
    expect(problems).toHaveLength(3);
  });

  it('flags float samples, 8-bit samples and empty audio', () => {
    expect(telephonyFormatProblems(readWavHeader(buildWav({ audioFormat: 3 })))).toContain('audio format 3, expected 1 (PCM)');
    expect(telephonyFormatProblems(readWavHeader(buildWav({ bitsPerSample: 8 })))).toContain('8 bits per sample, expected 16');
    expect(telephonyFormatProblems(readWavHeader(buildWav({ dataBytes: 0 })))).toContain('no audio samples');
  });

  it.each([
    ['an empty file', Buffer.alloc(0), /shorter than a RIFF header/],
    ['an MP3 file', Buffer.concat([Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00'), Buffer.alloc(100)]), /RIFF\/WAVE header/],
    ['a file cut inside the data', buildWav({ dataBytes: 1000 }).subarray(0, 500), /declares 1000 bytes but only/],
    ['a file without data', buildWav().subarray(0, 36), /no data chunk/],
    ['a file without fmt', Buffer.concat([Buffer.from('RIFF\x04\x00\x00\x00WAVE')]), /no fmt chunk/],
  ])('rejects %s', (_name, file, message) => {
    expect(() => readWavHeader(file)).toThrow(WavFormatError);
    expect(() => readWavHeader(file)).toThrow(message);
  });
});
