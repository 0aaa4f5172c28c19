/** Sends bytes to a listening server as they are, for requests no HTTP client would send (headers too large). */
import { connect } from 'node:net';

/** The whole raw answer of the server at `port` to `request`, read until it closes the connection. */
export function rawHttp(port: number, request: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    socket.on('close', () => resolve(answer));
    // The server may reset the connection once it has answered.
    socket.on('error', (error) => (answer ? resolve(answer) : reject(error)));
  });
}

/** A GET whose one header is larger than Node's 16 KB limit on a request's headers. */
export const OVERSIZED_HEADERS = `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`;

/** The JSON body of a raw HTTP answer. */
export function rawBody(answer: string): unknown {
  return JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
}
