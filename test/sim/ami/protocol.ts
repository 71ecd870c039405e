/**
 * AMI framing: messages are `Key: Value` lines ended by CRLF, and a blank line ends a message.
 * Keys are case-insensitive; a key may repeat (`Variable: a=1` twice).
 */

export type AmiFields = Array<[string, string]>;

/** One received AMI message with case-insensitive lookup. */
export class AmiMessage {
  constructor(readonly fields: AmiFields) {}

  get(key: string): string | undefined {
    const wanted = key.toLowerCase();
    return this.fields.find(([name]) => name.toLowerCase() === wanted)?.[1];
  }

  getAll(key: string): string[] {
    const wanted = key.toLowerCase();
    return this.fields.filter(([name]) => name.toLowerCase() === wanted).map(([, value]) => value);
  }
}

/** Accumulates bytes and yields complete messages; tolerates bare LF line ends. */
export class AmiParser {
  private buffer = '';

  push(chunk: string): AmiMessage[] {
    this.buffer += chunk.replace(/\r\n/g, '\n');
    const messages: AmiMessage[] = [];
    let end = this.buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const fields: AmiFields = [];
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        if (colon <= 0) continue;
        fields.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
      }
      if (fields.length > 0) messages.push(new AmiMessage(fields));
      end = this.buffer.indexOf('\n\n');
    }
    return messages;
  }
}

/** Serialises fields as one AMI message. */
export function formatAmi(fields: AmiFields): string {
  return fields.map(([key, value]) => `${key}: ${value}`).join('\r\n') + '\r\n\r\n';
}
