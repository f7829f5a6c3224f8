/**
 * The second listener, "another host" for redirect faults: a redirect points here, and every
 * request that arrives is counted with what it carried. A client that never follows redirects
 * leaves it at zero hits. Loopback only, like the emulator.
 */
import * as http from 'node:http';
import type { Socket } from 'node:net';

export interface ElsewhereHit {
  method: string;
  path: string;
  /** Credentials that arrived here: they must never. */
  carried: { authToken: boolean; authorization: boolean; securityToken: boolean };
  bodyBytes: number;
}

const MAX_RECORDED = 50;

export class ElsewhereListener {
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private recorded: ElsewhereHit[] = [];
  private total = 0;
  url = '';

  constructor() {
    this.server = http.createServer((req, res) => {
      let bytes = 0;
      req.on('data', (c: Buffer) => (bytes += c.length));
      req.on('end', () => {
        this.total += 1;
        this.recorded.push({
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          carried: { authToken: req.headers['x-auth-token'] !== undefined, authorization: req.headers.authorization !== undefined, securityToken: req.headers['x-security-token'] !== undefined },
          bodyBytes: bytes,
        });
        if (this.recorded.length > MAX_RECORDED) {
          this.recorded.shift();
        }
        // A plausible success, so that a client that followed would believe it.
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{}');
      });
    });
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  listen(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        this.server.off('error', reject);
        const addr = this.server.address();
        this.url = `http://127.0.0.1:${typeof addr === 'object' && addr !== null ? addr.port : 0}`;
        resolve(this.url);
      });
    });
  }

  hits(): { count: number; requests: ElsewhereHit[] } {
    return { count: this.total, requests: this.recorded.map((r) => ({ ...r, carried: { ...r.carried } })) };
  }

  reset(): void {
    this.total = 0;
    this.recorded = [];
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
      for (const s of this.sockets) {
        s.destroy();
      }
    });
  }
}
