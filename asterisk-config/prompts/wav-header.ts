/**
 * Reads the header of a RIFF/WAVE file, enough to check that a prompt is what Asterisk's
 * `format_wav` plays without transcoding: PCM, mono, 8000 Hz, 16 bits per sample.
 */

export interface WavInfo {
  /** 1 for PCM; for WAVE_FORMAT_EXTENSIBLE files, the format code of the sub-format. */
  audioFormat: number;
  channels: number;
  /** Samples per second. */
  sampleRate: number;
  bitsPerSample: number;
  /** Bytes per second, as declared in the header. */
  byteRate: number;
  /** Bytes per sample frame, as declared in the header. */
  blockAlign: number;
  /** Size of the sample data in bytes. */
  dataBytes: number;
  durationSeconds: number;
}

export class WavFormatError extends Error {
  readonly code = 'WAV_FORMAT_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'WavFormatError';
  }
}

const PCM = 1;
const EXTENSIBLE = 0xfffe;
const MIN_FMT_BYTES = 16;

/** Parses the RIFF chunks of `file`; throws `WavFormatError` when it is not a complete WAV file. */
export function readWavHeader(file: Buffer): WavInfo {
  if (file.length < 12) {
    throw new WavFormatError(`file is ${file.length} bytes, shorter than a RIFF header`);
  }
  if (file.toString('ascii', 0, 4) !== 'RIFF' || file.toString('ascii', 8, 12) !== 'WAVE') {
    throw new WavFormatError('file does not start with a RIFF/WAVE header');
  }

  let format: Omit<WavInfo, 'dataBytes' | 'durationSeconds'> | null = null;
  let offset = 12;
  while (offset + 8 <= file.length) {
    const chunkId = file.toString('ascii', offset, offset + 4);
    const chunkBytes = file.readUInt32LE(offset + 4);
    const body = offset + 8;

    if (chunkId === 'fmt ') {
      format = readFormatChunk(file, body, chunkBytes);
    } else if (chunkId === 'data') {
      if (!format) {
        throw new WavFormatError('data chunk comes before the fmt chunk');
      }
      if (body + chunkBytes > file.length) {
        throw new WavFormatError(`data chunk declares ${chunkBytes} bytes but only ${file.length - body} follow`);
      }
      const durationSeconds = format.byteRate > 0 ? chunkBytes / format.byteRate : 0;
      return { ...format, dataBytes: chunkBytes, durationSeconds };
    }

    // Chunks are padded to an even length.
    offset = body + chunkBytes + (chunkBytes % 2);
  }
  throw new WavFormatError(format ? 'file has no data chunk' : 'file has no fmt chunk');
}

function readFormatChunk(file: Buffer, body: number, chunkBytes: number): Omit<WavInfo, 'dataBytes' | 'durationSeconds'> {
  if (chunkBytes < MIN_FMT_BYTES || body + MIN_FMT_BYTES > file.length) {
    throw new WavFormatError(`fmt chunk is ${chunkBytes} bytes, shorter than ${MIN_FMT_BYTES}`);
  }
  let audioFormat = file.readUInt16LE(body);
  // WAVE_FORMAT_EXTENSIBLE keeps the real format code in the first two bytes of the
  // sub-format GUID, 24 bytes into the chunk.
  if (audioFormat === EXTENSIBLE && chunkBytes >= 40 && body + 26 <= file.length) {
    audioFormat = file.readUInt16LE(body + 24);
  }
  return {
    audioFormat,
    channels: file.readUInt16LE(body + 2),
    sampleRate: file.readUInt32LE(body + 4),
    byteRate: file.readUInt32LE(body + 8),
    blockAlign: file.readUInt16LE(body + 12),
    bitsPerSample: file.readUInt16LE(body + 14),
  };
}

/** The format every prompt must have: what Asterisk 20/22 plays as `.wav` without transcoding. */
export const TELEPHONY_WAV = { audioFormat: PCM, channels: 1, sampleRate: 8000, bitsPerSample: 16 } as const;

/**
 * Lists how `info` differs from `TELEPHONY_WAV` (empty when it matches), in words a person can act
 * on.
 */
export function telephonyFormatProblems(info: WavInfo): string[] {
  const problems: string[] = [];
  if (info.audioFormat !== TELEPHONY_WAV.audioFormat) problems.push(`audio format ${info.audioFormat}, expected 1 (PCM)`);
  if (info.channels !== TELEPHONY_WAV.channels) problems.push(`${info.channels} channels, expected 1 (mono)`);
  if (info.sampleRate !== TELEPHONY_WAV.sampleRate) problems.push(`${info.sampleRate} Hz, expected 8000 Hz`);
  if (info.bitsPerSample !== TELEPHONY_WAV.bitsPerSample) problems.push(`${info.bitsPerSample} bits per sample, expected 16`);
  if (info.blockAlign !== 2 || info.byteRate !== 16000) {
    problems.push(`block align ${info.blockAlign} and byte rate ${info.byteRate}, expected 2 and 16000`);
  }
  if (info.dataBytes === 0) problems.push('no audio samples');
  if (info.dataBytes % 2 !== 0) problems.push(`${info.dataBytes} data bytes, not a whole number of 16-bit samples`);
  return problems;
}
