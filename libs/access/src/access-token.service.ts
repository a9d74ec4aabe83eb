import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { APP_CONFIG, type AppConfig } from '@pbw/core';
import type { AccessTokenClaims } from './tokens';

/** Short-lived access tokens (HS256). Long-lived sessions are refresh tokens, kept in the database. */
@Injectable()
export class AccessTokenService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  issue(userId: string, partnershipId: string): { token: string; expiresAt: Date } {
    const claims: AccessTokenClaims = { sub: userId, pid: partnershipId, typ: 'access' };
    const token = jwt.sign(claims, this.config.jwtSecret, {
      algorithm: 'HS256',
      expiresIn: this.config.accessTokenTtlSeconds,
    });
    return { token, expiresAt: new Date(Date.now() + this.config.accessTokenTtlSeconds * 1000) };
  }

  /** null for anything not a valid, unexpired access token of ours. */
  verify(token: string): AccessTokenClaims | null {
    try {
      const decoded = jwt.verify(token, this.config.jwtSecret, { algorithms: ['HS256'] });
      if (typeof decoded !== 'object' || decoded === null) return null;
      const { sub, pid, typ } = decoded as Partial<AccessTokenClaims>;
      if (typ !== 'access' || typeof sub !== 'string' || typeof pid !== 'string') return null;
      return { sub, pid, typ };
    } catch {
      return null;
    }
  }

  /**
   * A link-sized token for one file download: a browser following a plain link cannot send
   * the bearer header. It names the user, so the download is checked against who they
   * are at the moment they follow it.
   */
  issueDownload(userId: string, partnershipId: string, fileId: string): string {
    const claims: DownloadTokenClaims = { sub: userId, pid: partnershipId, fid: fileId, typ: 'download' };
    return jwt.sign(claims, this.config.jwtSecret, { algorithm: 'HS256', expiresIn: DOWNLOAD_TOKEN_TTL_SECONDS });
  }

  /** The download token's user for exactly this file, or null. */
  verifyDownload(token: string, fileId: string): Pick<AccessTokenClaims, 'sub' | 'pid'> | null {
    try {
      const decoded = jwt.verify(token, this.config.jwtSecret, { algorithms: ['HS256'] });
      if (typeof decoded !== 'object' || decoded === null) return null;
      const { sub, pid, fid, typ } = decoded as Partial<DownloadTokenClaims>;
      if (typ !== 'download' || fid !== fileId || typeof sub !== 'string' || typeof pid !== 'string') return null;
      return { sub, pid };
    } catch {
      return null;
    }
  }
}

/** Long enough to open a page and click; short enough that a copied link soon stops working. */
export const DOWNLOAD_TOKEN_TTL_SECONDS = 10 * 60;

interface DownloadTokenClaims {
  sub: string;
  pid: string;
  fid: string;
  typ: 'download';
}
