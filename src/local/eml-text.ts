/**
 * The readable text of an .eml file, for finding who a message names: its raw text, its
 * headers' encoded words decoded (RFC 2047: "=?UTF-8?Q?Si=C3=A2n?=" is "Siân"), its
 * quoted-printable parts decoded, and its base64 parts (the HTML body, the .ics) decoded. Not a
 * mail parser: it only has to make every name the message holds searchable.
 */
export function emlText(raw: Buffer | string): string {
  const text = Buffer.isBuffer(raw) ? raw.toString('latin1') : raw;
  const utf8 = (bytes: string) => Buffer.from(bytes, 'latin1').toString('utf8');
  // Adjacent encoded words are one text: the whitespace between them is not part of it.
  const words = text
    .replace(/\?=\s+=\?[^?\s]+\?[Qq]\?/g, '')
    .replace(/=\?[^?\s]+\?([QqBb])\?([^?]*)\?=/g, (_, encoding: string, body: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(body, 'base64').toString('utf8')
        : utf8(
            body
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (__, h: string) => String.fromCharCode(parseInt(h, 16))),
          ),
    );
  const quoted = utf8(
    text
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
  );
  const base64 = (text.match(/(?:^[A-Za-z0-9+/]{8,}={0,2}\r?\n)+/gm) ?? []).map((block) =>
    Buffer.from(block.replace(/\s+/g, ''), 'base64').toString('utf8'),
  );
  return [words, quoted, ...base64].join('\n');
}
